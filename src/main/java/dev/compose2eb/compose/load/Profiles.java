package dev.compose2eb.compose.load;

import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Link;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Switches services on and off by profile. A service without profiles is always on; one with
 * profiles is on when one of them is selected ({@code *} selects all). References to a switched-off
 * service disappear when optional ({@code required: false}, links) and are errors otherwise.
 */
final class Profiles {
  private final List<String> selected;
  private final Diagnostics diags;

  Profiles(List<String> selected, Diagnostics diags) {
    this.selected = List.copyOf(selected);
    this.diags = diags;
  }

  boolean enabled(Service s) {
    return s.profiles().isEmpty() || selected.contains("*")
        || s.profiles().stream().anyMatch(selected::contains);
  }

  Project apply(Project all) {
    Set<String> off = all.services().stream().filter(s -> !enabled(s)).map(Service::name)
        .collect(Collectors.toSet());
    if (off.isEmpty()) {
      return all;
    }
    List<Service> on = new ArrayList<>();
    List<String> disabled = new ArrayList<>();
    for (Service s : all.services()) {
      if (off.contains(s.name())) {
        disabled.add(s.name());
      } else {
        on.add(withoutReferencesTo(s, off, all));
      }
    }
    return new Project(all.name(), all.workingDir(), all.composeFiles(), on, disabled, all.volumes(),
        all.networks(), all.other(), all.extensions());
  }

  private Service withoutReferencesTo(Service s, Set<String> off, Project all) {
    Map<String, DependsOn> deps = new LinkedHashMap<>();
    for (DependsOn d : s.dependsOn().values()) {
      if (!off.contains(d.service())) {
        deps.put(d.service(), d);
      } else if (!d.required()) {
        diags.info(d.location(), "services." + s.name() + ".depends_on." + d.service(),
            "dependency on \"" + d.service() + "\" dropped: it is disabled by its profiles "
                + profilesOf(all, d.service()) + " and marked required: false", "");
      } else {
        diags.error(d.location(), "services." + s.name() + ".depends_on." + d.service(),
            "service \"" + s.name() + "\" depends on \"" + d.service()
                + "\", which is disabled by its profiles " + profilesOf(all, d.service()),
            "enable it with --profile " + profilesOf(all, d.service()).get(0)
                + ", or mark the dependency required: false");
      }
    }
    List<Link> links = new ArrayList<>();
    for (Link l : s.links()) {
      if (!off.contains(l.service())) {
        links.add(l);
      } else {
        diags.warning(l.location(), "services." + s.name() + ".links",
            "link to \"" + l.service() + "\" dropped: that service is disabled by its profiles "
                + profilesOf(all, l.service()),
            "enable it with --profile " + profilesOf(all, l.service()).get(0));
      }
    }
    for (var vf : s.volumesFrom()) {
      if (!vf.container() && off.contains(vf.name())) {
        diags.error(vf.location(), "services." + s.name() + ".volumes_from",
            "service \"" + s.name() + "\" takes volumes from \"" + vf.name()
                + "\", which is disabled by its profiles " + profilesOf(all, vf.name()),
            "enable it with --profile " + profilesOf(all, vf.name()).get(0));
      }
    }
    return new Service(s.name(), s.location(), s.image(), s.build(), s.ports(), s.volumes(),
        s.volumesFrom(), s.environment(), s.envFiles(), s.command(), s.entrypoint(), deps, links,
        s.healthcheck(), s.restart(), s.resources(), s.deploy(), s.options(), s.labels(), s.profiles(),
        s.other(), s.extensions(), s.keyLocations());
  }

  private static List<String> profilesOf(Project all, String service) {
    return all.service(service).map(Service::profiles).orElse(List.of("?"));
  }
}
