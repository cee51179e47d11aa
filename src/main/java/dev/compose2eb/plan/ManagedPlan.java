package dev.compose2eb.plan;

import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Link;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.VolumeDef;
import dev.compose2eb.diag.Diagnostic;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The services that run as managed AWS databases and caches, and what that changes: their
 * containers, their volumes and the variables that named them leave the compose project every
 * writer renders ({@link #apply}); the .ebextensions writer renders the services themselves.
 *
 * @param report what was decided, one line per service, rewritten variable and unused volume;
 *     errors mean nothing may be written
 */
public record ManagedPlan(List<ManagedService> services, List<Diagnostic> report) {
  /**
   * Where the .ebextensions writer's file goes, in the output directory and the bundle; a bundle
   * takes it only as generated for the plan it was built with.
   */
  public static final String CONFIG_PATH = ".ebextensions/compose2eb-managed.config";

  public ManagedPlan {
    services = List.copyOf(services);
    report = List.copyOf(report);
  }

  public static ManagedPlan none() {
    return new ManagedPlan(List.of(), List.of());
  }

  public boolean isEmpty() {
    return services.isEmpty();
  }

  public Optional<ManagedService> service(String name) {
    return services.stream().filter(m -> m.service().equals(name)).findFirst();
  }

  /**
   * The project the container writers render: without the managed services, without the
   * depends_on and links that pointed at them, without the variables now set through the
   * environment, and without the volumes only they used.
   */
  public Project apply(Project p) {
    if (services.isEmpty()) {
      return p;
    }
    Set<String> gone = services.stream().map(ManagedService::service).collect(Collectors.toSet());
    Set<String> unused = services.stream().flatMap(m -> m.unusedVolumes().stream())
        .collect(Collectors.toSet());
    List<Service> kept = p.services().stream().filter(s -> !gone.contains(s.name()))
        .map(s -> without(s, gone)).toList();
    Map<String, VolumeDef> volumes = new LinkedHashMap<>(p.volumes());
    volumes.keySet().removeAll(unused);
    return new Project(p.name(), p.workingDir(), p.composeFiles(), kept, p.disabledServices(),
        volumes, p.networks(), p.other(), p.extensions());
  }

  private Service without(Service s, Set<String> gone) {
    Set<String> moved = services.stream().flatMap(m -> m.rewrites().stream())
        .filter(r -> r.consumer().equals(s.name())).map(ManagedService.Rewrite::variable)
        .collect(Collectors.toSet());
    Map<String, String> env = new LinkedHashMap<>(s.environment());
    env.keySet().removeAll(moved);
    Map<String, DependsOn> deps = new LinkedHashMap<>(s.dependsOn());
    deps.keySet().removeAll(gone);
    List<Link> links = s.links().stream().filter(l -> !gone.contains(l.service())).toList();
    return new Service(s.name(), s.location(), s.image(), s.build(), s.ports(), s.volumes(),
        s.volumesFrom(), env, s.envFiles(), s.command(), s.entrypoint(), deps, links,
        s.healthcheck(), s.restart(), s.resources(), s.deploy(), s.options(), s.labels(),
        s.profiles(), s.other(), s.extensions(), s.keyLocations());
  }
}
