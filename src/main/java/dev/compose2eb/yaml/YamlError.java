package dev.compose2eb.yaml;

import dev.compose2eb.diag.SourceLocation;

/** A problem found while building the node tree; stops the file and becomes one diagnostic. */
final class YamlError extends RuntimeException {
  private final transient SourceLocation location;
  private final String hint;

  YamlError(SourceLocation location, String message, String hint) {
    super(message, null, false, false);
    this.location = location;
    this.hint = hint;
  }

  YamlError(SourceLocation location, String message) {
    this(location, message, "");
  }

  SourceLocation location() {
    return location;
  }

  String hint() {
    return hint;
  }
}
