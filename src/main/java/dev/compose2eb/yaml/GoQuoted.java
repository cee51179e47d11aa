package dev.compose2eb.yaml;

/**
 * A string double-quoted as Go's {@code %q} and {@code %#v} print it, escaping what would break a
 * one-line message: go-yaml and compose-go quote values this way in the messages we match.
 */
public final class GoQuoted {
  private GoQuoted() {}

  public static String of(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            sb.append(String.format("\\x%02x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }
}
