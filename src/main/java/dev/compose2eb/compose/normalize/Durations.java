package dev.compose2eb.compose.normalize;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Go's {@code time.ParseDuration} and {@code Duration.String}, which compose uses for all durations. */
final class Durations {
  private static final Map<String, Long> UNITS = Map.of(
      "ns", 1L, "us", 1_000L, "\u00b5s", 1_000L, "\u03bcs", 1_000L, "ms", 1_000_000L,
      "s", 1_000_000_000L, "m", 60_000_000_000L, "h", 3_600_000_000_000L);

  private Durations() {}

  /** Parses {@code 1m30s}, {@code 10ms}, {@code 1.5s}, {@code -2h}; empty when the syntax is wrong. */
  static Optional<Duration> parse(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '-' || s.charAt(0) == '+')) {
      negative = s.charAt(0) == '-';
      i++;
    }
    if (s.length() == i + 1 && s.charAt(i) == '0') {
      return Optional.of(Duration.ZERO);
    }
    if (i == s.length()) {
      return Optional.empty();
    }
    // Whole numbers add up in a long; a fraction or a sum near overflow switches to BigDecimal.
    long sum = 0;
    BigDecimal total = null;
    while (i < s.length()) {
      int start = i;
      while (i < s.length() && (Character.isDigit(s.charAt(i)) || s.charAt(i) == '.')) {
        i++;
      }
      String number = s.substring(start, i);
      if (number.isEmpty() || number.equals(".") || number.indexOf('.') != number.lastIndexOf('.')) {
        return Optional.empty();
      }
      int unitStart = i;
      while (i < s.length() && !Character.isDigit(s.charAt(i)) && s.charAt(i) != '.') {
        i++;
      }
      Long unit = UNITS.get(s.substring(unitStart, i));
      if (unit == null) {
        return Optional.empty();
      }
      if (total == null && number.indexOf('.') < 0 && number.length() <= 18) {
        long value = Long.parseLong(number);
        if (value <= (Long.MAX_VALUE - sum) / unit) {
          sum += value * unit;
          continue;
        }
      }
      if (total == null) {
        total = BigDecimal.valueOf(sum);
      }
      total = total.add(new BigDecimal(number.endsWith(".") ? number + "0" : number).multiply(BigDecimal.valueOf(unit)));
    }
    if (total != null && total.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
      return Optional.empty();
    }
    long nanos = total == null ? sum : total.longValue();
    return Optional.of(Duration.ofNanos(negative ? -nanos : nanos));
  }

  /** Formats like Go: {@code 1m30s}, {@code 1h0m0s}, {@code 1.5s}, {@code 10ms}, {@code 0s}. */
  static String format(Duration d) {
    long nanos = d.toNanos();
    if (nanos == 0) {
      return "0s";
    }
    boolean negative = nanos < 0;
    long u = Math.abs(nanos);
    String out;
    if (u < 1_000_000_000L) {
      if (u < 1_000L) {
        out = u + "ns";
      } else if (u < 1_000_000L) {
        out = fraction(u, 3) + "\u00b5s";
      } else {
        out = fraction(u, 6) + "ms";
      }
    } else {
      String seconds = fraction(u % 60_000_000_000L, 9) + "s";
      long minutes = u / 60_000_000_000L;
      StringBuilder sb = new StringBuilder();
      if (minutes > 0) {
        long hours = minutes / 60;
        if (hours > 0) {
          sb.append(hours).append('h');
        }
        sb.append(minutes % 60).append('m');
      }
      out = sb.append(seconds).toString();
    }
    return negative ? "-" + out : out;
  }

  /** {@code v / 10^digits} with trailing zeros of the fraction dropped. */
  private static String fraction(long v, int digits) {
    BigDecimal value = BigDecimal.valueOf(v).movePointLeft(digits).stripTrailingZeros();
    return value.scale() <= 0 ? value.toBigInteger().toString() : value.toPlainString();
  }
}
