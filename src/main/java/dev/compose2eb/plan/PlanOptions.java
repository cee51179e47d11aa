package dev.compose2eb.plan;

import java.util.Optional;

/**
 * What the user chose for the plan on the command line; each choice left empty falls back to the
 * project's top-level {@code x-eb} ({@code instance_type}, {@code entry}, {@code keep_dev_mounts}),
 * then to the tool's default.
 *
 * @param instanceType the EC2 instance type the containers run on ({@code --instance-type})
 * @param entry the service (and container port) that serves on host port 80, as
 *     {@code SERVICE[:PORT]} ({@code --entry})
 * @param keepDevMounts keep development mounts ({@code --keep-dev-mounts}); false means "not given"
 * @param defaultMemoryMib the reservation of each container that states no memory
 *     ({@code --default-memory}); empty: they share what the budget leaves
 */
public record PlanOptions(
    Optional<String> instanceType,
    Optional<String> entry,
    boolean keepDevMounts,
    Optional<Integer> defaultMemoryMib) {

  /** Nothing chosen: every decision from the project's x-eb or the defaults. */
  public static PlanOptions defaults() {
    return new PlanOptions(Optional.empty(), Optional.empty(), false, Optional.empty());
  }
}
