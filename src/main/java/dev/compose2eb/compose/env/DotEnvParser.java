package dev.compose2eb.compose.env;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.GoQuoted;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The dotenv grammar of compose-go's {@code dotenv} package (v2.13), statement by statement:
 *
 * <ul>
 *   <li>Blank lines and lines whose first non-blank character is {@code #} are skipped.
 *   <li>{@code [export ]KEY=VALUE} or {@code KEY: VALUE}; keys hold letters, digits, {@code _ . -
 *       [ ]}; spaces around the key are dropped, a space inside it is an error.
 *   <li>A bare {@code KEY} takes its value from the lookup (not from the file) or is left out.
 *   <li>Unquoted values run to the end of the line, lose a {@code " #"} comment and trailing
 *       blanks, and are interpolated.
 *   <li>Quoted values may span lines; a backslash before the quote character escapes it. Single
 *       quotes are literal; double quotes expand {@code \a \b \f \n \r \t \v \\ \" \$ \0NNN}, then
 *       interpolate. Whatever follows the closing quote is parsed as the next statement.
 *   <li>Interpolation asks the lookup first, then the variables defined earlier in the file.
 * </ul>
 */
final class DotEnvParser {
  private static final String KEY_HINT =
      "names may contain letters, digits, \"_\", \".\", \"-\", \"[\" and \"]\", "
          + "e.g. \"API_KEY=value\"";

  private final String file;
  private final String text;
  private final Interpolator.Lookup lookup;
  private final Diagnostics diags;
  private final LinkedHashMap<String, String> out = new LinkedHashMap<>();
  private final Set<String> warned = new HashSet<>();
  private int pos;
  /** Set when a quote is never closed: the rest of the text belongs to it. */
  private boolean unterminated;
  /** Offsets where lines start, built when the first diagnostic needs a position. */
  private List<Integer> lineStarts;

  private DotEnvParser(String file, String text, Interpolator.Lookup lookup, Diagnostics diags) {
    this.file = file;
    this.text = text.startsWith("\uFEFF") ? text.substring(1) : text;
    this.lookup = lookup;
    this.diags = diags;
  }

  static LinkedHashMap<String, String> parse(
      String file, String text, Interpolator.Lookup lookup, Diagnostics diags) {
    DotEnvParser parser = new DotEnvParser(file, text, lookup, diags);
    parser.run();
    return parser.out;
  }

  private void run() {
    while (!unterminated && skipToStatement()) {
      statement();
    }
  }

  /** Moves past blanks and comment lines; false at the end of the text. */
  private boolean skipToStatement() {
    while (true) {
      while (pos < text.length() && isGoSpace(text.charAt(pos))) {
        pos++;
      }
      if (pos >= text.length()) {
        return false;
      }
      if (text.charAt(pos) != '#') {
        return true;
      }
      int newline = text.indexOf('\n', pos);
      if (newline < 0) {
        return false;
      }
      pos = newline;
    }
  }

  /** Parses one statement at {@code pos} and moves past it. */
  private void statement() {
    if (text.startsWith("export", pos) && pos + 6 < text.length()
        && isRegexSpace(text.charAt(pos + 6))) {
      pos = skipBlanks(pos + 6);
    }
    int keyStart = pos;
    int i = keyStart;
    char terminator = '\n';
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (cp == '=' || cp == ':' || cp == '\n') {
        terminator = (char) cp;
        break;
      }
      if (!isBlank(cp) && !isKeyChar(cp)) {
        String line = lineFrom(keyStart);
        diags.error(at(i), "", "unexpected character " + GoQuoted.of(Character.toString(cp))
            + " in variable name " + GoQuoted.of(line), KEY_HINT);
        pos = keyStart + line.length();
        return;
      }
      i += Character.charCount(cp);
    }
    // compose-go reads a bare key on the last line without a newline as the value of an empty
    // key; we read it as the bare key it is meant to be
    String key = trimRightGoSpace(text.substring(keyStart, i));
    boolean keyOk = !key.contains(" ");
    if (!keyOk) {
      diags.error(at(keyStart), "", "key cannot contain a space: " + GoQuoted.of(key),
          "e.g. \"" + key.replace(' ', '_') + "=value\"");
    }
    if (terminator == '\n') {
      pos = Math.min(i + 1, text.length());
      Optional<String> inherited = lookup.get(key);
      if (keyOk && inherited.isPresent()) {
        out.put(key, inherited.get());
      }
      return;
    }
    Optional<String> value = value(key, skipBlanks(i + 1));
    if (keyOk && value.isPresent()) {
      out.put(key, value.get());
    }
  }

  /**
   * Reads the value at {@code start} and moves {@code pos} past it. Empty when the value is in
   * error (reported).
   */
  private Optional<String> value(String key, int start) {
    char quote = start < text.length() ? text.charAt(start) : 0;
    if (quote != '"' && quote != '\'') {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = text.length();
      }
      pos = Math.min(end + 1, text.length());
      String raw = text.substring(start, end);
      int comment = raw.indexOf(" #");
      if (comment >= 0) {
        raw = raw.substring(0, comment);
      }
      return interpolate(key, trimRightGoSpace(raw), start);
    }
    StringBuilder chars = new StringBuilder();
    boolean escaped = false;
    for (int i = start + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (escaped) {
        escaped = false;
        if (c != quote) {
          chars.append('\\'); // only the quote character loses its backslash here
        }
        chars.append(c);
      } else if (c == '\\') {
        escaped = true;
      } else if (c == quote) {
        pos = i + 1;
        return quote == '\''
            ? Optional.of(chars.toString())
            : interpolate(key, expandEscapes(chars.toString()), start);
      } else {
        chars.append(c);
      }
    }
    String opened = lineFrom(start);
    diags.error(at(start), key, "unterminated quoted value " + opened,
        "close the value with " + quote + ", e.g. " + key + "=" + quote + "value" + quote);
    unterminated = true;
    return Optional.empty();
  }

  private Optional<String> interpolate(String key, String raw, int start) {
    // compose-go asks the lookup first: the shell environment beats the file's own definitions
    Interpolator.Lookup lookupFirst = lookup.orElse(Interpolator.Lookup.of(out));
    try {
      return Optional.of(Interpolator.interpolate(raw, lookupFirst, name -> {
        if (warned.add(name)) {
          diags.warning(at(start), key,
              "The \"" + name + "\" variable is not set. Defaulting to a blank string.", "");
        }
      }));
    } catch (InterpolationException e) {
      diags.error(at(start), key, e.getMessage(), e.hint());
      return Optional.empty();
    }
  }

  /**
   * Expands the escape sequences of a double-quoted value: {@code \a \b \f \n \r \t \v \\ \"},
   * {@code \0NNN} (three octal digits, at most 0377), and {@code \$}, which becomes {@code $$} so
   * that interpolation leaves a literal {@code $}. Any other backslash stays as written.
   */
  static String expandEscapes(String s) {
    if (s.indexOf('\\') < 0) {
      return s;
    }
    StringBuilder sb = new StringBuilder(s.length());
    int i = 0;
    while (i < s.length()) {
      char c = s.charAt(i);
      if (c != '\\' || i + 1 >= s.length()) {
        sb.append(c);
        i++;
        continue;
      }
      char n = s.charAt(i + 1);
      switch (n) {
        case 'a' -> sb.append('\u0007');
        case 'b' -> sb.append('\b');
        case 'c' -> sb.append("\\c"); // matched by compose-go but not a Go escape: kept
        case 'f' -> sb.append('\f');
        case 'n' -> sb.append('\n');
        case 'r' -> sb.append('\r');
        case 't' -> sb.append('\t');
        case 'v' -> sb.append('\u000B');
        case '$' -> sb.append("$$");
        case '"' -> sb.append('"');
        case '\\' -> sb.append('\\');
        case '0' -> {
          int end = i + 2;
          while (end < s.length() && end < i + 5 && s.charAt(end) >= '0' && s.charAt(end) <= '9') {
            end++;
          }
          sb.append(octal(s.substring(i, end)));
          i = end;
          continue;
        }
        default -> {
          sb.append('\\');
          i++;
          continue;
        }
      }
      i += 2;
    }
    return sb.toString();
  }

  /** {@code \0NNN} as one character when NNN is three octal digits up to 0377, else unchanged. */
  private static String octal(String match) {
    String digits = match.substring(2);
    if (digits.length() != 3) {
      return match;
    }
    int value = 0;
    for (int k = 0; k < 3; k++) {
      char d = digits.charAt(k);
      if (d > '7') {
        return match;
      }
      value = value * 8 + (d - '0');
    }
    return value > 255 ? match : Character.toString((char) value);
  }

  private String lineFrom(int start) {
    int end = text.indexOf('\n', start);
    return text.substring(start, end < 0 ? text.length() : end);
  }

  private int skipBlanks(int i) {
    while (i < text.length() && isBlank(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private SourceLocation at(int offset) {
    if (lineStarts == null) {
      lineStarts = new ArrayList<>();
      lineStarts.add(0);
      for (int k = text.indexOf('\n'); k >= 0; k = text.indexOf('\n', k + 1)) {
        lineStarts.add(k + 1);
      }
    }
    int found = Collections.binarySearch(lineStarts, offset);
    int line = found >= 0 ? found : -found - 2; // the last line starting at or before offset
    return new SourceLocation(file, line + 1, offset - lineStarts.get(line) + 1);
  }

  /** compose-go's "space but not a line break". */
  private static boolean isBlank(int c) {
    return c == '\t' || c == 0x0B || c == '\f' || c == '\r' || c == ' ' || c == 0x85 || c == 0xA0;
  }

  /** Go's regexp {@code \s}, which follows {@code export}. */
  private static boolean isRegexSpace(char c) {
    return c == '\t' || c == '\n' || c == '\f' || c == '\r' || c == ' ';
  }

  private static boolean isKeyChar(int cp) {
    if (cp == '_' || cp == '.' || cp == '-' || cp == '[' || cp == ']') {
      return true;
    }
    if (Character.isLetter(cp)) {
      return true;
    }
    int type = Character.getType(cp);
    return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
        || type == Character.OTHER_NUMBER;
  }

  /** Go's {@code unicode.IsSpace}. */
  private static boolean isGoSpace(char c) {
    switch (c) {
      case '\t', '\n', 0x0B, '\f', '\r', ' ', 0x85, 0xA0, 0x1680, 0x2028, 0x2029, 0x202F, 0x205F,
          0x3000:
        return true;
      default:
        return c >= 0x2000 && c <= 0x200A;
    }
  }

  private static String trimRightGoSpace(String s) {
    int end = s.length();
    while (end > 0 && isGoSpace(s.charAt(end - 1))) {
      end--;
    }
    return s.substring(0, end);
  }
}
