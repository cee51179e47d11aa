package dev.compose2eb.compose.load;

import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Link;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.VolumesFrom;
import dev.compose2eb.diag.Diagnostics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks across services: every service named in depends_on, links and volumes_from exists, and
 * depends_on (with the entries links, volumes_from and service: namespaces imply) has no cycle.
 */
final class ProjectChecks {
  private ProjectChecks() {}

  static void check(Project p, Diagnostics diags) {
    Set<String> known = p.services().stream().map(Service::name).collect(Collectors.toSet());
    Set<String> disabled = Set.copyOf(p.disabledServices());
    for (Service s : p.services()) {
      String at = "services." + s.name();
      s.build().filter(b -> !b.remoteContext() && !Files.isDirectory(Path.of(b.context())))
          .ifPresent(b -> diags.error(b.location(), at + ".build", "build context \""
                  + shown(p, b.context()) + "\" " + (Files.exists(Path.of(b.context()))
                  ? "is not a directory" : "does not exist"),
              "create it, or fix the path: docker compose refuses a build path that does not exist"));
      // links and volumes_from imply a depends_on entry; an unknown name is reported once, there
      Set<String> implied = new java.util.HashSet<>();
      s.links().forEach(l -> implied.add(l.service()));
      s.volumesFrom().forEach(v -> implied.add(v.name()));
      for (DependsOn d : s.dependsOn().values()) {
        if (!known.contains(d.service()) && !disabled.contains(d.service())
            && !implied.contains(d.service())) {
          diags.error(d.location(), at + ".depends_on", "service \"" + s.name()
                  + "\" depends on undefined service \"" + d.service() + "\"",
              "define it under services:, or remove the dependency" + nearest(d.service(), known));
        }
        if (d.service().equals(s.name())) {
          diags.error(d.location(), at + ".depends_on", "service \"" + s.name()
              + "\" depends on itself", "remove the entry");
        }
      }
      for (Link l : s.links()) {
        if (!known.contains(l.service()) && !disabled.contains(l.service())) {
          diags.error(l.location(), at + ".links", "service \"" + s.name()
                  + "\" has a link to undefined service \"" + l.service() + "\"",
              "define it under services:, or remove the link" + nearest(l.service(), known));
        }
      }
      for (VolumesFrom v : s.volumesFrom()) {
        if (!v.container() && !known.contains(v.name()) && !disabled.contains(v.name())) {
          diags.error(v.location(), at + ".volumes_from", "service \"" + s.name()
                  + "\" takes volumes from undefined service \"" + v.name() + "\"",
              "name a service, or container:NAME for a container outside the project"
                  + nearest(v.name(), known));
        }
      }
    }
  }

  /**
   * A depends_on cycle, reported as compose-go's {@code graph.CheckCycle} reports it ("dependency
   * cycle detected: a -> b -> c -> a"): services and their dependencies visited in name order, the
   * first cycle found. A depth-first search that skips services already finished finds the same
   * first cycle as compose-go's search of every path, in linear time; it is iterative, so a long
   * chain cannot overflow the stack.
   */
  static void checkCycle(Project p, Diagnostics diags) {
    Map<String, TreeSet<String>> children = new TreeMap<>();
    for (Service s : p.services()) {
      TreeSet<String> deps = new TreeSet<>();
      for (String d : s.dependsOn().keySet()) {
        if (!d.equals(s.name()) && p.service(d).isPresent()) {
          deps.add(d); // a self-dependency is reported on its own; an unknown one too
        }
      }
      children.put(s.name(), deps);
    }
    Map<String, Boolean> finished = new HashMap<>(); // false: on the current path; true: done
    for (String start : children.keySet()) {
      if (finished.containsKey(start)) {
        continue;
      }
      List<String> path = new ArrayList<>();
      Deque<Iterator<String>> next = new ArrayDeque<>();
      path.add(start);
      finished.put(start, false);
      next.push(children.get(start).iterator());
      while (!next.isEmpty()) {
        Iterator<String> it = next.peek();
        if (!it.hasNext()) {
          next.pop();
          finished.put(path.remove(path.size() - 1), true);
          continue;
        }
        String child = it.next();
        Boolean state = finished.get(child);
        if (state == null) {
          path.add(child);
          finished.put(child, false);
          next.push(children.get(child).iterator());
        } else if (!state) {
          List<String> cycle = new ArrayList<>(path.subList(path.indexOf(child), path.size()));
          cycle.add(child);
          String from = cycle.get(cycle.size() - 2);
          Service s = p.service(from).orElseThrow();
          Optional<DependsOn> edge = Optional.ofNullable(s.dependsOn().get(child));
          diags.error(edge.map(DependsOn::location).orElse(s.location()),
              "services." + from + ".depends_on", "dependency cycle detected: "
                  + String.join(" -> ", cycle), "remove one of these dependencies (or the link,"
                  + " volumes_from or service: reference that implies it)");
          return;
        }
      }
    }
  }

  /** A path as the user would write it: relative to the project directory when inside it. */
  private static String shown(Project p, String path) {
    Path abs = Path.of(path).normalize();
    return abs.startsWith(p.workingDir()) ? "./" + p.workingDir().relativize(abs).toString()
        .replace('\\', '/') : path;
  }

  private static String nearest(String name, Set<String> known) {
    return dev.compose2eb.diag.Suggestions.nearest(name, known.stream().sorted().toList())
        .map(n -> " (did you mean \"" + n + "\"?)").orElse("");
  }
}
