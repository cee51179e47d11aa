package dev.compose2eb.dockerrun;

import com.fasterxml.jackson.databind.JsonNode;

/** Renders JSON values for messages: the kind and the value, shortened when long. */
final class JsonValues {
  private static final int MAX_SHOWN = 60;

  private JsonValues() {}

  /** {@code string "80"}, {@code number 6.5}, {@code boolean true}, {@code an array}, {@code null}. */
  static String describe(JsonNode v) {
    if (v.isTextual()) {
      return "string " + quote(v.textValue());
    }
    if (v.isNumber()) {
      return "number " + v.asText();
    }
    if (v.isBoolean()) {
      return "boolean " + v.asText();
    }
    if (v.isArray()) {
      return "an array";
    }
    if (v.isObject()) {
      return "an object";
    }
    return "null";
  }

  /** A JSON string literal, cut to a readable length. */
  static String quote(String s) {
    String shown = s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
    StringBuilder sb = new StringBuilder("\"");
    for (char c : shown.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
