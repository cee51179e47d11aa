package dev.compose2eb.translate;

import dev.compose2eb.compose.model.Build;
import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Link;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.plan.HostEvidence;
import dev.compose2eb.plan.HostReferences;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides the links of every container. Compose gives each service DNS for every other one; EB's
 * bridge network resolves a container name only through a link, so a link is needed wherever a
 * service talks to another. Explicit links and depends_on always count; host names found in a
 * service's environment, command, entrypoint and the config files it mounts or builds from are
 * inferred links, each reported with its evidence. Links never form a cycle, and never point at a
 * one-shot service: it has exited when the others start, and Docker refuses a link to a container
 * that is not running.
 */
final class LinkPlanner {
  private final Project project;
  private final ContainerNames names;
  private final ProjectFiles files;
  private final Diagnostics diags;
  /** Services others wait for to complete (the plan's one-shot services): never link targets. */
  private final Set<String> oneShot;
  /** Edges in the order decided: from service to (target service, alias). */
  private final Map<String, LinkedHashMap<String, Optional<String>>> edges = new LinkedHashMap<>();
  /** Further names a service reaches a target by (container_name, network aliases): extra links. */
  private final Map<String, LinkedHashMap<String, Set<String>>> extraAliases = new LinkedHashMap<>();
  /** Names other than service names that services answer to in compose, with their service. */
  private final Map<String, String> aliasOwner = new LinkedHashMap<>();
  /** Such names that no link alias can carry ({@code db.internal}), with their service. */
  private final Map<String, String> invalidAliasOwner = new LinkedHashMap<>();

  LinkPlanner(Project project, ContainerNames names, ProjectFiles files, Diagnostics diags,
      Set<String> oneShot) {
    this.project = project;
    this.oneShot = oneShot;
    this.names = names;
    this.files = files;
    this.diags = diags;
    for (Service s : project.services()) {
      edges.put(s.name(), new LinkedHashMap<>());
      extraAliases.put(s.name(), new LinkedHashMap<>());
    }
    for (Service s : project.services()) {
      for (String name : otherNames(s)) {
        if (project.service(name).isEmpty()) {
          (isValidAlias(name) ? aliasOwner : invalidAliasOwner).putIfAbsent(name, s.name());
        }
      }
    }
  }

  /** ECS allows the same characters in a link alias as in a container name. */
  static boolean isValidAlias(String alias) {
    return alias.matches("[A-Za-z0-9_-]{1,255}");
  }

  /**
   * The names other than its service name that a service answers to in compose: its
   * {@code container_name} and its network {@code aliases}. On EB only a link alias carries them.
   */
  static List<String> otherNames(Service s) {
    Set<String> out = new LinkedHashSet<>();
    s.options().containerName().ifPresent(out::add);
    if (s.other().get("networks") instanceof MapNode networks) {
      for (String net : networks.keys()) {
        if (networks.get(net) instanceof MapNode settings
            && settings.get("aliases") instanceof SeqNode aliases) {
          for (Node a : aliases.items()) {
            if (a instanceof ScalarNode sc && !sc.isNull()) {
              out.add(sc.asText());
            }
          }
        }
      }
    }
    out.remove(s.name());
    return List.copyOf(out);
  }

  /** The {@code links} entries of each container, by service name. */
  Map<String, List<String>> plan() {
    addExplicit();
    if (!diags.hasErrors()) {
      addInferred();
    }
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (Map.Entry<String, LinkedHashMap<String, Optional<String>>> e : edges.entrySet()) {
      List<String> links = new ArrayList<>();
      for (Map.Entry<String, Optional<String>> t : e.getValue().entrySet()) {
        String container = names.of(t.getKey());
        String alias = t.getValue().orElse("");
        links.add(alias.isEmpty() || alias.equals(container) ? container : container + ":" + alias);
        for (String extra : extraAliases.get(e.getKey()).getOrDefault(t.getKey(), Set.of())) {
          if (!extra.equals(alias.isEmpty() ? container : alias)) {
            links.add(container + ":" + extra);
          }
        }
      }
      out.put(e.getKey(), links);
    }
    return out;
  }

