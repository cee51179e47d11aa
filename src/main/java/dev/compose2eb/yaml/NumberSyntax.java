package dev.compose2eb.yaml;

/**
 * The decimal number syntax YAML floats and compose sizes share: digits, an optional fraction and
 * an optional exponent ({@code 1}, {@code 1.5}, {@code .5}, {@code 2e3}). A char loop, not a regex:
 * it runs for every plain scalar of a file.
 */
public final class NumberSyntax {
  private NumberSyntax() {}

  /** True when all of {@code s} is a decimal number without sign. */
  public static boolean isDecimal(String s) {
    return isFloat(s, 0, true);
  }

  /**
   * YAML 1.2's float syntax from {@code from} (after any sign), checked without a regex:
   * {@code (\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?}, or only {@code \.[0-9]+...} when
   * {@code digitsFirst} is false (a scalar that starts with a dot).
   */
  static boolean isFloat(String s, int from, boolean digitsFirst) {
    int n = s.length();
    int i = digitsFirst ? skipDigits(s, from) : from;
    boolean whole = i > from;
    if (i < n && s.charAt(i) == '.') {
      int fraction = skipDigits(s, i + 1);
      if (!whole && fraction == i + 1) {
        return false; // a dot needs digits on one side, after it when none come before
      }
      i = fraction;
    } else if (!whole) {
      return false;
    }
    if (i < n && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
      int exponent = i + 1;
      if (exponent < n && (s.charAt(exponent) == '+' || s.charAt(exponent) == '-')) {
        exponent++;
      }
      i = skipDigits(s, exponent);
      if (i == exponent) {
        return false;
      }
    }
    return i == n;
  }

  private static int skipDigits(String s, int from) {
    int i = from;
    while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
      i++;
    }
    return i;
  }
}
