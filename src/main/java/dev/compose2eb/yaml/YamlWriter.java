package dev.compose2eb.yaml;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;

/**
 * Writes plain Java values (Map in iteration order, List, String, Integer/Long, Double, Boolean,
 * null) as block-style YAML the way {@code docker compose config} lays it out: 2-space indent,
 * sequences indented under their key, LF line ends, a final newline. The same value always gives the
 * same text. Strings are double-quoted whenever a YAML 1.1 or 1.2 reader could take them for
 * anything but that string (see {@link PlainScalars}).
 */
public final class YamlWriter {
  private static final String INDENT = "  ";

  private YamlWriter() {}

  /** The YAML text of {@code value}. */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      writeMap(out, map, 0);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      writeList(out, list, 0);
    } else {
      out.append(inline(value)).append('\n');
    }
    return out.toString();
  }

  private static void writeMap(StringBuilder out, Map<?, ?> map, int depth) {
    boolean first = true;
    for (Map.Entry<?, ?> e : map.entrySet()) {
      if (!first) {
        indent(out, depth);
      }
      first = false;
      if (!(e.getKey() instanceof String key)) {
        throw new IllegalArgumentException("mapping keys must be strings, got " + e.getKey());
      }
      out.append(PlainScalars.render(key)).append(':');
      writeValueAfterKey(out, e.getValue(), depth);
    }
  }

  private static void writeValueAfterKey(StringBuilder out, Object value, int depth) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      out.append('\n');
      indent(out, depth + 1);
      writeMap(out, map, depth + 1);
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      out.append('\n');
      indent(out, depth + 1);
      writeList(out, list, depth + 1);
    } else {
      out.append(' ').append(inline(value)).append('\n');
    }
  }

  /** Items start with "- "; a collection item begins on the same line as its dash. */
  private static void writeList(StringBuilder out, List<?> list, int depth) {
    boolean first = true;
    for (Object item : list) {
      if (!first) {
        indent(out, depth);
      }
      first = false;
      out.append("- ");
      if (item instanceof Map<?, ?> map && !map.isEmpty()) {
        writeMap(out, map, depth + 1);
      } else if (item instanceof List<?> inner && !inner.isEmpty()) {
        writeList(out, inner, depth + 1);
      } else {
        out.append(inline(item)).append('\n');
      }
    }
  }

  private static void indent(StringBuilder out, int depth) {
    out.append(INDENT.repeat(depth));
  }

  /** A scalar, or an empty collection, on one line. */
  private static String inline(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String s) {
      return PlainScalars.render(s);
    }
    if (value instanceof Boolean b) {
      return b.toString();
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger) {
      return value.toString();
    }
    if (value instanceof Double || value instanceof Float) {
      return formatDouble(((Number) value).doubleValue());
    }
    if (value instanceof BigDecimal d) {
      return formatDouble(d.doubleValue());
    }
    if (value instanceof Map<?, ?> map && map.isEmpty()) {
      return "{}";
    }
    if (value instanceof List<?> list && list.isEmpty()) {
      return "[]";
    }
    throw new IllegalArgumentException("cannot write a " + value.getClass().getName() + " as YAML");
  }

  /**
   * A float that reads back as a float in YAML 1.1 and 1.2: always with a dot ("1.0"), an exponent
   * with a sign ("1.0e+21"), and the YAML spellings of infinity and NaN.
   */
  static String formatDouble(double d) {
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? ".inf" : "-.inf";
    }
    String s = Double.toString(d);
    int e = s.indexOf('E');
    if (e < 0) {
      return s;
    }
    String exponent = s.substring(e + 1);
    return s.substring(0, e) + "e" + (exponent.startsWith("-") ? exponent : "+" + exponent);
  }
}