  private void addExplicit() {
    for (Service s : project.services()) {
      for (Link l : s.links()) {
        if (oneShot.contains(l.service())) {
          diags.info(l.location(), "services." + s.name() + ".links", "link " + s.name() + " -> "
              + l.service() + " dropped: " + oneShotWhy(l.service()), "");
          continue;
        }
        if (project.service(l.service()).isPresent() && !l.service().equals(s.name())) {
          Optional<String> alias = l.alias().filter(LinkPlanner::isValidAlias);
          if (l.alias().isPresent() && alias.isEmpty()) {
            diags.warning(l.location(), "services." + s.name() + ".links", "link alias \""
                    + l.alias().get() + "\" dropped: ECS link aliases allow only letters, digits,"
                    + " _ and -, so " + s.name() + " reaches it as " + names.of(l.service()),
                "choose an alias like \"" + l.alias().get().replaceAll("[^A-Za-z0-9_-]", "_")
                    + "\" and use it in the host names that point at " + l.service());
          }
          edges.get(s.name()).put(l.service(), alias);
        }
      }
      for (DependsOn d : s.dependsOn().values()) {
        if (project.service(d.service()).isPresent() && !d.service().equals(s.name())
            && !oneShot.contains(d.service())) {
          edges.get(s.name()).putIfAbsent(d.service(), Optional.empty());
        }
      }
    }
    Set<String> reported = new HashSet<>();
    for (Service s : project.services()) {
      List<String> cycle = cycleThrough(s.name());
      if (!cycle.isEmpty() && reported.add(String.join(",", new java.util.TreeSet<>(cycle)))) {
        SourceLocation at = s.keyLocation(s.links().isEmpty() ? "depends_on" : "links");
        diags.error(at, "services." + s.name(), "links and depends_on form a cycle: "
                + String.join(" -> ", cycle)
                + " (Elastic Beanstalk rejects it: \"Container links should not have a cycle\")",
            "remove one of these links or depends_on; keep the direction requests flow, e.g. "
                + cycle.get(0) + " -> " + cycle.get(1) + ", and let the other side answer without"
                + " a link of its own");
      }
    }
  }

