package dev.compose2eb.compose.model;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** The parts of {@code deploy} other than resources (which live in {@link Resources}). */
public record Deploy(
    Optional<String> mode,
    Optional<Integer> replicas,
    Optional<RestartPolicy> restartPolicy,
    Map<String, String> labels) {

  public Deploy {
    labels = Project.ordered(labels);
  }

  /** {@code deploy.restart_policy}. */
  public record RestartPolicy(
      Optional<String> condition,
      Optional<Duration> delay,
      Optional<Integer> maxAttempts,
      Optional<Duration> window) {}
}
