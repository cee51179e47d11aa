package dev.compose2eb.dockerrun;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** An ECS health check; command starts with CMD or CMD-SHELL, times are in seconds. */
public record HealthCheck(
    List<String> command,
    Optional<Integer> interval,
    Optional<Integer> timeout,
    Optional<Integer> retries,
    Optional<Integer> startPeriod) {

  public HealthCheck {
    command = List.copyOf(command);
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(retries, "retries");
    Objects.requireNonNull(startPeriod, "startPeriod");
  }

  public static HealthCheck of(List<String> command) {
    return new HealthCheck(command, Optional.empty(), Optional.empty(), Optional.empty(),
        Optional.empty());
  }
}
