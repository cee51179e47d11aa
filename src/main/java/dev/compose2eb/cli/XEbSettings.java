package dev.compose2eb.cli;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The top-level {@code x-eb} extension: deploy settings kept with the project, e.g.
 * {@code x-eb: {application: shop, environment: shop-prod, region: eu-west-1, instance_type:
 * t3.small, env: {FEATURE: "on"}}}. Flags win over these.
 */
record XEbSettings(
    Optional<String> application,
    Optional<String> environment,
    Optional<String> region,
    Optional<String> instanceType,
    Map<String, String> env) {

  static final Set<String> KEYS = Set.of("application", "environment", "region", "instance_type", "env",
      "entry", "keep_dev_mounts", "platform"); // the last two are the plan's (dev.compose2eb.plan reads them)

  static XEbSettings of(Project project) {
    Diagnostics diags = new Diagnostics();
    Node n = project.extensions().get("x-eb");
    Map<String, String> env = new LinkedHashMap<>();
    if (!(n instanceof MapNode m)) {
      if (n != null && !(n instanceof ScalarNode s && s.isNull())) {
        diags.error(n.location(), "x-eb", "x-eb must be a mapping",
            "e.g. x-eb: {application: shop, environment: shop-prod}");
        diags.throwIfErrors();
      }
      return new XEbSettings(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), env);
    }
    for (String key : m.keys()) {
      if (!KEYS.contains(key)) {
        diags.error(m.keyLocation(key), "x-eb." + key, "unknown x-eb key \"" + key + "\"",
            "x-eb at the top level knows " + String.join(", ", KEYS.stream().sorted().toList()));
      }
    }
    if (m.get("env") instanceof MapNode e) {
      for (Map.Entry<String, Node> v : e.entries().entrySet()) {
        if (v.getValue() instanceof ScalarNode s && !s.isNull()) {
          env.put(v.getKey(), s.asText());
        } else {
          diags.error(v.getValue().location(), "x-eb.env." + v.getKey(), "value must be a scalar",
              "e.g. x-eb: {env: {FEATURE: \"on\"}}");
        }
      }
    } else if (m.get("env") != null) {
      diags.error(m.get("env").location(), "x-eb.env", "env must be a mapping",
          "e.g. x-eb: {env: {FEATURE: \"on\"}}");
    }
    diags.throwIfErrors();
    return new XEbSettings(text(m, "application"), text(m, "environment"), text(m, "region"),
        text(m, "instance_type"), env);
  }

  private static Optional<String> text(MapNode m, String key) {
    return m.get(key) instanceof ScalarNode s && !s.isNull() && !s.asText().isBlank()
        ? Optional.of(s.asText()) : Optional.empty();
  }
}
