package dev.compose2eb.yaml;

import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * A read-only, insertion-ordered map over arrays, for the mappings the tree builder reads. A
 * mapping's entries and its key locations are two such maps over one shared array of keys, so a
 * mapping of n keys costs a few arrays instead of two hash maps with 2n entry objects; a large
 * file's tree is mostly mappings, and everything in it stays alive until the project is built.
 */
final class SlotMap<V> extends AbstractMap<String, V> {
  /** Below this many keys a lookup scans the keys; from it on, a hash table of indexes is kept. */
  private static final int SCAN_LIMIT = 8;

  /** The keys of one mapping, in order, and the hash index for large mappings. */
  static final class Keys {
    private final String[] keys;
    /** Open addressing, linear probing: index + 1 of the key, 0 for a free slot; null when small. */
    private final int[] table;

    /** {@code keys} are distinct and handed over: the caller must not change the array afterwards. */
    Keys(String[] keys) {
      this.keys = keys;
      this.table = keys.length < SCAN_LIMIT ? null : table(keys);
    }

    private static int[] table(String[] keys) {
      int[] t = new int[Integer.highestOneBit(keys.length * 2 - 1) << 1];
      int mask = t.length - 1;
      for (int i = 0; i < keys.length; i++) {
        int slot = keys[i].hashCode() & mask;
        while (t[slot] != 0) {
          slot = (slot + 1) & mask;
        }
        t[slot] = i + 1;
      }
      return t;
    }

    int size() {
      return keys.length;
    }

    String get(int i) {
      return keys[i];
    }

    int indexOf(Object key) {
      if (!(key instanceof String)) {
        return -1;
      }
      if (table == null) {
        for (int i = 0; i < keys.length; i++) {
          if (keys[i] == key || keys[i].equals(key)) {
            return i;
          }
        }
        return -1;
      }
      int mask = table.length - 1;
      for (int slot = key.hashCode() & mask; table[slot] != 0; slot = (slot + 1) & mask) {
        String k = keys[table[slot] - 1];
        if (k == key || k.equals(key)) {
          return table[slot] - 1;
        }
      }
      return -1;
    }
  }

  private final Keys keys;
  private final Object[] values;
  /** For a mapping's entries: whether a value, or any node inside one, carries a merge tag. */
  private final boolean tagsBelow;

  /** {@code values} line up with the keys and are handed over; none is null. */
  SlotMap(Keys keys, Object[] values, boolean tagsBelow) {
    if (keys.size() != values.length) {
      throw new IllegalArgumentException(keys.size() + " keys, " + values.length + " values");
    }
    this.keys = keys;
    this.values = values;
    this.tagsBelow = tagsBelow;
  }

  boolean tagsBelow() {
    return tagsBelow;
  }

  @SuppressWarnings("unchecked")
  private V value(int i) {
    return (V) values[i];
  }

  @Override
  public V get(Object key) {
    int i = keys.indexOf(key);
    return i < 0 ? null : value(i);
  }

  @Override
  public boolean containsKey(Object key) {
    return keys.indexOf(key) >= 0;
  }

  @Override
  public V getOrDefault(Object key, V defaultValue) {
    int i = keys.indexOf(key);
    return i < 0 ? defaultValue : value(i);
  }

  @Override
  public int size() {
    return values.length;
  }

  @Override
  public boolean isEmpty() {
    return values.length == 0;
  }

  @Override
  public void forEach(BiConsumer<? super String, ? super V> action) {
    for (int i = 0; i < values.length; i++) {
      action.accept(keys.get(i), value(i));
    }
  }

  @Override
  public boolean containsValue(Object value) {
    return Arrays.asList(values).contains(value);
  }

  // Read-only: every change fails, found key or not, like Collections.unmodifiableMap.

  @Override
  public V put(String key, V value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public V remove(Object key) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void putAll(Map<? extends String, ? extends V> m) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void clear() {
    throw new UnsupportedOperationException();
  }

  @Override
  public V putIfAbsent(String key, V value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean remove(Object key, Object value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public boolean replace(String key, V oldValue, V newValue) {
    throw new UnsupportedOperationException();
  }

  @Override
  public V replace(String key, V value) {
    throw new UnsupportedOperationException();
  }

  @Override
  public void replaceAll(BiFunction<? super String, ? super V, ? extends V> function) {
    throw new UnsupportedOperationException();
  }

  @Override
  public V computeIfAbsent(String key, Function<? super String, ? extends V> mappingFunction) {
    throw new UnsupportedOperationException();
  }

  @Override
  public V computeIfPresent(String key,
      BiFunction<? super String, ? super V, ? extends V> remappingFunction) {
    throw new UnsupportedOperationException();
  }

  @Override
  public V compute(String key, BiFunction<? super String, ? super V, ? extends V> remappingFunction) {
    throw new UnsupportedOperationException();
  }

  @Override
  public V merge(String key, V value,
      BiFunction<? super V, ? super V, ? extends V> remappingFunction) {
    throw new UnsupportedOperationException();
  }

  @Override
  public Set<Entry<String, V>> entrySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<Entry<String, V>> iterator() {
        return new Cursor<>() {
          @Override
          Entry<String, V> at(int i) {
            return new SimpleImmutableEntry<>(keys.get(i), value(i));
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }

  @Override
  public Set<String> keySet() {
    return new AbstractSet<>() {
      @Override
      public Iterator<String> iterator() {
        return new Cursor<>() {
          @Override
          String at(int i) {
            return keys.get(i);
          }
        };
      }

      @Override
      public boolean contains(Object o) {
        return containsKey(o);
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }

  @Override
  public Collection<V> values() {
    return new AbstractCollection<>() {
      @Override
      public Iterator<V> iterator() {
        return new Cursor<>() {
          @Override
          V at(int i) {
            return value(i);
          }
        };
      }

      @Override
      public int size() {
        return values.length;
      }
    };
  }

  /** A read-only iterator over the slots in order. */
  private abstract class Cursor<T> implements Iterator<T> {
    private int next;

    abstract T at(int i);

    @Override
    public boolean hasNext() {
      return next < values.length;
    }

    @Override
    public T next() {
      if (next >= values.length) {
        throw new NoSuchElementException();
      }
      return at(next++);
    }
  }
}
