package dev.compose2eb.compose.load;

import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Link;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.VolumesFrom;
import dev.compose2eb.diag.Diagnostics;
import java.util.Set;
import java.util.stream.Collectors;

/** Checks across services: every service named in depends_on, links and volumes_from exists. */
final class ProjectChecks {
  private ProjectChecks() {}

  static void check(Project p, Diagnostics diags) {
    Set<String> known = p.services().stream().map(Service::name).collect(Collectors.toSet());
    Set<String> disabled = Set.copyOf(p.disabledServices());
    for (Service s : p.services()) {
      String at = "services." + s.name();
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

  private static String nearest(String name, Set<String> known) {
    return dev.compose2eb.diag.Suggestions.nearest(name, known.stream().sorted().toList())
        .map(n -> " (did you mean \"" + n + "\"?)").orElse("");
  }
}
