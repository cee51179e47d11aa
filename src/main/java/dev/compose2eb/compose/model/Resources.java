package dev.compose2eb.compose.model;

import java.util.Optional;

/**
 * Memory and CPU, from {@code mem_limit}/{@code deploy.resources.limits.memory},
 * {@code mem_reservation}/{@code deploy.resources.reservations.memory}, {@code cpus}/
 * {@code deploy.resources.limits.cpus} and {@code cpu_shares}. Sizes in bytes.
 */
public record Resources(
    Optional<Long> memLimit,
    Optional<Long> memReservation,
    Optional<Double> cpus,
    Optional<Double> cpuReservation,
    Optional<Long> cpuShares) {

  public static Resources none() {
    return new Resources(
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }
}
