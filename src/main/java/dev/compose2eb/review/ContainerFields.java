package dev.compose2eb.review;

import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.HealthCheck;
import dev.compose2eb.dockerrun.LinuxParameters;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A container flattened into comparable entries: {@code memory -> 256}, {@code links[redis] -> ""},
 * {@code environment[PORT] -> "80"}. Collections whose order does not matter are keyed by what
 * identifies an element, so reordering them changes nothing. Entries sort by the writer's field
 * order, then by key, so two flattenings can be merged into one ordered diff.
 */
final class ContainerFields {
  /** The writer's field order; the rank of a path is the index of its first segment. */
  private static final List<String> ORDER = List.of(
      "image", "essential", "memory", "memoryReservation", "cpu", "portMappings", "links",
      "dependsOn", "environment", "mountPoints", "volumesFrom", "command", "entryPoint",
      "workingDirectory", "user", "hostname", "privileged", "readonlyRootFilesystem", "interactive",
      "pseudoTerminal", "dockerLabels", "dnsServers", "dnsSearchDomains", "extraHosts", "ulimits",
      "logConfiguration", "healthCheck", "stopTimeout", "linuxParameters", "systemControls");

  /** The fields the model holds; every other field is compared as raw JSON. */
  static final java.util.Set<String> MODELLED = java.util.Set.copyOf(
      java.util.stream.Stream.concat(ORDER.stream(), java.util.stream.Stream.of("name")).toList());

  static final Comparator<String> BY_FIELD_ORDER =
      Comparator.comparingInt(ContainerFields::rank).thenComparing(Comparator.naturalOrder());

  private final Map<String, String> entries = new TreeMap<>(BY_FIELD_ORDER);

  private ContainerFields() {}

  static Map<String, String> of(ContainerDefinition c) {
    return of(c, Map.of());
  }

  /** With {@code unmodelled}: the fields outside the model, as canonical JSON, sorted last. */
  static Map<String, String> of(ContainerDefinition c, Map<String, String> unmodelled) {
    ContainerFields f = new ContainerFields();
    f.entries.putAll(unmodelled);
    f.put("image", Render.quote(c.image()));
    f.put("essential", Boolean.toString(c.essential()));
    f.put("memory", c.memory());
    f.put("memoryReservation", c.memoryReservation());
    f.put("cpu", c.cpu());
    c.portMappings().forEach(p -> f.put("portMappings[" + Render.port(p) + "]", ""));
    c.links().forEach(l -> f.put("links[" + l + "]", ""));
    c.dependsOn().forEach(d -> f.put("dependsOn[" + d.containerName() + "]", d.condition()));
    c.environment().forEach(e -> f.put("environment[" + e.name() + "]", Render.quote(e.value())));
    c.mountPoints().forEach(m -> f.put("mountPoints[" + m.containerPath() + "]",
        m.sourceVolume() + (m.readOnly() ? " (ro)" : "")));
    c.volumesFrom().forEach(v -> f.put("volumesFrom[" + v.sourceContainer() + "]",
        v.readOnly() ? "ro" : "rw"));
    c.command().ifPresent(v -> f.put("command", Render.list(v)));
    c.entryPoint().ifPresent(v -> f.put("entryPoint", Render.list(v)));
    c.workingDirectory().ifPresent(v -> f.put("workingDirectory", Render.quote(v)));
    c.user().ifPresent(v -> f.put("user", Render.quote(v)));
    c.hostname().ifPresent(v -> f.put("hostname", Render.quote(v)));
    f.put("privileged", c.privileged());
    f.put("readonlyRootFilesystem", c.readonlyRootFilesystem());
    f.put("interactive", c.interactive());
    f.put("pseudoTerminal", c.pseudoTerminal());
    c.dockerLabels().forEach((k, v) -> f.put("dockerLabels[" + k + "]", Render.quote(v)));
    if (!c.dnsServers().isEmpty()) {
      f.put("dnsServers", Render.list(c.dnsServers())); // resolver order matters
    }
    if (!c.dnsSearchDomains().isEmpty()) {
      f.put("dnsSearchDomains", Render.list(c.dnsSearchDomains()));
    }
    c.extraHosts().forEach(h -> f.put("extraHosts[" + h.hostname() + "]", h.ipAddress()));
    c.ulimits().forEach(u -> f.put("ulimits[" + u.name() + "]",
        u.softLimit() + ":" + u.hardLimit()));
    c.logConfiguration().ifPresent(l -> {
      f.put("logConfiguration.logDriver", Render.quote(l.logDriver()));
      l.options().forEach((k, v) ->
          f.put("logConfiguration.options[" + k + "]", Render.quote(v)));
    });
    c.healthCheck().ifPresent(h -> healthCheck(f, h));
    f.put("stopTimeout", c.stopTimeout());
    c.linuxParameters().ifPresent(lp -> linuxParameters(f, lp));
    c.systemControls().forEach(s ->
        f.put("systemControls[" + s.namespace() + "]", Render.quote(s.value())));
    return f.entries;
  }

  private static void healthCheck(ContainerFields f, HealthCheck h) {
    f.put("healthCheck.command", Render.list(h.command()));
    f.put("healthCheck.interval", h.interval());
    f.put("healthCheck.timeout", h.timeout());
    f.put("healthCheck.retries", h.retries());
    f.put("healthCheck.startPeriod", h.startPeriod());
  }

  private static void linuxParameters(ContainerFields f, LinuxParameters lp) {
    lp.capabilitiesAdd().forEach(c -> f.put("linuxParameters.capabilities.add[" + c + "]", ""));
    lp.capabilitiesDrop().forEach(c -> f.put("linuxParameters.capabilities.drop[" + c + "]", ""));
    f.put("linuxParameters.initProcessEnabled", lp.initProcessEnabled());
    f.put("linuxParameters.sharedMemorySize", lp.sharedMemorySize());
    lp.tmpfs().forEach(t -> f.put("linuxParameters.tmpfs[" + t.containerPath() + "]",
        t.size() + (t.mountOptions().isEmpty() ? "" : " " + Render.list(t.mountOptions()))));
  }

  private void put(String key, String value) {
    entries.put(key, value);
  }

  private void put(String key, Optional<?> value) {
    value.ifPresent(v -> entries.put(key, v.toString()));
  }

  private static int rank(String path) {
    int end = path.length();
    for (int i = 0; i < path.length(); i++) {
      char ch = path.charAt(i);
      if (ch == '.' || ch == '[') {
        end = i;
        break;
      }
    }
    int rank = ORDER.indexOf(path.substring(0, end));
    return rank < 0 ? ORDER.size() : rank;
  }
}
