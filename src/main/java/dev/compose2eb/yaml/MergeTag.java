package dev.compose2eb.yaml;

import java.util.Collection;

/** The compose-specific YAML tags that steer how override files merge. */
public enum MergeTag {
  NONE,
  /** {@code !reset}: the value goes back to empty, whatever earlier files said. */
  RESET,
  /** {@code !override}: the value replaces the earlier one instead of being merged into it. */
  OVERRIDE;

  /**
   * Whether {@code node} or any node inside it carries a merge tag. Each mapping knows this of
   * its values when it is made, so the answer costs nothing for a mapping and only walks the
   * items of sequences.
   */
  public static boolean anyIn(Node node) {
    if (node.tag() != NONE) {
      return true;
    }
    if (node instanceof MapNode m) {
      return m.hasTagsBelow();
    }
    return node instanceof SeqNode s && anyIn(s.items());
  }

  static boolean anyIn(Collection<? extends Node> nodes) {
    for (Node n : nodes) {
      if (anyIn(n)) {
        return true;
      }
    }
    return false;
  }
}
