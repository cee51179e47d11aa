package dev.compose2eb.dockerrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** References between parts of the file: links, dependsOn, mountPoints, volumesFrom. */
final class ReferenceRules {
  static final List<String> CONDITIONS = List.of("START", "COMPLETE", "SUCCESS", "HEALTHY");
  /**
   * The cycle walk recurses once per container; past this many (ten times the ECS limit, which is
   * reported anyway) the input is generated or hostile and the walk is skipped.
   */
  static final int MAX_CONTAINERS_FOR_CYCLES = 100;
  /** Hints name at most this many containers. */
  private static final int MAX_NAMES_SHOWN = 10;

  private final Check check;
  private final List<Check.Item> containers;
  /** Containers by valid name, first occurrence wins (duplicates are reported elsewhere). */
  private final Map<String, Check.Item> byName = new LinkedHashMap<>();
  /** Containers another one waits for with SUCCESS or COMPLETE: they have exited by then. */
  private final Map<String, String> waitedToComplete = new LinkedHashMap<>();
  private final Set<String> volumes = new HashSet<>();

  ReferenceRules(Check check, List<Check.Item> containers) {
    this.check = check;
    this.containers = containers;
    for (Check.Item c : containers) {
      Check.text(c.node(), "name").filter(n -> n.matches(ContainerRules.NAME_PATTERN))
          .ifPresent(n -> byName.putIfAbsent(n, c));
    }
    for (Check.Item v : Check.objects(check.doc.root(), "", "volumes")) {
      Check.text(v.node(), "name").ifPresent(volumes::add);
    }
  }

  void run() {
    Graph links = new Graph();
    Graph dependencies = new Graph();
    for (Check.Item c : containers) {
      for (Check.Item d : Check.objects(c.node(), c.path(), "dependsOn")) {
        Optional<String> condition = Check.text(d.node(), "condition")
            .filter(x -> x.equals("SUCCESS") || x.equals("COMPLETE"));
        Optional<String> target = Check.text(d.node(), "containerName");
        if (condition.isPresent() && target.isPresent()) {
          waitedToComplete.putIfAbsent(target.get(), Check.text(c.node(), "name").orElse("a"
              + " container") + " waits for it with " + condition.get());
        }
      }
    }
    for (Check.Item c : containers) {
      Optional<String> self = Check.text(c.node(), "name");
      links(c, self, links);
      dependsOn(c, self, dependencies);
      mountPoints(c);
      volumesFrom(c, self);
    }
    if (byName.size() > MAX_CONTAINERS_FOR_CYCLES) {
      return;
    }
    for (Graph.Cycle cycle : links.cycles(byName.keySet())) {
      check.error(cycle.edgePath(), "link cycle " + cycle.render() + "; ECS rejects it"
              + " (\"Container links should not have a cycle\")",
          "keep the link only on the container that calls the other one");
    }
    for (Graph.Cycle cycle : dependencies.cycles(byName.keySet())) {
      check.error(cycle.edgePath(), "dependsOn cycle " + cycle.render()
          + "; none of these containers could ever start", "remove one of the dependencies");
    }
  }

  private void links(Check.Item c, Optional<String> self, Graph graph) {
    for (Check.Item link : Check.strings(c.node(), c.path(), "links")) {
      String value = link.node().textValue();
      String[] parts = value.split(":", -1);
      if (parts.length > 2 || !parts[0].matches(ContainerRules.NAME_PATTERN)
          || (parts.length == 2 && !parts[1].matches(ContainerRules.NAME_PATTERN))) {
        check.error(link.path(), "invalid link " + JsonValues.quote(value)
            + "; a link is \"name\" or \"name:alias\"", "e.g. \"api\" or \"api:backend\"");
        continue;
      }
      String target = parts[0];
      if (self.isPresent() && self.get().equals(target)) {
        check.error(link.path(), ContainerRules.label(c) + " links to itself",
            "remove " + JsonValues.quote(value) + " from its links");
      } else if (!byName.containsKey(target)) {
        check.error(link.path(), "link " + JsonValues.quote(value) + " names no container of this"
            + " file; links join containers of the same task", knownContainers());
      } else {
        if (waitedToComplete.containsKey(target)) {
          check.error(link.path(), "link " + JsonValues.quote(value) + " to a container that has"
                  + " exited: " + waitedToComplete.get(target) + ", and Docker refuses a link to a"
                  + " container that is not running (\"Cannot link to a non running container\")",
              "remove the link; dependsOn keeps the order");
        }
        self.ifPresent(from -> graph.add(from, target, link.path()));
      }
    }
  }

