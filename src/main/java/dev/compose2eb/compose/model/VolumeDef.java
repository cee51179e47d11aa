package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;
import java.util.Map;
import java.util.Optional;

/** A top-level {@code volumes} entry. */
public record VolumeDef(
    String name,
    Optional<String> externalName,
    boolean external,
    Optional<String> driver,
    Map<String, String> driverOpts,
    Map<String, String> labels,
    SourceLocation location) {

  public VolumeDef {
    driverOpts = Project.ordered(driverOpts);
    labels = Project.ordered(labels);
  }
}
