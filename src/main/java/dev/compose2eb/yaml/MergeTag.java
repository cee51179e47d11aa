package dev.compose2eb.yaml;

/** The compose-specific YAML tags that steer how override files merge. */
public enum MergeTag {
  NONE,
  /** {@code !reset}: the value goes back to empty, whatever earlier files said. */
  RESET,
  /** {@code !override}: the value replaces the earlier one instead of being merged into it. */
  OVERRIDE
}
