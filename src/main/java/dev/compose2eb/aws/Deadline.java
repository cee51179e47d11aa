package dev.compose2eb.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The moment a phase of a run must be over by, with the budget it was given (for the message when
 * it runs out). Each phase gets its own: a slow image push must not eat the time the environment
 * needs to become Ready. One small value so every wait (and the whole run) applies the same rule.
 *
 * @param budget how long the phase was given, as the user wrote it
 */
public record Deadline(Clock clock, Instant at, Duration budget) {

  /** A deadline {@code budget} from now. */
  public static Deadline in(Duration budget, Clock clock) {
    return new Deadline(clock, clock.instant().plus(budget), budget);
  }

  public boolean passed() {
    return !clock.instant().isBefore(at);
  }

  /** Time left, zero once passed. */
  public Duration remaining() {
    Duration left = Duration.between(clock.instant(), at);
    return left.isNegative() ? Duration.ZERO : left;
  }

  /** The earlier of the two, keeping that one's budget. */
  public Deadline min(Deadline other) {
    return other.at.isBefore(at) ? other : this;
  }
}
