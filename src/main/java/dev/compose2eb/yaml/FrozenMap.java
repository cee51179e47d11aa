package dev.compose2eb.yaml;

import java.util.AbstractMap;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * A read-only view of an insertion-ordered map that nobody else holds, so that {@link MapNode} can
 * keep it without a defensive copy. Only this package creates one, always around a map it has just
 * built and then handed over; the map is never written to again.
 */
final class FrozenMap<K, V> extends AbstractMap<K, V> {
  private final Map<K, V> map;
  /** For a mapping's entries: whether a value, or any node inside one, carries a merge tag. */
  private final boolean tagsBelow;
  /** The read-only view the collections come from, made on first use (most nodes are only looked up). */
  private Map<K, V> view;

  private FrozenMap(LinkedHashMap<K, V> owned, boolean tagsBelow) {
    this.map = owned;
    this.tagsBelow = tagsBelow;
  }

  boolean tagsBelow() {
    return tagsBelow;
  }

  private Map<K, V> view() {
    if (view == null) {
      view = Collections.unmodifiableMap(map);
    }
    return view;
  }

  /** Takes ownership of {@code owned}: the caller must not touch it afterwards. */
  static <K, V> Map<K, V> owning(LinkedHashMap<K, V> owned) {
    return new FrozenMap<>(owned, false);
  }

  /** {@link #owning} for a mapping's entries, noting whether merge tags are found inside. */
  static Map<String, Node> owningNodes(LinkedHashMap<String, Node> owned) {
    return new FrozenMap<>(owned, MergeTag.anyIn(owned.values()));
  }

  /** {@code map} itself when it is already read-only and unshared, else a frozen copy. */
  static <K, V> Map<K, V> of(Map<K, V> map) {
    return map instanceof FrozenMap<K, V> || map instanceof SlotMap<?>
        ? map : new FrozenMap<>(new LinkedHashMap<>(map), false);
  }

  /** {@link #of} for a mapping's entries, noting whether merge tags are found inside. */
  static Map<String, Node> ofNodes(Map<String, Node> map) {
    return map instanceof FrozenMap<String, Node> || map instanceof SlotMap<?>
        ? map : owningNodes(new LinkedHashMap<>(map));
  }

  @Override
  public V get(Object key) {
    return map.get(key);
  }

  @Override
  public boolean containsKey(Object key) {
    return map.containsKey(key);
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    return map.getOrDefault(key, defaultValue);
  }

  @Override
  public int size() {
    return map.size();
  }

  @Override
  public boolean isEmpty() {
    return map.isEmpty();
  }

  @Override
  public Set<Entry<K, V>> entrySet() {
    return view().entrySet();
  }

  @Override
  public Set<K> keySet() {
    return view().keySet();
  }

  @Override
  public Collection<V> values() {
    return view().values();
  }

  @Override
  public void forEach(BiConsumer<? super K, ? super V> action) {
    map.forEach(action);
  }

  @Override
  public boolean equals(Object o) {
    return o == this || map.equals(o);
  }

  @Override
  public int hashCode() {
    return map.hashCode();
  }

  @Override
  public String toString() {
    return map.toString();
  }
}
