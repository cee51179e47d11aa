package dev.compose2eb.compose.normalize;

import dev.compose2eb.yaml.NumberSyntax;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Byte sizes as docker's go-units {@code RAMInBytes} reads them: a number with an optional
 * {@code b}, {@code k}, {@code m}, {@code g}, {@code t} or {@code p} suffix (binary multipliers),
 * optionally followed by {@code b} or {@code ib}, case-insensitive, fractions truncated.
 */
public final class Sizes {

  private Sizes() {}

  /** Bytes of a size string ({@code 64m}, {@code 1.5g}, {@code 512MiB}); empty when it is not one. */
  public static OptionalLong parse(String text) {
    int sep = lastIndexOfNumberChar(text);
    if (sep < 0) {
      return OptionalLong.empty();
    }
    String num;
    String suffix;
    if (text.charAt(sep) != ' ') {
      num = text.substring(0, sep + 1);
      suffix = text.substring(sep + 1);
    } else {
      num = text.substring(0, sep);
      suffix = text.substring(sep + 1);
    }
    if (!NumberSyntax.isDecimal(num)) {
      return OptionalLong.empty();
    }
    double size = Double.parseDouble(num);
    if (suffix.isEmpty()) {
      return OptionalLong.of((long) size);
    }
    if (suffix.length() > 3) {
      return OptionalLong.empty();
    }
    String sfx = suffix.toLowerCase(Locale.ROOT);
    if (sfx.charAt(0) == 'b') {
      return sfx.length() == 1 ? OptionalLong.of((long) size) : OptionalLong.empty();
    }
    int power = "kmgtp".indexOf(sfx.charAt(0)) + 1;
    if (power == 0) {
      return OptionalLong.empty();
    }
    if ((sfx.length() == 2 && sfx.charAt(1) != 'b') || (sfx.length() == 3 && !sfx.endsWith("ib"))) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((long) (size * Math.pow(1024, power)));
  }

  /** {@code (\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?}, checked without a regex. */
  private static int lastIndexOfNumberChar(String s) {
    for (int i = s.length() - 1; i >= 0; i--) {
      char c = s.charAt(i);
      if ((c >= '0' && c <= '9') || c == '.' || c == ' ') {
        return i;
      }
    }
    return -1;
  }

  /** A short human form for messages: 536870912 → "512MiB". */
  static String human(long bytes) {
    String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = 0;
    while (v >= 1024 && u < units.length - 1 && v % 1024 == 0) {
      v /= 1024;
      u++;
    }
    return (long) v + units[u];
  }
}
