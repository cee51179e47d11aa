package dev.compose2eb.review;

import dev.compose2eb.dockerrun.PortMapping;
import java.util.List;
import java.util.stream.Collectors;

/** Short text forms of model values for diff lines and graph labels. */
final class Render {
  private Render() {}

  /** A JSON string literal. */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** {@code ["npm", "start"]}. */
  static String list(List<String> items) {
    return items.stream().map(Render::quote).collect(Collectors.joining(", ", "[", "]"));
  }

  /** {@code 80:8080/tcp}, or {@code 8080/tcp} for a dynamic host port. */
  static String port(PortMapping p) {
    String host = p.hostPort().filter(h -> h != 0).map(h -> h + ":").orElse("");
    return host + p.containerPort() + "/" + p.protocol();
  }
}
