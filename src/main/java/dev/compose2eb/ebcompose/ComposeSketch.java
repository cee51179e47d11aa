package dev.compose2eb.ebcompose;

import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.ContainerDependency;
import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.dockerrun.MountPoint;
import dev.compose2eb.dockerrun.PortMapping;
import dev.compose2eb.dockerrun.Volume;
import dev.compose2eb.plan.BindMount;
import dev.compose2eb.plan.DeploymentPlan;
import dev.compose2eb.plan.Entry;
import dev.compose2eb.plan.Plans;
import dev.compose2eb.translate.ImageNames;
import dev.compose2eb.translate.TranslateOptions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Docker platform runs, in the shape the graph draws: one box per service the compose
 * writer keeps (managed services are gone) with the image it runs, its published ports (the
 * plan's entry on 80), the mounts the plan keeps, and a dependency per {@code depends_on} (there
 * are no links: services reach each other by name). For drawing only; never written as a
 * Dockerrun file.
 */
public final class ComposeSketch {
  private ComposeSketch() {}

  /** The picture of what the compose writer renders from {@code plans}. */
  public static Dockerrun of(Plans plans, TranslateOptions opts) {
    Project project = plans.project(); // without the managed services
    DeploymentPlan plan = plans.deployment();
    Diagnostics ignored = new Diagnostics(); // the writer reports these; the picture only draws
    Map<String, Volume> volumes = new LinkedHashMap<>();
    List<ContainerDefinition> containers = new ArrayList<>();
    for (Service s : project.services()) {
      ContainerDefinition.Builder c = ContainerDefinition.builder(s.name(),
          ImageNames.of(project, s, opts, ignored));
      Optional<Entry> entry = plan.entry().filter(e -> e.service().equals(s.name()));
      List<PortMapping> ports = new ArrayList<>();
      for (int i = 0; i < s.ports().size(); i++) {
        var p = s.ports().get(i);
        boolean toEntry = entry.flatMap(Entry::portIndex).equals(Optional.of(i));
        ports.add(new PortMapping(p.target(),
            toEntry ? Optional.of(Entry.HOST_PORT) : p.publishedPort(), p.protocol()));
      }
      entry.filter(e -> e.portIndex().isEmpty()).ifPresent(e ->
          ports.add(new PortMapping(e.containerPort(), Optional.of(Entry.HOST_PORT), "tcp")));
      c.portMappings(ports);
      List<ContainerDependency> deps = new ArrayList<>();
      s.dependsOn().forEach((name, d) -> deps.add(new ContainerDependency(name, condition(d))));
      c.dependsOn(deps);
      List<MountPoint> mounts = new ArrayList<>();
      for (int i = 0; i < s.volumes().size(); i++) {
        ServiceVolume v = s.volumes().get(i);
        String name;
        if (plan.dropped(s.name(), i)) {
          continue;
        } else if (v.type() == ServiceVolume.Type.BIND) {
          Optional<BindMount> b = plan.bind(s.name(), i);
          if (b.isEmpty()) {
            continue;
          }
          String host = !b.get().inProject() ? b.get().path()
              : b.get().path().isEmpty() ? "." : "./" + b.get().path();
          name = host;
          volumes.putIfAbsent(name, Volume.host(name, host));
        } else if (v.type() == ServiceVolume.Type.VOLUME && v.source().isPresent()) {
          name = v.source().get();
          volumes.putIfAbsent(name, new Volume(name, Optional.empty()));
        } else {
          continue;
        }
        mounts.add(new MountPoint(name, v.target(), v.readOnly()));
      }
      c.mountPoints(mounts);
      containers.add(c.build());
    }
    return new Dockerrun(new ArrayList<>(volumes.values()), containers);
  }

  private static String condition(DependsOn d) {
    return switch (d.condition()) {
      case SERVICE_HEALTHY -> "HEALTHY";
      case SERVICE_COMPLETED_SUCCESSFULLY -> "SUCCESS";
      default -> "START";
    };
  }
}
