package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;
import java.nio.file.Path;

/** One {@code env_file} entry in long form; {@code path} is absolute. */
public record EnvFile(Path path, boolean required, SourceLocation location) {}
