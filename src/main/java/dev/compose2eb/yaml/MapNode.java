package dev.compose2eb.yaml;

import dev.compose2eb.diag.SourceLocation;
import java.util.Arrays;
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
    // read-only copies, except for maps this package built and handed over (no copy needed)
    entries = FrozenMap.ofNodes(entries);
    keyLocations = FrozenMap.of(keyLocations);
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(tag, "tag");
  }

  /**
   * A mapping over arrays the caller has just filled and hands over (distinct keys, in order, a
   * value and a key location for each): kept as they are, not copied.
   */
  static MapNode owning(String[] keys, Node[] values, SourceLocation[] keyLocations,
      SourceLocation location, MergeTag tag) {
    SlotMap.Keys shared = new SlotMap.Keys(keys);
    return new MapNode(new SlotMap<>(shared, values, MergeTag.anyIn(Arrays.asList(values))),
        new SlotMap<>(shared, keyLocations, false), location, tag);
  }

  public static MapNode empty(SourceLocation location) {
    return new MapNode(Map.of(), Map.of(), location, MergeTag.NONE);
  }

  public Node get(String key) {
    return entries.get(key);
  }

  /** Whether a value of this mapping, or any node inside one, carries a merge tag. */
  public boolean hasTagsBelow() {
    return entries instanceof SlotMap<?> slots ? slots.tagsBelow() : ((FrozenMap<?, ?>) entries).tagsBelow();
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

  /**
   * Builds a mapping entry by entry, keeping insertion order. A builder started from a mapping
   * shares that mapping's maps and copies each one only when a change would alter it, so that
   * rebuilding a large mapping to change one key copies what changed and no more.
   */
  public static final class Builder {
    private Map<String, Node> entries;
    private Map<String, SourceLocation> keyLocations;
    /** Whether each map is this builder's own LinkedHashMap (else a frozen one it must not write). */
    private boolean ownEntries;
    private boolean ownKeyLocations;
    private final SourceLocation location;
    private MergeTag tag = MergeTag.NONE;

    public Builder(SourceLocation location) {
      this.location = location;
      this.entries = new LinkedHashMap<>();
      this.keyLocations = new LinkedHashMap<>();
      this.ownEntries = true;
      this.ownKeyLocations = true;
    }

    public Builder(MapNode from) {
      this.location = from.location();
      this.tag = from.tag();
      this.entries = from.entries();
      this.keyLocations = from.keyLocations();
    }

    private Map<String, Node> entriesForWrite() {
      if (!ownEntries) {
        entries = new LinkedHashMap<>(entries);
        ownEntries = true;
      }
      return entries;
    }

    private Map<String, SourceLocation> keyLocationsForWrite() {
      if (!ownKeyLocations) {
        keyLocations = new LinkedHashMap<>(keyLocations);
        ownKeyLocations = true;
      }
      return keyLocations;
    }

    public Builder put(String key, SourceLocation keyLocation, Node value) {
      if (ownEntries || value == null || entries.get(key) != value) {
        entriesForWrite().put(key, value);
      }
      if (ownKeyLocations || !keyLocations.containsKey(key)
          || !Objects.equals(keyLocations.get(key), keyLocation)) {
        keyLocationsForWrite().put(key, keyLocation);
      }
      return this;
    }

    public Builder put(String key, Node value) {
      if (ownEntries || value == null || entries.get(key) != value) {
        entriesForWrite().put(key, value);
      }
      if (!keyLocations.containsKey(key)) {
        keyLocationsForWrite().put(key, value.location());
      }
      return this;
    }

    /** Gives an existing key a new value, keeping its place and key location. */
    public Builder replace(String key, Node value) {
      if (entries.containsKey(key) && (ownEntries || entries.get(key) != value)) {
        entriesForWrite().put(key, value);
      }
      return this;
    }

    public Builder remove(String key) {
      if (entries.containsKey(key)) {
        entriesForWrite().remove(key);
      }
      if (keyLocations.containsKey(key)) {
        keyLocationsForWrite().remove(key);
      }
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

    /** The mapping; the builder hands its maps over and copies them again if used afterwards. */
    public MapNode build() {
      Map<String, Node> e = ownEntries ? FrozenMap.owningNodes((LinkedHashMap<String, Node>) entries) : entries;
      Map<String, SourceLocation> k = ownKeyLocations
          ? FrozenMap.owning((LinkedHashMap<String, SourceLocation>) keyLocations) : keyLocations;
      entries = e;
      keyLocations = k;
      ownEntries = false;
      ownKeyLocations = false;
      return new MapNode(e, k, location, tag);
    }
  }
}
