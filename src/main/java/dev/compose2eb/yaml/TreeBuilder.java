package dev.compose2eb.yaml;

import dev.compose2eb.diag.SourceLocation;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.common.Anchor;
import org.snakeyaml.engine.v2.events.AliasEvent;
import org.snakeyaml.engine.v2.events.CollectionStartEvent;
import org.snakeyaml.engine.v2.events.Event;
import org.snakeyaml.engine.v2.events.ScalarEvent;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.parser.Parser;

/**
 * Builds node trees from snakeyaml's event stream with an explicit stack instead of recursion, so
 * that hostile nesting ends in a diagnostic rather than a StackOverflowError. An alias shares the
 * anchored (immutable) node instead of copying it; every node carries its expanded weight so that an
 * alias bomb is caught while it is being built, before anything gets expanded.
 */
final class TreeBuilder {
  static final int MAX_DEPTH = 200;
  static final long MAX_EXPANDED_NODES = 5_000_000;
  static final int MAX_ALIASES = 1_000_000;

  private static final String MERGE_TAG = ScalarResolver.CORE_TAG_PREFIX + "merge";

  private final String file;
  private final SourceLocation wholeFile;
  private final Deque<Frame> stack = new ArrayDeque<>();
  /** Anchors of the current document; a null node marks an anchored collection still being built. */
  private final Map<String, Anchored> anchors = new HashMap<>();
  private final List<Node> documents = new ArrayList<>();
  private Node root;
  private int aliases;

  private record Anchored(Node node, long weight, String text) {}

  /**
   * Recently seen short texts, so that repeated keys and values are kept once, not once per use: a
   * direct-mapped cache (one text per slot, a newer text replaces an older one with the same slot).
   * Unlike a map of every text seen it needs no entry objects, never grows or rehashes, and is
   * bounded for hostile input; the texts that repeat (keys, common values) stay in it.
   */
  private final String[] texts = new String[SHARED_SLOTS];
  private static final int SHARED_SLOTS = 4096; // a power of two
  private static final int MAX_SHARED_LENGTH = 64;

  TreeBuilder(String file) {
    this.file = file;
    this.wholeFile = SourceLocation.ofFile(file);
  }

  /** Reads every event; throws {@link YamlError} (or snakeyaml's exceptions) on the first problem. */
  List<Node> build(Parser parser) {
    while (parser.hasNext()) {
      accept(parser.next());
    }
    return documents;
  }

  private void accept(Event event) {
    switch (event.getEventId()) {
      case DocumentStart -> {
        anchors.clear();
        root = null;
      }
      case DocumentEnd -> endDocument();
      case Scalar -> scalar((ScalarEvent) event);
      case SequenceStart, MappingStart -> startCollection((CollectionStartEvent) event);
      case SequenceEnd, MappingEnd -> endCollection();
      case Alias -> alias((AliasEvent) event);
      default -> { } // stream start/end; comments are not parsed
    }
  }

  private void endDocument() {
    // An empty document (a lone "---", a trailing separator) adds nothing, like an empty file.
    boolean empty = root instanceof ScalarNode s && s.isNull() && s.tag() == MergeTag.NONE;
    if (root != null && !empty) {
      documents.add(root);
    }
    root = null;
  }

  private void scalar(ScalarEvent event) {
    SourceLocation at = at(event.getStartMark());
    String text = shared(event.getValue());
    Optional<String> tag = event.getTag();
    if (tag.isPresent() && tag.get().equals("!")) {
      tag = Optional.empty();
    }
    Frame parent = stack.peek();
    Optional<Anchor> anchor = event.getAnchor();
    if (parent instanceof MapFrame map && map.expectingKey() && anchor.isEmpty()) {
      // Keys are strings by their source text; no need to resolve them.
      boolean merge = event.isPlain() && text.equals("<<")
          && (tag.isEmpty() || tag.get().equals(MERGE_TAG));
      map.weight++;
      map.key(text, at, merge);
      return;
    }
    ScalarNode node = new ScalarNode(scalarValue(event, tag, text, at), at, mergeTag(tag));
    if (anchor.isPresent()) {
      anchors.put(anchor.get().getValue(), new Anchored(node, 1, text));
    }
    deliver(node, 1, text, at, false, event.isPlain() && text.equals("<<"));
  }

  /**
   * The one kept String of a short text that was seen recently: a file with many services repeats
   * the same keys and many values, and the tree keeps all of them; the parser's fresh copies then
   * die young.
   */
  private String shared(String text) {
    if (text.length() > MAX_SHARED_LENGTH) {
      return text;
    }
    int h = text.hashCode();
    int slot = (h ^ (h >>> 16)) & (SHARED_SLOTS - 1);
    String known = texts[slot];
    if (text.equals(known)) {
      return known;
    }
    texts[slot] = text;
    return text;
  }

