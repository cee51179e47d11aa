package dev.compose2eb.compose.model;

import dev.compose2eb.yaml.Node;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A loaded compose project.
 *
 * @param name the project name (lowercase {@code [a-z0-9_-]})
 * @param workingDir the project directory, absolute and normalised
 * @param composeFiles the files read, in order, as displayed in diagnostics
 * @param services the enabled services in file order
 * @param disabledServices services switched off by profiles, by name (for reports)
 * @param other top-level keys kept but not modelled ({@code networks}, {@code secrets}, {@code configs},
 *     {@code include} leftovers ...), with their source nodes
 * @param extensions top-level {@code x-*} keys
 */
public record Project(
    String name,
    Path workingDir,
    List<String> composeFiles,
    List<Service> services,
    List<String> disabledServices,
    Map<String, VolumeDef> volumes,
    Map<String, NetworkDef> networks,
    Map<String, Node> other,
    Map<String, Node> extensions) {

  public Project {
    composeFiles = List.copyOf(composeFiles);
    services = List.copyOf(services);
    disabledServices = List.copyOf(disabledServices);
    volumes = ordered(volumes);
    networks = ordered(networks);
    other = ordered(other);
    extensions = ordered(extensions);
  }

  public Optional<Service> service(String serviceName) {
    return services.stream().filter(s -> s.name().equals(serviceName)).findFirst();
  }

  static <K, V> Map<K, V> ordered(Map<K, V> map) {
    // most maps of a service are empty; one shared read-only empty map serves them all
    return map.isEmpty() ? Collections.emptyMap() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
  }
}
