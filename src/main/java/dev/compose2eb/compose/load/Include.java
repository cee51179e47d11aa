package dev.compose2eb.compose.load;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The {@code include} top-level key: sub-projects whose resources join this one. */
final class Include {
  private Include() {}

  /** One include entry in long form, paths absolute. */
  record Entry(List<Path> files, Path projectDir, List<Path> envFiles) {}

  static Entry parse(Node n, String path, Path dir, Diagnostics diags) {
    if (n instanceof ScalarNode s && s.isString()) {
      Path f = dir.resolve(s.asText()).normalize();
      return new Entry(List.of(f), f.getParent(), List.of());
    }
    if (!(n instanceof MapNode m) || m.get("path") == null) {
      diags.error(n.location(), path, "an include entry must be a path or a mapping with path",
          "e.g. include: [{path: ../db/compose.yaml, env_file: ../db/.env}]");
      return null;
    }
    List<Path> files = paths(m.get("path"), dir);
    if (files.isEmpty()) {
      diags.error(m.location(), path + ".path", "include path is empty", "name a compose file");
      return null;
    }
    Path projectDir = m.get("project_directory") instanceof ScalarNode pd
        ? dir.resolve(pd.asText()).normalize() : files.get(0).getParent();
    List<Path> envFiles = m.get("env_file") == null ? List.of() : paths(m.get("env_file"), dir);
    return new Entry(files, projectDir, envFiles);
  }

  private static List<Path> paths(Node n, Path dir) {
    List<Path> out = new ArrayList<>();
    if (n instanceof SeqNode s) {
      for (Node item : s.items()) {
        if (item instanceof ScalarNode sc) {
          out.add(dir.resolve(sc.asText()).normalize());
        }
      }
    } else if (n instanceof ScalarNode s) {
      out.add(dir.resolve(s.asText()).normalize());
    }
    return out;
  }

  /** Adds the sub-project's services, volumes, networks, secrets and configs; a name clash is an error. */
  static void addResources(MapNode.Builder into, MapNode sub, Path subDir, SourceLocation at,
      Diagnostics diags) {
    for (String kind : List.of("services", "volumes", "networks", "secrets", "configs")) {
      if (!(sub.get(kind) instanceof MapNode imported)) {
        continue;
      }
      MapNode existing = into.get(kind) instanceof MapNode m ? m : MapNode.empty(at);
      MapNode.Builder merged = new MapNode.Builder(existing);
      for (Map.Entry<String, Node> e : imported.entries().entrySet()) {
        if (existing.has(e.getKey())) {
          diags.error(existing.keyLocation(e.getKey()), kind + "." + e.getKey(),
              kind + "." + e.getKey() + " conflicts with imported resource",
              "rename one of them; included projects cannot redefine a resource");
          continue;
        }
        Node value = e.getValue();
        if (kind.equals("services") && value instanceof MapNode svc) {
          value = PathRebaser.rebaseService(svc, subDir);
        }
        merged.put(e.getKey(), imported.keyLocation(e.getKey()), value);
      }
      into.put(kind, merged.build());
    }
  }
}
