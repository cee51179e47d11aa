package dev.compose2eb.yaml;

import dev.compose2eb.diag.SourceLocation;

/**
 * A YAML value with the place it came from. The compose loader works on this tree (interpolation,
 * merging, extends) before the values are turned into model records, so that every diagnostic can
 * point at the line and column the user wrote.
 */
public sealed interface Node permits MapNode, SeqNode, ScalarNode {

  SourceLocation location();

  /** The compose merge tag ({@code !reset}, {@code !override}) written on this node, if any. */
  MergeTag tag();

  /** The same node with another merge tag. */
  Node withTag(MergeTag tag);

  /** A short name of the node's kind for messages: "mapping", "sequence", "string", "number", ... */
  String kindName();
}
