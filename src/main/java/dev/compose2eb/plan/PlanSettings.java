package dev.compose2eb.plan;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.util.Optional;

/**
 * The plan's settings after the precedence rule: flag, then the project's top-level {@code x-eb},
 * then the default.
 *
 * @param instanceType the instance type's name
 * @param entry {@code SERVICE[:PORT]}, if chosen
 * @param entryAt where the entry was chosen: the x-eb key, or null for the flag
 */
record PlanSettings(String instanceType, Optional<String> entry, SourceLocation entryAt,
    boolean keepDevMounts, Optional<Integer> defaultMemoryMib) {

  static PlanSettings of(Project project, PlanOptions o, Diagnostics diags) {
    Node n = project.extensions().get("x-eb");
    MapNode xeb = n instanceof MapNode m ? m : null; // other shapes: reported by deploy's reader
    Optional<String> type = o.instanceType().or(() -> text(xeb, "instance_type", diags));
    Optional<String> entry = o.entry();
    SourceLocation entryAt = null;
    if (entry.isEmpty()) {
      entry = text(xeb, "entry", diags);
      entryAt = entry.isPresent() ? xeb.get("entry").location() : null;
    }
    boolean keep = o.keepDevMounts() || flag(xeb, "keep_dev_mounts", diags);
    return new PlanSettings(type.orElse(InstanceTypes.DEFAULT), entry, entryAt, keep,
        o.defaultMemoryMib());
  }

  private static Optional<String> text(MapNode xeb, String key, Diagnostics diags) {
    Node v = xeb == null ? null : xeb.get(key);
    if (v == null || v instanceof ScalarNode s && s.isNull()) {
      return Optional.empty();
    }
    if (v instanceof ScalarNode s && !s.asText().isBlank()) {
      return Optional.of(s.asText().strip());
    }
    diags.error(v.location(), "x-eb." + key, key + " must be a non-empty string",
        key.equals("entry") ? "e.g. x-eb: {entry: web}" : "e.g. x-eb: {instance_type: t3.small}");
    return Optional.empty();
  }

  private static boolean flag(MapNode xeb, String key, Diagnostics diags) {
    Node v = xeb == null ? null : xeb.get(key);
    if (v == null || v instanceof ScalarNode s && s.isNull()) {
      return false;
    }
    if (v instanceof ScalarNode s && s.value() instanceof Boolean b) {
      return b;
    }
    diags.error(v.location(), "x-eb." + key, key + " must be true or false",
        "e.g. x-eb: {" + key + ": true}");
    return false;
  }
}
