package dev.compose2eb.compose.env;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Compose variable interpolation, with the semantics of compose-go's {@code template} package
 * (v2.13): {@code $$}, {@code $VAR}, {@code ${VAR}}, and {@code ${VAR<op>arg}} for the operators
 * {@code :- - :? ? :+ +}.
 *
 * <p>compose-go finds references with a regular expression and then re-splits braced matches by
 * counting braces; this scanner reproduces the observable result of that, quirks included:
 *
 * <ul>
 *   <li>A {@code $} followed by neither {@code $}, a name nor <code>{</code> stays as it is
 *       ({@code "$1"}, {@code "a $ b"}, <code>"$}"</code>, a trailing {@code $}).
 *   <li>Names are {@code [_a-zA-Z][_a-zA-Z0-9]*}, matched case-insensitively by Go, which also
 *       lets U+017F and U+212A in (they case-fold to {@code s} and {@code k}).
 *   <li>After an operator, the reference may only close on the same line: the argument runs to
 *       the first brace that balances the opening one, counting every <code>{</code> (and
 *       skipping the character after it), or else to the last <code>}</code> of the line.
 *   <li>An argument (default, alternative, error message) is interpolated only when it is used.
 * </ul>
 */
public final class Interpolator {

  /** Where variable values come from; empty means unset (distinct from set to ""). */
  @FunctionalInterface
  public interface Lookup {
    Optional<String> get(String name);

    /** A lookup over a fixed map. */
    static Lookup of(Map<String, String> values) {
      Objects.requireNonNull(values, "values");
      return name -> Optional.ofNullable(values.get(name));
    }

    /** This lookup, falling back to {@code next} for names it does not know. */
    default Lookup orElse(Lookup next) {
      return name -> {
        Optional<String> v = get(name);
        return v.isPresent() ? v : next.get(name);
      };
    }
  }

  private static final Consumer<String> IGNORE = name -> {};

  /**
   * How deep {@code ${A:-${B:-...}}} may nest. Compose sets no limit, but each level is a frame
   * of recursion here, and no real file needs more than a few.
   */
  public static final int MAX_NESTING = 64;

  private final String template;
  private int nesting;
  private final Lookup lookup;
  private final Consumer<String> unsetVariable;

  private Interpolator(String template, Lookup lookup, Consumer<String> unsetVariable) {
    this.template = template;
    this.lookup = lookup;
    this.unsetVariable = unsetVariable;
  }

  /** Interpolates {@code template}; an unset variable without an operator becomes "". */
  public static String interpolate(String template, Lookup lookup) throws InterpolationException {
    return interpolate(template, lookup, IGNORE);
  }

  /**
   * Interpolates {@code template}, telling {@code unsetVariable} the name of every variable that
   * was referenced without an operator and is unset (docker compose warns about those: {@code
   * The "X" variable is not set. Defaulting to a blank string.}).
   */
  public static String interpolate(String template, Lookup lookup, Consumer<String> unsetVariable)
      throws InterpolationException {
    Objects.requireNonNull(template, "template");
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(unsetVariable, "unsetVariable");
    if (template.indexOf('$') < 0) {
      return template;
    }
    return new Interpolator(template, lookup, unsetVariable).expand(template);
  }

  private String expand(String s) throws InterpolationException {
    int dollar = s.indexOf('$');
    if (dollar < 0) {
      return s;
    }
    StringBuilder out = new StringBuilder(s.length());
    int i = 0;
    while (dollar >= 0) {
      out.append(s, i, dollar);
      i = dollar + 1;
      if (i < s.length()) {
        char next = s.charAt(i);
        if (next == '$') {
          out.append('$');
          i++;
        } else if (isNameStart(next)) {
          int end = nameEnd(s, i);
          out.append(plain(s.substring(i, end)));
          i = end;
        } else if (next == '{') {
          i = braced(s, dollar, out);
        } else {
          out.append('$');
        }
      } else {
        out.append('$');
      }
      dollar = s.indexOf('$', i);
    }
    return out.append(s, i, s.length()).toString();
  }

  /** Expands the reference starting with <code>${</code> at {@code d}; returns where to go on. */
  private int braced(String s, int d, StringBuilder out) throws InterpolationException {
    int nameStart = d + 2;
    if (nameStart >= s.length() || !isNameStart(s.charAt(nameStart))) {
      throw InterpolationException.invalidFormat(template);
    }
    int nameEnd = nameEnd(s, nameStart);
    String name = s.substring(nameStart, nameEnd);
    if (nameEnd < s.length() && s.charAt(nameEnd) == '}') {
      out.append(plain(name));
      return nameEnd + 1;
    }
    Operator op = Operator.at(s, nameEnd);
    if (op == null) {
      throw InterpolationException.invalidFormat(template);
    }
    int argStart = nameEnd + op.symbol.length();
    int close = closingBrace(s, d);
    if (close < argStart) {
      throw InterpolationException.invalidFormat(template);
    }
    out.append(apply(op, name, s.substring(argStart, close)));
    return close + 1;
  }

  private String apply(Operator op, String name, String arg) throws InterpolationException {
    if (++nesting > MAX_NESTING) {
      throw InterpolationException.tooDeep(template);
    }
    try {
      return applyOnce(op, name, arg);
    } finally {
      nesting--;
    }
  }

  private String applyOnce(Operator op, String name, String arg) throws InterpolationException {
    Optional<String> found = lookup.get(name);
    boolean set = found.isPresent();
    String value = found.orElse("");
    switch (op) {
      case DEFAULT_IF_EMPTY:
        return set && !value.isEmpty() ? value : expand(arg);
      case DEFAULT_IF_UNSET:
        return set ? value : expand(arg);
      case ALTERNATIVE_IF_NOT_EMPTY:
        return set && !value.isEmpty() ? expand(arg) : value;
      case ALTERNATIVE_IF_SET:
        return set ? expand(arg) : value;
      case REQUIRED_NOT_EMPTY:
        if (set && !value.isEmpty()) {
          return value;
        }
        throw InterpolationException.required(template, name, expand(arg));
      case REQUIRED_SET:
        if (set) {
          return value;
        }
        throw InterpolationException.required(template, name, expand(arg));
      default:
        throw new IllegalStateException("unknown operator " + op);
    }
  }

  private String plain(String name) {
    Optional<String> value = lookup.get(name);
    if (value.isEmpty()) {
      unsetVariable.accept(name);
      return "";
    }
    return value.get();
  }

  /**
   * Where the reference opened at {@code d} closes, or -1. compose-go takes everything up to the
   * last <code>}</code> of the line, then cuts it at the first brace that balances the opening
   * one, counting every <code>{</code> as an opening (and skipping the character after it). One
   * forward pass gives the same answer: the balancing brace if the line has one, else the line's
   * last brace.
   */
  private static int closingBrace(String s, int d) {
    int depth = 0;
    int lastBrace = -1;
    for (int k = d; k < s.length(); k++) {
      char c = s.charAt(k);
      if (c == '\n') {
        break;
      }
      if (c == '}') {
        lastBrace = k;
        if (--depth == 0) {
          return k;
        }
      } else if (c == '{') {
        depth++;
        if (k + 1 < s.length()) {
          char skipped = s.charAt(k + 1);
          if (skipped == '\n') {
            break;
          }
          if (skipped == '}') {
            lastBrace = k + 1;
          }
        }
        k++;
      }
    }
    return lastBrace;
  }

  private static boolean isNameStart(char c) {
    return c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')
        || c == '\u017F' || c == '\u212A';
  }

  private static boolean isNamePart(char c) {
    return isNameStart(c) || (c >= '0' && c <= '9');
  }

  private static int nameEnd(String s, int start) {
    int i = start + 1;
    while (i < s.length() && isNamePart(s.charAt(i))) {
      i++;
    }
    return i;
  }

  /** The operators, in compose-go's order; the one written right after the name applies. */
  private enum Operator {
    REQUIRED_NOT_EMPTY(":?"),
    REQUIRED_SET("?"),
    DEFAULT_IF_EMPTY(":-"),
    DEFAULT_IF_UNSET("-"),
    ALTERNATIVE_IF_NOT_EMPTY(":+"),
    ALTERNATIVE_IF_SET("+");

    final String symbol;

    Operator(String symbol) {
      this.symbol = symbol;
    }

    static Operator at(String s, int i) {
      if (i >= s.length()) {
        return null;
      }
      char c = s.charAt(i);
      if (c == ':' && i + 1 < s.length()) {
        switch (s.charAt(i + 1)) {
          case '?': return REQUIRED_NOT_EMPTY;
          case '-': return DEFAULT_IF_EMPTY;
          case '+': return ALTERNATIVE_IF_NOT_EMPTY;
          default: return null;
        }
      }
      switch (c) {
        case '?': return REQUIRED_SET;
        case '-': return DEFAULT_IF_UNSET;
        case '+': return ALTERNATIVE_IF_SET;
        default: return null;
      }
    }
  }
}