  /** The cycle starting and ending at {@code start}, or empty. */
  private List<String> cycleThrough(String start) {
    Deque<List<String>> queue = new ArrayDeque<>();
    queue.add(List.of(start));
    Set<String> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      List<String> path = queue.poll();
      String last = path.get(path.size() - 1);
      for (String next : edges.get(last).keySet()) {
        if (next.equals(start)) {
          List<String> cycle = new ArrayList<>(path);
          cycle.add(start);
          return cycle;
        }
        if (seen.add(next)) {
          List<String> longer = new ArrayList<>(path);
          longer.add(next);
          queue.add(longer);
        }
      }
    }
    return List.of();
  }

  private boolean reaches(String from, String to) {
    Deque<String> stack = new ArrayDeque<>(List.of(from));
    Set<String> seen = new HashSet<>();
    while (!stack.isEmpty()) {
      String cur = stack.pop();
      if (cur.equals(to)) {
        return true;
      }
      if (seen.add(cur)) {
        stack.addAll(edges.get(cur).keySet());
      }
    }
    return false;
  }

  /** A path from {@code from} to {@code to} for the message about a dropped link. */
  private List<String> pathBetween(String from, String to) {
    Deque<List<String>> queue = new ArrayDeque<>();
    queue.add(List.of(from));
    Set<String> seen = new HashSet<>(Set.of(from));
    while (!queue.isEmpty()) {
      List<String> path = queue.poll();
      String last = path.get(path.size() - 1);
      if (last.equals(to)) {
        return path;
      }
      for (String next : edges.get(last).keySet()) {
        if (seen.add(next)) {
          List<String> longer = new ArrayList<>(path);
          longer.add(next);
          queue.add(longer);
        }
      }
    }
    return List.of(from, to);
  }

  private void addInferred() {
    List<String> serviceNames = project.services().stream().map(Service::name).toList();
    // every name's patterns are compiled once: each service is scanned for all names but its own
    Map<String, String> owner = new LinkedHashMap<>();
    serviceNames.forEach(n -> owner.put(n, n));
    aliasOwner.forEach(owner::putIfAbsent);
    invalidAliasOwner.forEach(owner::putIfAbsent);
    List<HostReferences.ServicePatterns> all = HostReferences.matchers(owner.keySet());
    for (Service s : project.services()) {
      List<HostReferences.ServicePatterns> patterns = all.stream()
          .filter(m -> !owner.get(m.service()).equals(s.name())).toList();
      LinkedHashMap<String, Evidence> found = new LinkedHashMap<>();
      scanService(s, patterns, found);
      invalidAliasOwner.forEach((alias, target) -> {
        Evidence ev = found.get(alias);
        if (ev != null && !target.equals(s.name())) {
          diags.warning(ev.at(), "services." + s.name(), s.name() + " reaches " + target + " as "
                  + alias + " (found " + ev.what() + "), but ECS link aliases allow only letters,"
                  + " digits, _ and -, so that name will not resolve on Elastic Beanstalk",
              "use " + names.of(target) + " as the host name; the link to it is generated");
          found.putIfAbsent(target, ev);
        }
      });
      for (String target : serviceNames) {
        for (String name : namesOf(target)) {
          Evidence ev = found.get(name);
          if (ev != null) {
            infer(s.name(), target, name, ev);
          }
        }
      }
    }
  }

  /** The service name first, then the other names it answers to. */
  private List<String> namesOf(String service) {
    List<String> out = new ArrayList<>(List.of(service));
    aliasOwner.forEach((alias, owner) -> {
      if (owner.equals(service)) {
        out.add(alias);
      }
    });
    return out;
  }

  /** Why no container links to the one-shot {@code target}. */
  private static String oneShotWhy(String target) {
    return "other services wait for \"" + target + "\" to complete, so it has exited when they"
        + " start, and Docker refuses a link to a container that is not running; the order stays"
        + " in dependsOn";
  }

  /** Adds the link {@code from -> target} for the host {@code name} seen in {@code from}'s settings. */
  private void infer(String from, String target, String name, Evidence ev) {
    String shown = name.equals(target) ? target : target + " (as " + name + ")";
    if (oneShot.contains(target)) {
      diags.info(ev.at(), "services." + from, "link " + from + " -> " + shown + " (found "
          + ev.what() + ") not added: " + oneShotWhy(target), "");
      return;
    }
    LinkedHashMap<String, Optional<String>> out = edges.get(from);
    if (out.containsKey(target)) {
      String current = out.get(target).orElse(names.of(target));
      if (!name.equals(target) && !name.equals(current)
          && extraAliases.get(from).computeIfAbsent(target, k -> new LinkedHashSet<>()).add(name)) {
        diags.info(ev.at(), "services." + from, "link alias " + from + " -> " + shown
            + " inferred from " + ev.what(), "");
      }
      return;
    }
    if (reaches(target, from)) {
      List<String> back = pathBetween(target, from);
      diags.warning(ev.at(), "services." + from, "inferred link " + from + " -> " + shown
              + " dropped: it would close the cycle " + String.join(" -> ", back)
              + " -> " + target + " (found " + ev.what() + ")",
          "if " + from + " must reach " + target + ", remove a link on the way back;"
              + " otherwise nothing to do");
      return;
    }
    out.put(target, name.equals(target) ? Optional.empty() : Optional.of(name));
    diags.info(ev.at(), "services." + from, "link " + from + " -> " + shown + " inferred from "
        + ev.what(), "");
  }

  /** Where a host name was seen: the location to point at and a description. */
  record Evidence(SourceLocation at, String what) {}

  private void scanService(Service s, List<HostReferences.ServicePatterns> patterns,
      Map<String, Evidence> found) {
    for (HostEvidence.Found f : HostEvidence.scan(project, s, patterns, files)) {
      found.putIfAbsent(f.target(), new Evidence(f.at(), f.what()));
    }
  }
}
