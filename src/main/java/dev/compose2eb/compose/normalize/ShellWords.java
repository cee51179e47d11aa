package dev.compose2eb.compose.normalize;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Splits a command string into words exactly as compose does (mattn/go-shellwords without
 * environment or backtick expansion): quotes and backslashes are honoured, {@code $(...)} and
 * backticks are kept as text, and an unquoted {@code ; & | < >} ends the command — compose drops
 * everything from there on, which {@link Result#cutAt} reports.
 */
final class ShellWords {

  private ShellWords() {}

  /**
   * @param words the words read
   * @param cutAt the index in the input where reading stopped at a shell operator, if it did
   */
  record Result(List<String> words, Optional<Integer> cutAt) {}

  /** The words of {@code line}, or empty when quotes or parentheses are unbalanced. */
  static Optional<Result> split(String line) {
    List<String> args = new ArrayList<>();
    StringBuilder buf = new StringBuilder();
    boolean escaped = false;
    boolean doubleQuoted = false;
    boolean singleQuoted = false;
    boolean backQuote = false;
    boolean dollarQuote = false;
    boolean got = false;
    Integer cut = null;
    int[] runes = line.codePoints().toArray();
    int charIndex = 0;
    loop:
    for (int r : runes) {
      int at = charIndex;
      charIndex += Character.charCount(r);
      if (escaped) {
        escaped = false;
        if (backQuote || dollarQuote) {
          buf.append('\\').appendCodePoint(r);
        } else {
          buf.appendCodePoint(r == 't' ? '\t' : r == 'n' ? '\n' : r);
        }
        got = true;
        continue;
      }
      if (r == '\\') {
        if (singleQuoted) {
          buf.append('\\');
        } else {
          escaped = true;
        }
        continue;
      }
      if (r == ' ' || r == '\t' || r == '\r' || r == '\n') {
        if (singleQuoted || doubleQuoted || backQuote || dollarQuote) {
          buf.appendCodePoint(r);
        } else if (got) {
          args.add(buf.toString());
          buf.setLength(0);
          got = false;
        }
        continue;
      }
      boolean quoted = singleQuoted || doubleQuoted;
      switch (r) {
        case '`' -> {
          if (!quoted && !dollarQuote) {
            backQuote = !backQuote;
          }
        }
        case ')' -> {
          if (!quoted && !backQuote) {
            dollarQuote = !dollarQuote;
          }
        }
        case '(' -> {
          if (!quoted && !backQuote) {
            if (!dollarQuote && buf.toString().endsWith("$")) {
              dollarQuote = true;
              buf.append('(');
              continue;
            }
            return Optional.empty();
          }
        }
        case '"' -> {
          if (!singleQuoted && !dollarQuote && !backQuote) {
            if (doubleQuoted) {
              got = true;
            }
            doubleQuoted = !doubleQuoted;
            continue;
          }
        }
        case '\'' -> {
          if (!doubleQuoted && !dollarQuote && !backQuote) {
            if (singleQuoted) {
              got = true;
            }
            singleQuoted = !singleQuoted;
            continue;
          }
        }
        case ';', '&', '|', '<', '>' -> {
          if (!quoted && !backQuote && !dollarQuote) {
            cut = at;
            if (r == '>' && buf.length() > 0 && buf.chars().allMatch(c -> c >= '0' && c <= '9')) {
              cut = at - buf.length(); // "2>" redirects: the digits belong to the operator
              got = false;
            }
            break loop;
          }
        }
        default -> {
          // an ordinary character
        }
      }
      got = true;
      buf.appendCodePoint(r);
    }
    if (got) {
      args.add(buf.toString());
    }
    if (escaped || singleQuoted || doubleQuoted || backQuote || dollarQuote) {
      return Optional.empty();
    }
    return Optional.of(new Result(args, Optional.ofNullable(cut)));
  }
}
