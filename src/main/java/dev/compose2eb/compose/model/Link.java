package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;
import java.util.Optional;

/** One {@code links} entry: {@code service} or {@code service:alias}. */
public record Link(String service, Optional<String> alias, SourceLocation location) {}
