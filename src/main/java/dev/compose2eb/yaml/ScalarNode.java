package dev.compose2eb.yaml;

import dev.compose2eb.diag.SourceLocation;
import java.util.Objects;

/**
 * A scalar as go-yaml v3 resolves it: {@code value} is a {@link String}, {@link Long}, {@link
 * Double}, {@link Boolean}, or {@code null} for a YAML null.
 */
public record ScalarNode(Object value, SourceLocation location, MergeTag tag) implements Node {

  public ScalarNode {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(tag, "tag");
    if (value != null
        && !(value instanceof String || value instanceof Long || value instanceof Double
            || value instanceof Boolean)) {
      throw new IllegalArgumentException("unsupported scalar type " + value.getClass());
    }
  }

  public static ScalarNode of(Object value, SourceLocation location) {
    return new ScalarNode(value, location, MergeTag.NONE);
  }

  public boolean isNull() {
    return value == null;
  }

  public boolean isString() {
    return value instanceof String;
  }

  /** The value as compose prints it in a string context: {@code 1.0} as "1", null as "". */
  public String asText() {
    if (value == null) {
      return "";
    }
    if (value instanceof Double d) {
      return formatDouble(d);
    }
    return value.toString();
  }

  static String formatDouble(double d) {
    if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 1e15) {
      return Long.toString((long) d);
    }
    if (Double.isNaN(d)) {
      return ".nan";
    }
    if (Double.isInfinite(d)) {
      return d > 0 ? "+.inf" : "-.inf";
    }
    String s = Double.toString(d);
    return s.contains("E") ? new java.math.BigDecimal(s).stripTrailingZeros().toPlainString() : s;
  }

  @Override
  public Node withTag(MergeTag newTag) {
    return new ScalarNode(value, location, newTag);
  }

  @Override
  public String kindName() {
    if (value == null) {
      return "null";
    }
    if (value instanceof String) {
      return "string";
    }
    if (value instanceof Boolean) {
      return "boolean";
    }
    return "number";
  }
}
