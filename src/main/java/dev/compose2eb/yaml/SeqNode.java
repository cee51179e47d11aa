package dev.compose2eb.yaml;

import dev.compose2eb.diag.SourceLocation;
import java.util.List;
import java.util.Objects;

/** A YAML sequence. */
public record SeqNode(List<Node> items, SourceLocation location, MergeTag tag) implements Node {

  public SeqNode {
    items = List.copyOf(items);
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(tag, "tag");
  }

  public static SeqNode of(List<Node> items, SourceLocation location) {
    return new SeqNode(items, location, MergeTag.NONE);
  }

  public int size() {
    return items.size();
  }

  public Node get(int i) {
    return items.get(i);
  }

  @Override
  public Node withTag(MergeTag newTag) {
    return new SeqNode(items, location, newTag);
  }

  @Override
  public String kindName() {
    return "sequence";
  }
}