  private void dependsOn(Check.Item c, Optional<String> self, Graph graph) {
    for (Check.Item d : Check.objects(c.node(), c.path(), "dependsOn")) {
      Optional<String> target = Check.text(d.node(), "containerName");
      if (!Check.has(d.node(), "containerName")) {
        check.missing(d.path(), "containerName", "dependsOn entry has no containerName",
            "e.g. {\"containerName\": \"db\", \"condition\": \"START\"}");
      }
      boolean exists = false;
      if (target.isPresent()) {
        String path = d.child("containerName");
        if (self.isPresent() && self.get().equals(target.get())) {
          check.error(path, ContainerRules.label(c) + " depends on itself",
              "remove this dependsOn entry");
        } else if (!byName.containsKey(target.get())) {
          check.error(path, "dependsOn " + JsonValues.quote(target.get())
              + " names no container of this file", knownContainers());
        } else {
          exists = true;
          self.ifPresent(from -> graph.add(from, target.get(), path));
        }
      }
      if (!Check.has(d.node(), "condition")) {
        check.missing(d.path(), "condition", "dependsOn entry has no condition; one of START, COMPLETE, SUCCESS,"
            + " HEALTHY is required", "e.g. \"condition\": \"START\"");
        continue;
      }
      Optional<String> condition = Check.text(d.node(), "condition");
      if (condition.isEmpty()) {
        continue;
      }
      String path = d.child("condition");
      if (!CONDITIONS.contains(condition.get())) {
        check.error(path, "condition " + JsonValues.quote(condition.get())
            + " is not START, COMPLETE, SUCCESS or HEALTHY", "e.g. \"condition\": \"HEALTHY\"");
      } else if (exists) {
        condition(path, condition.get(), target.get());
      }
    }
  }

  private void condition(String path, String condition, String targetName) {
    JsonNode target = byName.get(targetName).node();
    String quoted = JsonValues.quote(targetName);
    if (condition.equals("HEALTHY") && !Check.has(target, "healthCheck")) {
      check.error(path, "condition HEALTHY needs a healthCheck on container " + quoted
              + ", which has none",
          "add to " + quoted + " e.g. \"healthCheck\": {\"command\": [\"CMD-SHELL\","
              + " \"curl -f http://localhost/ || exit 1\"]}, or use \"START\"");
    } else if ((condition.equals("SUCCESS") || condition.equals("COMPLETE"))
        && Check.bool(target, "essential").orElse(true)) {
      // RegisterTaskDefinition refuses it: ECS would stop the task when the container exits
      check.error(path, "condition " + condition + " waits for container " + quoted
              + " to exit, but it is essential, and ECS refuses " + condition
              + " on an essential container",
          "set \"essential\": false on " + quoted);
    }
  }

  private void mountPoints(Check.Item c) {
    for (Check.Item m : Check.objects(c.node(), c.path(), "mountPoints")) {
      if (!Check.has(m.node(), "sourceVolume")) {
        check.missing(m.path(), "sourceVolume", "mount point has no sourceVolume",
            "e.g. " + EcsFields.example("mountPoints", "an array"));
      }
      Check.text(m.node(), "sourceVolume").ifPresent(v -> sourceVolume(m.child("sourceVolume"), v));
      if (!Check.has(m.node(), "containerPath")) {
        check.missing(m.path(), "containerPath", "mount point has no containerPath",
            "e.g. \"containerPath\": \"/data\"");
      }
      Check.text(m.node(), "containerPath").filter(p -> !p.startsWith("/")).ifPresent(p ->
          check.error(m.child("containerPath"), "containerPath " + JsonValues.quote(p)
                  + " is not absolute; mount points need an absolute path in the container",
              "e.g. " + JsonValues.quote("/" + p.replaceFirst("^\\./", ""))));
    }
  }

