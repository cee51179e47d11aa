package dev.compose2eb.yaml;

import dev.compose2eb.diag.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A YAML mapping with string keys in the order they were written. {@code keyLocations} tells where
 * each key was written, for diagnostics about the key itself (an unknown key, say).
 */
public record MapNode(
    Map<String, Node> entries,
    Map<String, SourceLocation> keyLocations,
    SourceLocation location,
    MergeTag tag)
    implements Node {

  public MapNode {
    entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    keyLocations = Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(tag, "tag");
  }

  public static MapNode empty(SourceLocation location) {
    return new MapNode(Map.of(), Map.of(), location, MergeTag.NONE);
  }

  public Node get(String key) {
    return entries.get(key);
  }

  public boolean has(String key) {
    return entries.containsKey(key);
  }

  public Set<String> keys() {
    return entries.keySet();
  }

  public int size() {
    return entries.size();
  }

  /** Where a key was written; the mapping's own location when unknown (a key added by the loader). */
  public SourceLocation keyLocation(String key) {
    SourceLocation at = keyLocations.get(key);
    return at != null ? at : location;
  }

  @Override
  public Node withTag(MergeTag newTag) {
    return new MapNode(entries, keyLocations, location, newTag);
  }

  @Override
  public String kindName() {
    return "mapping";
  }

  /** Builds a mapping entry by entry, keeping insertion order. */
  public static final class Builder {
    private final LinkedHashMap<String, Node> entries = new LinkedHashMap<>();
    private final LinkedHashMap<String, SourceLocation> keyLocations = new LinkedHashMap<>();
    private final SourceLocation location;
    private MergeTag tag = MergeTag.NONE;

    public Builder(SourceLocation location) {
      this.location = location;
    }

    public Builder(MapNode from) {
      this.location = from.location();
      this.tag = from.tag();
      entries.putAll(from.entries());
      keyLocations.putAll(from.keyLocations());
    }

    public Builder put(String key, SourceLocation keyLocation, Node value) {
      entries.put(key, value);
      keyLocations.put(key, keyLocation);
      return this;
    }

    public Builder put(String key, Node value) {
      entries.put(key, value);
      keyLocations.putIfAbsent(key, value.location());
      return this;
    }

    public Builder remove(String key) {
      entries.remove(key);
      keyLocations.remove(key);
      return this;
    }

    public boolean has(String key) {
      return entries.containsKey(key);
    }

    public Node get(String key) {
      return entries.get(key);
    }

    public Builder tag(MergeTag newTag) {
      this.tag = newTag;
      return this;
    }

    public MapNode build() {
      return new MapNode(entries, keyLocations, location, tag);
    }
  }
}
