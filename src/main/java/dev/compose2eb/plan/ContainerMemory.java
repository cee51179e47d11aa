package dev.compose2eb.plan;

import java.util.Optional;

/**
 * The memory of one container, in MiB: at least one of the two is present, and a reservation is
 * below the limit.
 *
 * @param limitMib the hard limit (Dockerrun {@code memory}, compose {@code mem_limit})
 * @param reservationMib the soft reservation ({@code memoryReservation}, {@code mem_reservation})
 * @param stated whether the service stated it; false when the plan chose a reservation
 */
public record ContainerMemory(Optional<Integer> limitMib, Optional<Integer> reservationMib,
    boolean stated) {

  /** What ECS counts when it places the task: the reservation, else the limit. */
  public int placedMib() {
    return reservationMib.or(() -> limitMib).orElse(0);
  }
}
