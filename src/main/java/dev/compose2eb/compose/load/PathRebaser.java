package dev.compose2eb.compose.load;

import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Makes the relative paths of a service absolute against the directory of the file that declared
 * it. Needed for services taken from another file (extends with {@code file:}, include), whose
 * paths mean something relative to that file, not to the project directory.
 */
final class PathRebaser {
  private PathRebaser() {}

  static MapNode rebaseService(MapNode service, Path dir) {
    MapNode.Builder b = new MapNode.Builder(service);
    for (Map.Entry<String, Node> e : service.entries().entrySet()) {
      Node v = e.getValue();
      Node r = switch (e.getKey()) {
        case "build" -> rebaseBuild(v, dir);
        case "env_file", "label_file" -> rebaseEnvFiles(v, dir);
        case "volumes" -> rebaseVolumes(v, dir);
        default -> v;
      };
      if (r != v) {
        b.put(e.getKey(), service.keyLocation(e.getKey()), r);
      }
    }
    return b.build();
  }

  static boolean isRelativeLocalPath(String p) {
    return !p.isEmpty() && !p.startsWith("/") && !p.startsWith("~") && !p.contains("://")
        && !p.startsWith("git@") && !(p.length() > 1 && p.charAt(1) == ':' && Character.isLetter(p.charAt(0)));
  }

  private static Node absolute(Node n, Path dir) {
    if (n instanceof ScalarNode s && s.isString() && isRelativeLocalPath(s.asText())) {
      return new ScalarNode(dir.resolve(s.asText()).normalize().toString(), s.location(), s.tag());
    }
    return n;
  }

  private static Node rebaseBuild(Node build, Path dir) {
    if (build instanceof MapNode m) {
      Node ctx = m.get("context");
      Node abs = ctx == null ? ScalarNode.of(dir.toString(), m.location()) : absolute(ctx, dir);
      return new MapNode.Builder(m).put("context", m.keyLocation("context"), abs).build();
    }
    return absolute(build, dir);
  }

  private static Node rebaseEnvFiles(Node v, Path dir) {
    if (v instanceof SeqNode s) {
      List<Node> items = new ArrayList<>();
      for (Node item : s.items()) {
        items.add(rebaseEnvFiles(item, dir));
      }
      return new SeqNode(items, s.location(), s.tag());
    }
    if (v instanceof MapNode m && m.get("path") != null) {
      return new MapNode.Builder(m).put("path", m.keyLocation("path"), absolute(m.get("path"), dir)).build();
    }
    return absolute(v, dir);
  }

  private static Node rebaseVolumes(Node v, Path dir) {
    if (!(v instanceof SeqNode s)) {
      return v;
    }
    List<Node> items = new ArrayList<>();
    for (Node item : s.items()) {
      if (item instanceof ScalarNode sc && sc.isString() && sc.asText().startsWith(".")) {
        String text = sc.asText();
        int colon = text.indexOf(':');
        String source = colon < 0 ? text : text.substring(0, colon);
        String rest = colon < 0 ? "" : text.substring(colon);
        items.add(new ScalarNode(dir.resolve(source).normalize() + rest, sc.location(), sc.tag()));
      } else if (item instanceof MapNode m && m.get("source") != null
          && m.get("type") instanceof ScalarNode t && "bind".equals(t.asText())) {
        items.add(new MapNode.Builder(m).put("source", m.keyLocation("source"),
            absolute(m.get("source"), dir)).build());
      } else {
        items.add(item);
      }
    }
    return new SeqNode(items, s.location(), s.tag());
  }
}
