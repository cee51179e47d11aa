package dev.compose2eb.compose.model;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * {@code healthcheck} in canonical form.
 *
 * @param test {@code ["CMD", ...]}, {@code ["CMD-SHELL", "..."]} or {@code ["NONE"]}; empty when
 *     only timings are given (the image's test is kept)
 * @param disable true for {@code disable: true} or a {@code NONE} test
 */
public record Healthcheck(
    List<String> test,
    Optional<Duration> interval,
    Optional<Duration> timeout,
    Optional<Integer> retries,
    Optional<Duration> startPeriod,
    Optional<Duration> startInterval,
    boolean disable) {

  public Healthcheck {
    test = List.copyOf(test);
  }
}
