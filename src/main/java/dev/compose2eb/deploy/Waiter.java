package dev.compose2eb.deploy;

import dev.compose2eb.aws.Deadline;
import java.time.Clock;
import java.time.Duration;

/** A pause between two polls of a remote state; tests use a short interval. */
interface Waiter {

  /** Waits one interval; false when the deadline has passed (or the thread was interrupted). */
  boolean pause(Deadline deadline);

  /** Waits {@code time} (cut short by the deadline); false when the deadline has passed. */
  boolean pause(Duration time, Deadline deadline);

  /** The interval of {@link #pause(Deadline)}. */
  Duration interval();

  Clock clock();

  static Waiter every(Duration interval, Clock clock) {
    return new Waiter() {
      @Override
      public boolean pause(Deadline deadline) {
        return pause(interval, deadline);
      }

      @Override
      public boolean pause(Duration time, Deadline deadline) {
        if (deadline.passed()) {
          return false;
        }
        try {
          Thread.sleep(Math.max(1, Math.min(time.toMillis(), deadline.remaining().toMillis())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        return !deadline.passed();
      }

      @Override
      public Duration interval() {
        return interval;
      }

      @Override
      public Clock clock() {
        return clock;
      }
    };
  }
}
