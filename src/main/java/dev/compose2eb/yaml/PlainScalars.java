package dev.compose2eb.yaml;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides whether a string may be written unquoted: only when every YAML reader, 1.1 (SnakeYAML,
 * PyYAML, go-yaml v2) as well as 1.2 (go-yaml v3), reads it back as that same string. Otherwise it
 * is written double-quoted with escapes. The rules err towards quoting: a needless quote costs
 * nothing, a missing one turns {@code "no"} into false or {@code "22:22"} into 1342.
 */
final class PlainScalars {
  /** YAML 1.1 booleans and nulls, and other words with a meaning, in every case variant. */
  private static final Set<String> WORDS = Set.of(
      "y", "yes", "n", "no", "true", "false", "on", "off", "null", "~", "<<", "=");

  /** Anything starting like a number (sign, digit, dot) made only of number-ish characters. */
  private static final Pattern NUMBER_LIKE =
      Pattern.compile("[-+.]?[0-9.][0-9a-fA-FxXoObB_.:+\\-]*");
  /** YAML 1.1 timestamps start with a four-digit year and a dash. */
  private static final Pattern TIMESTAMP_LIKE = Pattern.compile("[0-9]{4}-.*", Pattern.DOTALL);
  private static final Pattern SPECIAL_FLOAT =
      Pattern.compile("[-+]?\\.(inf|nan)", Pattern.CASE_INSENSITIVE);

  private PlainScalars() {}

  /** The string as a YAML scalar: plain when safe, else double-quoted. */
  static String render(String s) {
    return isPlainSafe(s) ? s : doubleQuoted(s);
  }

  static boolean isPlainSafe(String s) {
    if (s.isEmpty() || WORDS.contains(s.toLowerCase(Locale.ROOT))) {
      return false;
    }
    if ("-?:,[]{}#&*!|>'\"%@` ".indexOf(s.charAt(0)) >= 0 || s.startsWith("...")) {
      return false; // an indicator, or a document end marker
    }
    char last = s.charAt(s.length() - 1);
    if (last == ' ' || last == ':') {
      return false;
    }
    if (s.contains(": ") || s.contains(" #")) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      // printable ASCII, and printable non-ASCII that no reader takes for a line break or a BOM
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0xA0) || c == 0x2028 || c == 0x2029
          || c == 0xFEFF || c >= 0xFFFE || Character.isSurrogate(c)) {
        return false;
      }
    }
    if (!(ScalarResolver.plain(s) instanceof String)) {
      return false; // YAML 1.2 (go-yaml v3) reads it as something else
    }
    return !(NUMBER_LIKE.matcher(s).matches() || TIMESTAMP_LIKE.matcher(s).matches()
        || SPECIAL_FLOAT.matcher(s).matches());
  }

  static String doubleQuoted(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        case '\0' -> sb.append("\\0");
        case 0x07 -> sb.append("\\a");
        case '\b' -> sb.append("\\b");
        case 0x0B -> sb.append("\\v");
        case '\f' -> sb.append("\\f");
        case 0x1B -> sb.append("\\e");
        case 0x85 -> sb.append("\\N");
        default -> {
          if (c < 0x20 || (c >= 0x7F && c < 0xA0)) {
            sb.append(String.format(Locale.ROOT, "\\x%02X", (int) c));
          } else if (c == 0xFEFF || c == 0x2028 || c == 0x2029 || c >= 0xFFFE
              || (Character.isSurrogate(c) && !isPair(s, i))) {
            // a 4-digit escape rather than the L or P escapes, which snakeyaml-engine lacks
            sb.append(String.format(Locale.ROOT, "\\u%04X", (int) c));
          } else if (Character.isHighSurrogate(c)) {
            sb.append(c).append(s.charAt(++i)); // a whole pair: printable
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  private static boolean isPair(String s, int i) {
    return Character.isHighSurrogate(s.charAt(i)) && i + 1 < s.length()
        && Character.isLowSurrogate(s.charAt(i + 1));
  }
}
