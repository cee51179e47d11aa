package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One service in canonical form.
 *
 * @param location where the service's key was written
 * @param environment the resolved environment the container gets: env files in order, then
 *     {@code environment} on top; key-only entries resolved from the project environment or dropped
 * @param envFiles the env files read, in order (already folded into {@code environment})
 * @param command absent when not given; an explicit empty list is kept (it clears the image's value)
 * @param dependsOn by service name, in the order written
 * @param other compose keys that are valid but not modelled here (networks, secrets, devices ...),
 *     kept with their nodes so that the translation can report each one
 * @param extensions the service's {@code x-*} keys ({@code x-eb} among them)
 * @param keyLocations where each key of the service was written, for reports; sub-keys of
 *     {@code build}, {@code deploy}, {@code healthcheck}, {@code logging} and {@code depends_on}
 *     under their dotted path ({@code build.ssh}, {@code deploy.resources.limits.pids})
 */
public record Service(
    String name,
    SourceLocation location,
    Optional<String> image,
    Optional<Build> build,
    List<PortMapping> ports,
    List<ServiceVolume> volumes,
    List<VolumesFrom> volumesFrom,
    Map<String, String> environment,
    List<EnvFile> envFiles,
    Optional<List<String>> command,
    Optional<List<String>> entrypoint,
    Map<String, DependsOn> dependsOn,
    List<Link> links,
    Optional<Healthcheck> healthcheck,
    Optional<String> restart,
    Resources resources,
    Optional<Deploy> deploy,
    ContainerOptions options,
    Map<String, String> labels,
    List<String> profiles,
    Map<String, Node> other,
    Map<String, Node> extensions,
    Map<String, SourceLocation> keyLocations) {

  public Service {
    ports = List.copyOf(ports);
    volumes = List.copyOf(volumes);
    volumesFrom = List.copyOf(volumesFrom);
    environment = Project.ordered(environment);
    envFiles = List.copyOf(envFiles);
    command = command.map(List::copyOf);
    entrypoint = entrypoint.map(List::copyOf);
    dependsOn = Project.ordered(dependsOn);
    links = List.copyOf(links);
    labels = Project.ordered(labels);
    profiles = List.copyOf(profiles);
    other = Project.ordered(other);
    extensions = Project.ordered(extensions);
    keyLocations = Project.ordered(keyLocations);
  }

  /**
   * Where a key of this service was written: for a dotted sub-key without a position, its nearest
   * parent key's; the service's own location when none is known.
   */
  public SourceLocation keyLocation(String key) {
    for (String k = key; ; k = k.substring(0, k.lastIndexOf('.'))) {
      SourceLocation at = keyLocations.get(k);
      if (at != null) {
        return at;
      }
      if (k.indexOf('.') < 0) {
        return location;
      }
    }
  }
}