  private static Object scalarValue(ScalarEvent event, Optional<String> tag, String text,
      SourceLocation at) {
    if (tag.isPresent()) {
      ScalarResolver.Resolved resolved;
      try {
        resolved = ScalarResolver.tagged(tag.get(), text);
      } catch (IllegalArgumentException e) {
        throw new YamlError(at, e.getMessage());
      }
      if (resolved != null) {
        return resolved.value();
      }
      if (mergeTag(tag) == MergeTag.NONE) {
        return text; // an unknown tag: keep the text
      }
      // !reset / !override only steer merging: the scalar means what it would mean untagged
    }
    return event.isPlain() ? ScalarResolver.plain(text) : text;
  }

  private void startCollection(CollectionStartEvent event) {
    SourceLocation at = at(event.getStartMark());
    if (stack.size() >= MAX_DEPTH) {
      throw new YamlError(at, "nesting too deep: more than " + MAX_DEPTH
          + " levels of mappings and sequences", "flatten the structure");
    }
    String anchor = event.getAnchor().map(Anchor::getValue).orElse(null);
    if (anchor != null) {
      anchors.put(anchor, new Anchored(null, 0, null));
    }
    MergeTag tag = mergeTag(event.getTag());
    stack.push(event.getEventId() == Event.ID.MappingStart
        ? new MapFrame(at, tag, anchor) : new SeqFrame(at, tag, anchor));
  }

  private void endCollection() {
    Frame done = stack.pop();
    Node node = done.build();
    if (done.anchor != null) {
      anchors.put(done.anchor, new Anchored(node, done.weight, null));
    }
    deliver(node, done.weight, null, node.location(), false, false);
  }

  private void alias(AliasEvent event) {
    SourceLocation at = at(event.getStartMark());
    String name = event.getAlias().getValue();
    Anchored target = anchors.get(name);
    if (target == null) {
      throw new YamlError(at, "unknown anchor '" + name + "' referenced");
    }
    if (target.node() == null) {
      throw new YamlError(at, "anchor '" + name + "' value contains itself");
    }
    if (++aliases > MAX_ALIASES) {
      throw new YamlError(at, "too many aliases (more than " + MAX_ALIASES + ")");
    }
    Frame parent = stack.peek();
    if (parent instanceof MapFrame map && map.expectingKey()) {
      if (target.text() == null) {
        throw new YamlError(at, "a mapping key must be a scalar, not a " + target.node().kindName());
      }
      map.weight++;
      map.key(target.text(), at, false);
      return;
    }
    deliver(target.node(), target.weight(), target.text(), at, true, false);
  }

  private void deliver(Node node, long weight, String text, SourceLocation at, boolean alias,
      boolean plainMergeText) {
    Frame parent = stack.peek();
    if (parent == null) {
      root = node;
      return;
    }
    parent.weight += weight;
    if (parent.weight > MAX_EXPANDED_NODES) {
      throw new YamlError(at, "document too large after alias expansion (alias bomb?)",
          "a compose file expands to far fewer than " + MAX_EXPANDED_NODES + " values");
    }
    if (parent instanceof MapFrame map) {
      if (map.expectingKey()) {
        if (text == null) {
          throw new YamlError(at, "a mapping key must be a scalar, not a " + node.kindName());
        }
        map.key(text, at, plainMergeText && node.tag() == MergeTag.NONE && !alias);
      } else {
        map.value(node, alias, at);
      }
    } else {
      ((SeqFrame) parent).items.add(node);
    }
  }

  private static MergeTag mergeTag(Optional<String> tag) {
    if (tag.isEmpty()) {
      return MergeTag.NONE;
    }
    return switch (tag.get()) {
      case "!reset" -> MergeTag.RESET;
      case "!override" -> MergeTag.OVERRIDE;
      default -> MergeTag.NONE;
    };
  }

  private SourceLocation at(Optional<Mark> mark) {
    if (mark.isEmpty()) {
      return wholeFile;
    }
    Mark m = mark.get();
    return new SourceLocation(file, m.getLine() + 1, m.getColumn() + 1);
  }

  private abstract static class Frame {
    final SourceLocation location;
    final MergeTag tag;
    final String anchor;
    long weight = 1;

    Frame(SourceLocation location, MergeTag tag, String anchor) {
      this.location = location;
      this.tag = tag;
      this.anchor = anchor;
    }

    abstract Node build();
  }

  private static final class SeqFrame extends Frame {
    final List<Node> items = new ArrayList<>();

    SeqFrame(SourceLocation location, MergeTag tag, String anchor) {
      super(location, tag, anchor);
    }

    @Override
    Node build() {
      return new SeqNode(items, location, tag);
    }
  }

  /** A mapping being read: explicit keys in order, then {@code <<} merges applied at the end. */
  private static final class MapFrame extends Frame {
    /** Past this many keys, duplicates are found with a hash map rather than by scanning. */
    private static final int SCAN_LIMIT = 16;

    private String[] keys = new String[4];
    private Node[] values = new Node[4];
    private SourceLocation[] keyLocations = new SourceLocation[4];
    private int size;
    private HashMap<String, Integer> index;
    private final List<MapNode> mergeSources = new ArrayList<>();
    private SourceLocation mergeKeyLocation;
    private int mergeIndex;
    private String pendingKey;
    private SourceLocation pendingKeyLocation;
    private boolean pendingMerge;

