package dev.compose2eb.deploy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A pause between two polls of a remote state; tests use a short interval. */
interface Waiter {

  /** Waits one interval; false when the deadline has passed (or the thread was interrupted). */
  boolean pause(Instant deadline);

  Clock clock();

  static Waiter every(Duration interval, Clock clock) {
    return new Waiter() {
      @Override
      public boolean pause(Instant deadline) {
        if (!clock.instant().isBefore(deadline)) {
          return false;
        }
        try {
          Thread.sleep(Math.max(1, interval.toMillis()));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
        return clock.instant().isBefore(deadline);
      }

      @Override
      public Clock clock() {
        return clock;
      }
    };
  }
}
