package dev.compose2eb.compose.load;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies {@code extends}: the base service is cloned and the extending definition merged on top
 * with the override rules. Recursive; a cycle is an error naming it. The paths of a base taken
 * from another file are made absolute against that file's directory first.
 */
final class Extends {
  private final ComposeLoader loader;
  private final Diagnostics diags;
  private final TreeMerger merger;
  private final Map<String, MapNode> resolved = new HashMap<>();
  private final Set<Path> unreadable = new HashSet<>();
  private Map<String, String> env = Map.of();

  Extends(ComposeLoader loader, Diagnostics diags, TreeMerger merger) {
    this.loader = loader;
    this.diags = diags;
    this.merger = merger;
  }

  Extends withEnvironment(Map<String, String> environment) {
    this.env = environment;
    return this;
  }

  /** A file whose services can be extended: its services and the directory its paths are relative to. */
  private record Scope(Path file, Path dir, MapNode services) {}

  MapNode apply(MapNode root, Path mainFile, Path projectDir) {
    if (!(root.get("services") instanceof MapNode services)) {
      return root;
    }
    Scope scope = new Scope(mainFile, projectDir, services);
    MapNode.Builder out = new MapNode.Builder(services);
    boolean changed = false;
    for (String name : services.keys()) {
      if (services.get(name) instanceof MapNode svc && svc.has("extends")) {
        out.put(name, services.keyLocation(name), resolve(name, scope, new ArrayList<>()));
        changed = true;
      }
    }
    if (!changed) {
      return root;
    }
    return new MapNode.Builder(root).put("services", root.keyLocation("services"), out.build()).build();
  }

  private MapNode resolve(String name, Scope scope, List<String> stack) {
    String key = scope.file() + "#" + name;
    MapNode done = resolved.get(key);
    if (done != null) {
      return done;
    }
    MapNode svc = (MapNode) scope.services().get(name);
    Node ext = svc.get("extends");
    if (ext == null) {
      return svc;
    }
    String path = "services." + name + ".extends";
    if (stack.contains(key)) {
      List<String> cycle = new ArrayList<>(stack.subList(stack.indexOf(key), stack.size()));
      cycle.add(key);
      diags.error(ext.location(), path, "extends cycle: " + String.join(" -> ",
              cycle.stream().map(k -> k.substring(k.indexOf('#') + 1)).toList()),
          "a service cannot extend itself, directly or through others");
      return without(svc);
    }
    stack.add(key);
    String ref;
    Scope baseScope = scope;
    if (ext instanceof ScalarNode s && s.isString()) {
      ref = s.asText();
    } else if (ext instanceof MapNode m && m.get("service") instanceof ScalarNode s) {
      ref = s.asText();
      if (m.get("file") instanceof ScalarNode f && !f.asText().isEmpty()) {
        Path file = scope.dir().resolve(f.asText()).normalize();
        int errorsBefore = diags.errorCount();
        MapNode other = loader.extendsFile(file, env);
        if (diags.errorCount() > errorsBefore) {
          unreadable.add(file);
        }
        if (unreadable.contains(file)) {
          // the file's own errors say what is wrong; "service not found" would only add noise
          stack.remove(key);
          return without(svc);
        }
        MapNode otherServices = other.get("services") instanceof MapNode os ? os
            : MapNode.empty(other.location());
        baseScope = new Scope(file, file.getParent(), otherServices);
      }
    } else {
      diags.error(ext.location(), path, "extends must be a service name or a mapping with service",
          "e.g. extends: {service: base, file: common.yaml}");
      stack.remove(key);
      return without(svc);
    }
    if (!(baseScope.services().get(ref) instanceof MapNode)) {
      diags.error(ext.location(), path, "cannot extend service \"" + name + "\" in "
              + loader.display(baseScope.file()) + ": service \"" + ref + "\" not found",
          "name a service defined in that file");
      stack.remove(key);
      return without(svc);
    }
    MapNode base = resolve(ref, baseScope, stack);
    if (baseScope != scope) {
      base = PathRebaser.rebaseService(base, baseScope.dir());
    }
    stack.remove(key);
    MapNode merged = merger.mergeService(without(base), without(svc));
    resolved.put(key, merged);
    return merged;
  }

  private static MapNode without(MapNode svc) {
    return svc.has("extends") ? new MapNode.Builder(svc).remove("extends").build() : svc;
  }
}
