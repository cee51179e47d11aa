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
import dev.compose2eb.translate.ImageNames;
import dev.compose2eb.translate.TranslateOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the Docker platform runs, in the shape the graph draws: one box per service with the image
 * it runs, its published ports, its mounts, and a dependency per {@code depends_on} (there are no
 * links: services reach each other by name). For drawing only; never written as a Dockerrun file.
 */
public final class ComposeSketch {
  private ComposeSketch() {}

  public static Dockerrun of(Project project, TranslateOptions opts) {
    Diagnostics ignored = new Diagnostics(); // the writer reports these; the picture only draws
    Map<String, Volume> volumes = new LinkedHashMap<>();
    List<ContainerDefinition> containers = new ArrayList<>();
    for (Service s : project.services()) {
      ContainerDefinition.Builder c = ContainerDefinition.builder(s.name(),
          ImageNames.of(project, s, opts, ignored));
      List<PortMapping> ports = new ArrayList<>();
      for (var p : s.ports()) {
        ports.add(new PortMapping(p.target(), p.publishedPort(), p.protocol()));
      }
      c.portMappings(ports);
      List<ContainerDependency> deps = new ArrayList<>();
      s.dependsOn().forEach((name, d) -> deps.add(new ContainerDependency(name, condition(d))));
      c.dependsOn(deps);
      List<MountPoint> mounts = new ArrayList<>();
      for (ServiceVolume v : s.volumes()) {
        String name;
        if (v.type() == ServiceVolume.Type.BIND) {
          Path abs = Path.of(v.source().orElse("")).normalize();
          String host = abs.startsWith(project.workingDir())
              ? "./" + project.workingDir().relativize(abs).toString().replace('\\', '/')
              : abs.toString();
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
