package dev.compose2eb.yaml;

import java.math.BigInteger;
import java.util.Map;

/**
 * Gives a scalar its type the way go-yaml v3 (what Docker Compose reads YAML with) does: YAML 1.2 core
 * schema, with go-yaml's quirks kept on purpose so that a file means here what it means to Compose.
 *
 * <ul>
 *   <li>booleans are only true/True/TRUE/false/False/FALSE; yes/no/on/off/y/n stay strings;
 *   <li>no base-60: {@code 22:22} is a string;
 *   <li>ints are parsed like Go's {@code strconv.ParseInt(s, 0, 64)} after removing every underscore,
 *       so {@code 0755} is octal 493, {@code 0x1F}, {@code 0o17}, {@code 0b11} and {@code 1_000} work;
 *   <li>an int that only fits unsigned 64 bits (Go's uint64) becomes a Double here (still a number);
 *       anything larger that looks decimal becomes a float, as go-yaml does; {@code 08} is the float 8.
 * </ul>
 */
final class ScalarResolver {
  static final String CORE_TAG_PREFIX = "tag:yaml.org,2002:";

  /** The type a scalar resolved to, named like go-yaml's short tags for messages. */
  enum Kind {
    NULL("!!null"), BOOL("!!bool"), INT("!!int"), FLOAT("!!float"), STR("!!str");

    final String tag;

    Kind(String tag) {
      this.tag = tag;
    }
  }

  record Resolved(Kind kind, Object value) {}

  private static final Map<String, Resolved> WORDS = Map.ofEntries(
      Map.entry("true", new Resolved(Kind.BOOL, Boolean.TRUE)),
      Map.entry("True", new Resolved(Kind.BOOL, Boolean.TRUE)),
      Map.entry("TRUE", new Resolved(Kind.BOOL, Boolean.TRUE)),
      Map.entry("false", new Resolved(Kind.BOOL, Boolean.FALSE)),
      Map.entry("False", new Resolved(Kind.BOOL, Boolean.FALSE)),
      Map.entry("FALSE", new Resolved(Kind.BOOL, Boolean.FALSE)),
      Map.entry("~", new Resolved(Kind.NULL, null)),
      Map.entry("null", new Resolved(Kind.NULL, null)),
      Map.entry("Null", new Resolved(Kind.NULL, null)),
      Map.entry("NULL", new Resolved(Kind.NULL, null)),
      Map.entry(".nan", new Resolved(Kind.FLOAT, Double.NaN)),
      Map.entry(".NaN", new Resolved(Kind.FLOAT, Double.NaN)),
      Map.entry(".NAN", new Resolved(Kind.FLOAT, Double.NaN)),
      Map.entry(".inf", new Resolved(Kind.FLOAT, Double.POSITIVE_INFINITY)),
      Map.entry(".Inf", new Resolved(Kind.FLOAT, Double.POSITIVE_INFINITY)),
      Map.entry(".INF", new Resolved(Kind.FLOAT, Double.POSITIVE_INFINITY)),
      Map.entry("+.inf", new Resolved(Kind.FLOAT, Double.POSITIVE_INFINITY)),
      Map.entry("+.Inf", new Resolved(Kind.FLOAT, Double.POSITIVE_INFINITY)),
      Map.entry("+.INF", new Resolved(Kind.FLOAT, Double.POSITIVE_INFINITY)),
      Map.entry("-.inf", new Resolved(Kind.FLOAT, Double.NEGATIVE_INFINITY)),
      Map.entry("-.Inf", new Resolved(Kind.FLOAT, Double.NEGATIVE_INFINITY)),
      Map.entry("-.INF", new Resolved(Kind.FLOAT, Double.NEGATIVE_INFINITY)));

  private static final Resolved NULL = new Resolved(Kind.NULL, null);
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

  private ScalarResolver() {}

  /** The value of an untagged plain scalar. */
  static Object plain(String in) {
    if (!in.isEmpty() && !mayResolve(in.charAt(0))) {
      return in; // most scalars: the first character already says "string"
    }
    return resolve(in).value();
  }

  /** Whether a scalar starting with {@code first} can be anything but a string. */
  private static boolean mayResolve(char first) {
    return (first >= '0' && first <= '9') || first == '+' || first == '-' || first == '.'
        || "yYnNtTfFoO~".indexOf(first) >= 0;
  }