    MapFrame(SourceLocation location, MergeTag tag, String anchor) {
      super(location, tag, anchor);
    }

    boolean expectingKey() {
      return pendingKey == null;
    }

    private int indexOf(String key) {
      if (index != null) {
        Integer i = index.get(key);
        return i == null ? -1 : i;
      }
      for (int i = 0; i < size; i++) {
        if (keys[i].equals(key)) {
          return i;
        }
      }
      return -1;
    }

    void key(String key, SourceLocation at, boolean merge) {
      // Like go-yaml, a key may appear once, the merge key "<<" included.
      int i = indexOf(key);
      SourceLocation earlier = i >= 0 ? keyLocations[i] : null;
      if (earlier == null && key.equals("<<")) {
        earlier = mergeKeyLocation;
      }
      if (earlier != null) {
        throw new YamlError(at, "mapping key " + GoQuoted.of(key) + " already defined at line "
            + earlier.line(), "remove one of the two");
      }
      pendingKey = key;
      pendingKeyLocation = at;
      pendingMerge = merge;
      if (merge) {
        mergeKeyLocation = at;
        mergeIndex = size;
      }
    }

    void value(Node value, boolean alias, SourceLocation at) {
      if (pendingMerge) {
        addMergeSources(value, alias, at);
      } else {
        add(pendingKey, pendingKeyLocation, value);
      }
      pendingKey = null;
    }

    /** Appends a key that is not there yet. */
    private void add(String key, SourceLocation at, Node value) {
      if (size == keys.length) {
        keys = Arrays.copyOf(keys, size * 2);
        values = Arrays.copyOf(values, size * 2);
        keyLocations = Arrays.copyOf(keyLocations, size * 2);
      }
      keys[size] = key;
      values[size] = value;
      keyLocations[size] = at;
      size++;
      if (index != null) {
        index.put(key, size - 1);
      } else if (size > SCAN_LIMIT) {
        index = new HashMap<>();
        for (int i = 0; i < size; i++) {
          index.put(keys[i], i);
        }
      }
    }

    private void addMergeSources(Node value, boolean alias, SourceLocation at) {
      if (value instanceof MapNode m) {
        mergeSources.add(m);
        return;
      }
      // go-yaml accepts a sequence of maps written in place, not an alias of one
      if (value instanceof SeqNode seq && !alias
          && seq.items().stream().allMatch(MapNode.class::isInstance)) {
        seq.items().forEach(item -> mergeSources.add((MapNode) item));
        return;
      }
      throw new YamlError(at,
          "map merge requires map or sequence of maps as the value",
          "e.g. <<: *defaults or <<: [*base, *extra]");
    }

    @Override
    Node build() {
      if (pendingKey != null) {
        // snakeyaml always sends a value, if only an empty one; this is a safety net
        value(new ScalarNode(null, pendingKeyLocation, MergeTag.NONE), false, pendingKeyLocation);
      }
      if (mergeSources.isEmpty()) {
        // the frame is done with its arrays: hand them over
        return MapNode.owning(trim(keys, size), trim(values, size), trim(keyLocations, size),
            location, tag);
      }
      // Explicit keys win over merged ones; among merged maps the earlier one wins. Merged keys
      // go where "<<" was written and keep the location they were written at.
      Merged out = new Merged(size + mergeSources.stream().mapToInt(MapNode::size).sum());
      for (int i = 0; i < size; i++) {
        if (i == mergeIndex) {
          putMerged(out);
        }
        out.add(keys[i], keyLocations[i], values[i]);
      }
      if (mergeIndex >= size) {
        putMerged(out);
      }
      return MapNode.owning(trim(out.keys, out.size), trim(out.values, out.size),
          trim(out.keyLocations, out.size), location, tag);
    }

    private static <T> T[] trim(T[] array, int length) {
      return array.length == length ? array : Arrays.copyOf(array, length);
    }

    private void putMerged(Merged out) {
      for (MapNode source : mergeSources) {
        for (Map.Entry<String, Node> e : source.entries().entrySet()) {
          String k = e.getKey();
          if (indexOf(k) < 0 && out.merged.add(k)) {
            out.add(k, source.keyLocation(k), e.getValue());
          }
        }
      }
    }
  }

  /** The slots of a mapping with merge keys, and which keys came from merged maps. */
  private static final class Merged {
    final String[] keys;
    final Node[] values;
    final SourceLocation[] keyLocations;
    final Set<String> merged = new HashSet<>();
    int size;

    Merged(int capacity) {
      keys = new String[capacity];
      values = new Node[capacity];
      keyLocations = new SourceLocation[capacity];
    }

    void add(String key, SourceLocation at, Node value) {
      keys[size] = key;
      values[size] = value;
      keyLocations[size] = at;
      size++;
    }
  }
}