  private void sourceVolume(String path, String volume) {
    if (volume.startsWith(StructureRules.LOG_VOLUME_PREFIX)) {
      String owner = volume.substring(StructureRules.LOG_VOLUME_PREFIX.length());
      if (!byName.containsKey(owner)) {
        check.error(path, "sourceVolume " + JsonValues.quote(volume) + " names no container; EB"
                + " creates awseb-logs-<container> only for containers of this file",
            "one of: " + names(StructureRules.LOG_VOLUME_PREFIX));
      }
    } else if (!volumes.contains(volume)) {
      check.error(path, "sourceVolume " + JsonValues.quote(volume) + " is not declared in volumes"
              + " (nor an awseb-logs-<container> volume)",
          "declare it, e.g. \"volumes\": [{\"name\": " + JsonValues.quote(volume)
              + ", \"host\": {\"sourcePath\": \"/var/app/current/" + volume + "\"}}]");
    }
  }

  private void volumesFrom(Check.Item c, Optional<String> self) {
    for (Check.Item v : Check.objects(c.node(), c.path(), "volumesFrom")) {
      if (!Check.has(v.node(), "sourceContainer")) {
        check.missing(v.path(), "sourceContainer", "volumesFrom entry has no sourceContainer",
            "e.g. {\"sourceContainer\": \"app\"}");
      }
      Check.text(v.node(), "sourceContainer").ifPresent(source -> {
        String path = v.child("sourceContainer");
        if (self.isPresent() && self.get().equals(source)) {
          check.error(path, ContainerRules.label(c) + " takes volumes from itself",
              "remove this volumesFrom entry");
        } else if (!byName.containsKey(source)) {
          check.error(path, "volumesFrom " + JsonValues.quote(source)
              + " names no container of this file", knownContainers());
        }
      });
    }
  }

  private String knownContainers() {
    return byName.isEmpty() ? "declare the container in containerDefinitions"
        : "containers are: " + names("");
  }

  private String names(String prefix) {
    List<String> shown = byName.keySet().stream().limit(MAX_NAMES_SHOWN)
        .map(n -> prefix + n).toList();
    return String.join(", ", shown) + (byName.size() > MAX_NAMES_SHOWN ? ", ..." : "");
  }

  /** A directed graph of container names whose edges remember the JSON path that made them. */
  static final class Graph {
    record Edge(String to, String path) {}

    /** A cycle as found, starting at the node the closing edge returns to. */
    record Cycle(List<String> nodes, String edgePath) {
      String render() {
        return String.join(" -> ", nodes) + " -> " + nodes.get(0);
      }
    }

    private final Map<String, List<Edge>> edges = new LinkedHashMap<>();

    void add(String from, String to, String path) {
      edges.computeIfAbsent(from, k -> new ArrayList<>()).add(new Edge(to, path));
    }

    /** Each distinct cycle once, in the order a depth-first walk over {@code order} meets them. */
    List<Cycle> cycles(Set<String> order) {
      List<Cycle> found = new ArrayList<>();
      Set<Set<String>> seen = new HashSet<>();
      Set<String> done = new HashSet<>();
      for (String start : order) {
        walk(start, new ArrayList<>(), new LinkedHashSet<>(), done, found, seen);
      }
      return found;
    }

    private void walk(String node, List<String> stack, Set<String> onStack, Set<String> done,
        List<Cycle> found, Set<Set<String>> seen) {
      if (done.contains(node)) {
        return;
      }
      stack.add(node);
      onStack.add(node);
      for (Edge e : edges.getOrDefault(node, List.of())) {
        if (onStack.contains(e.to())) {
          List<String> cycle = List.copyOf(stack.subList(stack.indexOf(e.to()), stack.size()));
          if (seen.add(new HashSet<>(cycle))) {
            found.add(new Cycle(cycle, e.path()));
          }
        } else {
          walk(e.to(), stack, onStack, done, found, seen);
        }
      }
      stack.remove(stack.size() - 1);
      onStack.remove(node);
      done.add(node);
    }
  }
}
