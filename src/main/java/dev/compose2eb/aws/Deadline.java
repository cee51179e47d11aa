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

  /**
   * The same budget with {@code left} to go from now: a phase with a budget of its own (the image
   * pushes) ran in between, and its time does not count against this one.
   */
  public Deadline resumedWith(Duration left) {
    return new Deadline(clock, clock.instant().plus(left), budget);
  }

  /** The budget as the user wrote it: 5s, 20m, 1m30s (for messages). */
  public String budgetText() {
    return text(budget);
  }

  /** A duration as a user writes it: 5s, 20m, 1m30s, 0.5s. */
  static String text(Duration d) {
    return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
  }

  /** The earlier of the two, keeping that one's budget. */
  public Deadline min(Deadline other) {
    return other.at.isBefore(at) ? other : this;
  }
}
