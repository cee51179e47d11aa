package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.DependsOn.Condition;
import dev.compose2eb.compose.model.Link;
import dev.compose2eb.compose.model.VolumesFrom;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code depends_on}, {@code links} and {@code volumes_from}: the references between services. */
final class Dependencies {
  private final NodeReader in;

  Dependencies(NodeReader in) {
    this.in = in;
  }

  /** The list form means {@code {condition: service_started, required: true}} for each entry. */
  Map<String, DependsOn> dependsOn(Node node, String path) {
    Map<String, DependsOn> out = new LinkedHashMap<>();
    if (NodeReader.isNull(node)) {
      return out;
    }
    if (node instanceof SeqNode seq) {
      for (int i = 0; i < seq.size(); i++) {
        Node item = seq.get(i);
        in.string(item, path + "[" + i + "]", "depends_on: [db]").ifPresent(name ->
            out.put(name, new DependsOn(name, Condition.SERVICE_STARTED, false, true, item.location())));
      }
      return out;
    }
    if (!(node instanceof MapNode m)) {
      in.typeError(node, path, "a list of services or a mapping", "depends_on: {db: {condition: service_healthy}}");
      return out;
    }
    m.entries().forEach((name, value) -> {
      String at = path + "." + name;
      Optional<MapNode> entry = in.map(value, at, "{condition: service_healthy}");
      if (entry.isEmpty()) {
        if (NodeReader.isNull(value)) {
          in.error(m.has(name) ? value : m, at, "a depends_on entry in long form needs a condition",
              "e.g. " + name + ": {condition: service_started}");
        }
        return;
      }
      MapNode e = entry.get();
      in.checkKeys(e, at, Keys.DEPENDS_ON);
      Optional<String> conditionText = in.string(e.get("condition"), at + ".condition", "condition: service_healthy");
      if (conditionText.isEmpty()) {
        if (NodeReader.isNull(e.get("condition"))) {
          in.error(e, at, "a depends_on entry in long form needs a condition",
              "e.g. " + name + ": {condition: service_started}");
        }
        return;
      }
      Optional<Condition> condition = Arrays.stream(Condition.values())
          .filter(c -> c.yaml().equals(conditionText.get())).findFirst();
      if (condition.isEmpty()) {
        in.error(e.get("condition"), at + ".condition", "invalid condition " + NodeReader.quote(conditionText.get()),
            "one of service_started, service_healthy, service_completed_successfully");
        return;
      }
      boolean restart = in.bool(e.get("restart"), at + ".restart", "restart: true").orElse(false);
      boolean required = in.bool(e.get("required"), at + ".required", "required: false").orElse(true);
      out.put(name, new DependsOn(name, condition.get(), restart, required, m.keyLocation(name)));
    });
    return out;
  }

  List<Link> links(Node node, String path) {
    List<Link> out = new ArrayList<>();
    for (NodeReader.Item each : in.items(node, path, "links: [db, \"cache:redis\"]")) {
      Node item = each.node();
      String at = each.path();
      in.string(item, at, "\"db:database\"").ifPresent(link -> {
        String[] parts = link.split(":", -1);
        if (parts.length > 2 || parts[0].isEmpty() || (parts.length == 2 && parts[1].isEmpty())) {
          in.error(item, at, "invalid link " + NodeReader.quote(link), "expected SERVICE or SERVICE:ALIAS, e.g. \"db:database\"");
          return;
        }
        out.add(new Link(parts[0], parts.length == 2 ? Optional.of(parts[1]) : Optional.empty(), item.location()));
      });
    }
    return out;
  }

  List<VolumesFrom> volumesFrom(Node node, String path) {
    List<VolumesFrom> out = new ArrayList<>();
    for (NodeReader.Item each : in.items(node, path, "volumes_from: [\"data:ro\"]")) {
      Node item = each.node();
      String at = each.path();
      in.string(item, at, "\"data:ro\"").ifPresent(spec -> {
        boolean container = spec.startsWith("container:");
        String rest = container ? spec.substring("container:".length()) : spec;
        String[] parts = rest.split(":", -1);
        boolean ok = parts.length <= 2 && !parts[0].isEmpty()
            && (parts.length == 1 || parts[1].equals("ro") || parts[1].equals("rw"));
        if (!ok) {
          in.error(item, at, "invalid volumes_from " + NodeReader.quote(spec),
              "expected SERVICE[:ro|rw] or container:NAME[:ro|rw], e.g. \"data:ro\"");
          return;
        }
        out.add(new VolumesFrom(parts[0], container, parts.length == 2 && parts[1].equals("ro"), item.location()));
      });
    }
    return out;
  }

  /**
   * Adds what compose-go's normalisation implies: links and {@code network_mode/ipc/pid:
   * service:x} depend on their service with restart, volumes_from without; explicit entries win.
   */
  static void addImplied(Map<String, DependsOn> dependsOn, List<Link> links, List<VolumesFrom> volumesFrom,
      List<ScalarNode> namespaceRefs) {
    for (Link l : links) {
      dependsOn.putIfAbsent(l.service(), new DependsOn(l.service(), Condition.SERVICE_STARTED, true, true, l.location()));
    }
    for (ScalarNode ref : namespaceRefs) {
      String name = ((String) ref.value()).substring("service:".length());
      dependsOn.putIfAbsent(name, new DependsOn(name, Condition.SERVICE_STARTED, true, true, ref.location()));
    }
    for (VolumesFrom v : volumesFrom) {
      if (!v.container()) {
        dependsOn.putIfAbsent(v.name(), new DependsOn(v.name(), Condition.SERVICE_STARTED, false, true, v.location()));
      }
    }
  }
}
