package dev.compose2eb.aws;

import java.time.Duration;
import java.util.Optional;

/**
 * How long AWS calls may wait. One attempt of a call waits at most {@link #attempt()} for an answer
 * (a socket that never answers costs that, not the SDK's minutes); all the attempts of a call
 * together end with the deadline the run is under, so that {@code --timeout} bounds calls too. The
 * deadline changes as the run moves from phase to phase (the image pushes have their own), hence
 * one mutable holder shared by every client of the run.
 */
public final class CallLimits {
  /** One attempt's limit when none is given (the AWS CLI's read timeout is 60 s; API calls answer in 1). */
  public static final Duration DEFAULT_ATTEMPT = Duration.ofSeconds(30);
  /**
   * What a call started after the deadline passed gets: the reads and the rollback that follow a
   * timeout must still be able to run, briefly.
   */
  static final Duration AFTER_DEADLINE = Duration.ofSeconds(15);

  /** A deadline and the option that set it, for the message when it passes ("--timeout 20m"). */
  record Bound(Deadline deadline, String option) {
    String describe() {
      return option + " " + deadline.budgetText();
    }
  }

  private final Duration attempt;
  private volatile Bound bound;

  public CallLimits(Duration attempt) {
    if (attempt.isNegative() || attempt.isZero()) {
      throw new IllegalArgumentException("an attempt needs some time: " + attempt);
    }
    this.attempt = attempt;
  }

  /** The default attempt limit and no deadline. */
  public static CallLimits standard() {
    return new CallLimits(DEFAULT_ATTEMPT);
  }

  public Duration attempt() {
    return attempt;
  }

  /** Calls from now on end by {@code deadline}; {@code option} names it in messages ("--timeout"). */
  public void within(Deadline deadline, String option) {
    this.bound = new Bound(deadline, option);
  }

  Optional<Bound> bound() {
    return Optional.ofNullable(bound);
  }
}
