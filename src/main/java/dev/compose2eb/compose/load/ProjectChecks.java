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
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known.stream().sorted().toList()) {
      int d = levenshtein(name, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return best != null && bestDistance <= Math.max(2, name.length() / 3)
        ? " (did you mean \"" + best + "\"?)" : "";
  }

  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
