package dev.compose2eb.fake;

import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** The fake's time: a clock whose stamps strictly increase, so events have a total order. */
final class Times {
  private Clock clock = Clock.systemUTC();
  private Instant last = Instant.EPOCH;

  static String iso(Instant instant) {
    return DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.MILLIS));
  }

  synchronized void clock(Clock clock) {
    this.clock = clock;
  }

  /** Now, at millisecond precision, at least one millisecond after the previous stamp. */
  synchronized Instant stamp() {
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    last = now.isAfter(last) ? now : last.plusMillis(1);
    return last;
  }
}
