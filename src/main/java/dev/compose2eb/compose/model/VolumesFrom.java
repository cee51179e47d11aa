package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;

/**
 * One entry of {@code volumes_from}: {@code service[:ro|rw]} or {@code container:name[:ro|rw]}.
 *
 * @param container true for {@code container:name} (a container outside the project)
 */
public record VolumesFrom(String name, boolean container, boolean readOnly, SourceLocation location) {}
