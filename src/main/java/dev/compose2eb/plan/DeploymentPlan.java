package dev.compose2eb.plan;

import dev.compose2eb.diag.Diagnostic;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The decisions every writer renders: made once by {@link Planner}, never re-decided by a writer.
 *
 * @param instanceTypeName the instance type planned for, as chosen (flag, x-eb, or the default)
 * @param instanceType that type from the table; empty when the table does not know it (then the
 *     memory is not planned against a budget)
 * @param memory the memory of each service's container, by service name in project order
 * @param entry the service and port that serve on host port 80; empty when no service publishes
 *     a port
 * @param oneShot services others wait for to complete ({@code service_completed_successfully},
 *     ECS SUCCESS): they exit early, so they are never link targets
 * @param droppedMounts mounts left out of production (development mounts), in project order
 * @param binds the bind mounts kept, each with where its source is on the instance, in project
 *     order; a bind that is neither dropped nor here cannot be mounted (its error is in the report)
 * @param secrets how the compose secrets the services use reach them
 * @param report what the decisions need to tell: infos, warnings, and errors that stop the output
 */
public record DeploymentPlan(
    String instanceTypeName,
    Optional<InstanceType> instanceType,
    Map<String, ContainerMemory> memory,
    Optional<Entry> entry,
    Set<String> oneShot,
    List<DroppedMount> droppedMounts,
    List<BindMount> binds,
    SecretPlan secrets,
    List<Diagnostic> report) {

  public DeploymentPlan {
    memory = Collections.unmodifiableMap(new LinkedHashMap<>(memory));
    oneShot = Collections.unmodifiableSet(new LinkedHashSet<>(oneShot));
    droppedMounts = List.copyOf(droppedMounts);
    binds = List.copyOf(binds);
    report = List.copyOf(report);
  }

  /** Whether the mount at {@code index} of the service's volumes is left out. */
  public boolean dropped(String service, int index) {
    return droppedMounts.stream().anyMatch(d -> d.service().equals(service) && d.index() == index);
  }

  /** The kept bind mount at {@code index} of the service's volumes; empty when it is not mounted. */
  public Optional<BindMount> bind(String service, int index) {
    return binds.stream().filter(b -> b.service().equals(service) && b.index() == index)
        .findFirst();
  }

  /**
   * The project paths the source bundle must hold for the kept binds: "." for the whole project,
   * each once, in first-use order.
   */
  public List<String> bundlePaths() {
    return binds.stream().filter(BindMount::bundled).map(BindMount::bundlePath).distinct().toList();
  }

  public boolean hasErrors() {
    return report.stream().anyMatch(Diagnostic::isError);
  }
}
