package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;
import java.util.Optional;

/** A top-level {@code networks} entry (EB's bridge network has no equivalent; kept for reports). */
public record NetworkDef(
    String name, Optional<String> externalName, boolean external, Optional<String> driver,
    SourceLocation location) {}