  /**
   * The value of a scalar with an explicit core tag ({@code !!str}, {@code !!int}, ...), or null when
   * the tag is not one of those (the caller decides what such a scalar means).
   *
   * @throws IllegalArgumentException when the text cannot be read as the tag says, with go-yaml's
   *     wording
   */
  static Resolved tagged(String tag, String in) {
    String shortTag = tag.startsWith(CORE_TAG_PREFIX)
        ? "!!" + tag.substring(CORE_TAG_PREFIX.length()) : tag;
    Kind wanted = switch (shortTag) {
      case "!!str" -> Kind.STR;
      case "!!int" -> Kind.INT;
      case "!!float" -> Kind.FLOAT;
      case "!!bool" -> Kind.BOOL;
      case "!!null" -> Kind.NULL;
      default -> null;
    };
    if (wanted == null) {
      return null;
    }
    if (wanted == Kind.STR) {
      return new Resolved(Kind.STR, in);
    }
    Resolved got = resolve(in);
    if (got.kind() == wanted) {
      return got;
    }
    if (wanted == Kind.FLOAT && got.kind() == Kind.INT) {
      return new Resolved(Kind.FLOAT, ((Number) got.value()).doubleValue());
    }
    throw new IllegalArgumentException(
        "cannot decode " + got.kind().tag + " `" + in + "` as a " + shortTag);
  }

  /** go-yaml v3's resolve("", in): the first character picks which rules may apply. */
  static Resolved resolve(String in) {
    if (in.isEmpty()) {
      return NULL;
    }
    char first = in.charAt(0);
    boolean digitOrSign = (first >= '0' && first <= '9') || first == '+' || first == '-';
    if (!mayResolve(first)) {
      return new Resolved(Kind.STR, in);
    }
    Resolved word = WORDS.get(in);
    if (word != null) {
      return word;
    }
    if (first == '.') {
      if (NumberSyntax.isFloat(in, 0, false)) {
        double d = Double.parseDouble(in);
        if (!Double.isInfinite(d)) {
          return new Resolved(Kind.FLOAT, d);
        }
      }
    } else if (digitOrSign) {
      Resolved number = number(in);
      if (number != null) {
        return number;
      }
    }
    return new Resolved(Kind.STR, in);
  }

  private static Resolved number(String in) {
    String plain = in.indexOf('_') < 0 ? in : in.replace("_", "");
    boolean signed = !plain.isEmpty() && (plain.charAt(0) == '+' || plain.charAt(0) == '-');
    Number parsed = goParseInt(plain);
    if (parsed instanceof Long small) {
      return new Resolved(Kind.INT, small);
    }
    if (parsed instanceof BigInteger big) {
      if (big.bitLength() < 64) {
        return new Resolved(Kind.INT, big.longValue());
      }
      if (!signed && big.compareTo(UINT64_MAX) <= 0) {
        return new Resolved(Kind.INT, big.doubleValue()); // Go's uint64; no Long can hold it
      }
    }
    if (NumberSyntax.isFloat(plain, signed ? 1 : 0, true)) {
      double d = Double.parseDouble(plain);
      if (!Double.isInfinite(d)) { // Go's ParseFloat fails on overflow, leaving a string
        return new Resolved(Kind.FLOAT, d);
      }
    }
    return null;
  }

  /**
   * Go's strconv.ParseInt(s, 0, ...) syntax without the range check: sign, then 0x/0o/0b/0 prefix.
   * A Long when it has at most 15 significant digits (it fits in every base), else a BigInteger;
   * null when {@code s} is not an integer.
   */
  private static Number goParseInt(String s) {
    int i = 0;
    boolean negative = false;
    if (!s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-')) {
      negative = s.charAt(0) == '-';
      i = 1;
    }
    String rest = s.substring(i);
    if (rest.isEmpty()) {
      return null;
    }
    int base = 10;
    String digits = rest;
    if (rest.charAt(0) == '0' && rest.length() > 1) {
      char p = Character.toLowerCase(rest.charAt(1));
      if (rest.length() >= 3 && (p == 'x' || p == 'o' || p == 'b')) {
        base = p == 'x' ? 16 : p == 'o' ? 8 : 2;
        digits = rest.substring(2);
      } else {
        base = 8; // a leading 0 means octal to Go, as in YAML 1.1
        digits = rest.substring(1);
      }
    }
    int significant = 0;
    for (int k = 0; k < digits.length(); k++) {
      if (significant > 0 || digits.charAt(k) != '0') {
        significant++;
      }
      if (Character.digit(digits.charAt(k), base) < 0 || digits.charAt(k) > 'z') {
        return null;
      }
    }
    if (significant > 64) {
      return null; // beyond 64 bits in any base; also keeps BigInteger off huge hostile inputs
    }
    if (significant <= 15) { // fits a long in every base: skip BigInteger on the common path
      long small = significant == 0 ? 0 : Long.parseLong(digits, base);
      return negative ? -small : small;
    }
    BigInteger value = new BigInteger(digits, base);
    return negative ? value.negate() : value;
  }
}
