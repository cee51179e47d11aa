package dev.compose2eb.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The maps of a MapNode are read-only, ordered and behave like any Map, however they are stored. */
class MapNodeStorageTest {

  private static MapNode read(String text) {
    Diagnostics diags = new Diagnostics();
    List<Node> docs = YamlReader.read("c.yml", text, diags);
    assertThat(diags.list()).isEmpty();
    return (MapNode) docs.get(0);
  }

  private static SourceLocation at(int line, int column) {
    return new SourceLocation("c.yml", line, column);
  }

  /** A mapping of n keys k0..k{n-1}, each on its own line, written in descending order. */
  private static String mapping(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = n - 1; i >= 0; i--) {
      sb.append("k").append(i).append(": v").append(i).append('\n');
    }
    return sb.toString();
  }

  @Test
  void smallAndLargeMappingsLookUpEveryKeyAndKeepTheWrittenOrder() {
    for (int n : new int[] {1, 7, 8, 9, 40, 1000}) {
      MapNode m = read(mapping(n));
      List<String> expected = new ArrayList<>();
      for (int i = n - 1; i >= 0; i--) {
        expected.add("k" + i);
      }
      assertThat(m.keys()).as("n=%d", n).containsExactlyElementsOf(expected);
      assertThat(m.keyLocations().keySet()).containsExactlyElementsOf(expected);
      for (int i = 0; i < n; i++) {
        assertThat(((ScalarNode) m.get("k" + i)).value()).isEqualTo("v" + i);
        assertThat(m.keyLocation("k" + i)).isEqualTo(at(n - i, 1));
      }
      assertThat(m.has("missing")).isFalse();
      assertThat(m.get("missing")).isNull();
      assertThat(m.entries().containsKey(null)).isFalse();
      assertThat(m.entries().containsKey(42)).isFalse();
      assertThat(m.keyLocation("missing")).isEqualTo(m.location());
      assertThat(m.size()).isEqualTo(n);
    }
  }

  @Test
  void mapsEqualAndHashLikeLinkedHashMaps() {
    MapNode m = read("b: 1\na: two\nc: [x]\n");
    Map<String, Node> copy = new LinkedHashMap<>(m.entries());
    assertThat(m.entries()).isEqualTo(copy).hasSameHashCodeAs(copy);
    assertThat(copy).isEqualTo(m.entries());
    assertThat(m.entries().toString()).isEqualTo(copy.toString());
    assertThat(m.keyLocations()).isEqualTo(Map.of("b", at(1, 1), "a", at(2, 1), "c", at(3, 1)));
    assertThat(m.entries().values()).containsExactlyElementsOf(copy.values());
    Map<String, Object> seen = new LinkedHashMap<>();
    m.entries().forEach(seen::put);
    assertThat(seen).containsExactlyEntriesOf(copy);
  }

  @Test
  void mapsCannotBeChanged() {
    MapNode m = read("a: 1\nb: 2\n");
    Map<String, Node> entries = m.entries();
    Node one = m.get("a");
    assertThatThrownBy(() -> entries.put("c", one)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> entries.remove("a")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> entries.remove("missing")).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(entries::clear).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> entries.putIfAbsent("a", one)).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> entries.entrySet().iterator().next().setValue(one))
        .isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> entries.keySet().iterator().remove()).isInstanceOf(UnsupportedOperationException.class);
    assertThatThrownBy(() -> m.keyLocations().put("c", at(9, 9))).isInstanceOf(UnsupportedOperationException.class);
    assertThat(m.keys()).containsExactly("a", "b");
  }

  @Test
  void mergedKeysGoWhereTheMergeKeyWasWritten() {
    MapNode m = (MapNode) read("base: &b {x: 1, y: 2, z: 3}\nm:\n  y: own\n  <<: *b\n  w: 4\n").get("m");
    assertThat(m.keys()).containsExactly("y", "x", "z", "w");
    assertThat(((ScalarNode) m.get("y")).value()).isEqualTo("own");
    assertThat(m.keyLocation("x")).isEqualTo(at(1, 11));
    assertThat(m.keyLocation("w")).isEqualTo(at(5, 3));
  }

  @Test
  void aBuilderStartedFromANodeLeavesTheNodeAsItWas() {
    MapNode m = read("a: 1\nb: 2\n");
    ScalarNode three = ScalarNode.of(3L, at(7, 7));
    MapNode changed = new MapNode.Builder(m).replace("b", three).replace("missing", three).build();
    assertThat(changed.keys()).containsExactly("a", "b");
    assertThat(changed.get("b")).isSameAs(three);
    assertThat(changed.keyLocations()).isEqualTo(m.keyLocations());
    assertThat(((ScalarNode) m.get("b")).value()).isEqualTo(2L);

    MapNode removed = new MapNode.Builder(m).remove("a").put("c", three).build();
    assertThat(removed.keys()).containsExactly("b", "c");
    assertThat(removed.keyLocation("c")).isEqualTo(at(7, 7));
    assertThat(m.keys()).containsExactly("a", "b");
    assertThat(m.keyLocations().keySet()).containsExactly("a", "b");
  }

  @Test
  void aBuilderUsedAfterBuildDoesNotChangeWhatItBuilt() {
    MapNode.Builder b = new MapNode.Builder(at(1, 1)).put("a", ScalarNode.of(1L, at(1, 4)));
    MapNode first = b.build();
    b.put("b", ScalarNode.of(2L, at(2, 4))).remove("a");
    MapNode second = b.build();
    assertThat(first.keys()).containsExactly("a");
    assertThat(first.keyLocations().keySet()).containsExactly("a");
    assertThat(second.keys()).containsExactly("b");
  }

  @Test
  void aMappingKnowsWhetherMergeTagsAreInsideIt() {
    MapNode plain = read("a: {b: [1, {c: 2}]}\nd: x\n");
    assertThat(plain.hasTagsBelow()).isFalse();
    assertThat(MergeTag.anyIn(plain)).isFalse();

    MapNode deep = read("a: {b: [1, [{c: !reset 2}]]}\nd: x\n");
    assertThat(deep.hasTagsBelow()).isTrue();
    assertThat(((MapNode) deep.get("a")).hasTagsBelow()).isTrue();
    assertThat(MergeTag.anyIn(deep.get("d"))).isFalse();

    MapNode self = read("a: !override {b: 1}\n");
    assertThat(self.hasTagsBelow()).isTrue();
    assertThat(((MapNode) self.get("a")).hasTagsBelow()).isFalse();
    assertThat(MergeTag.anyIn(self.get("a"))).isTrue();

    MapNode viaAlias = read("x: &t [!reset 1]\ny: {z: *t}\n");
    assertThat(((MapNode) viaAlias.get("y")).hasTagsBelow()).isTrue();

    ScalarNode reset = new ScalarNode("v", at(9, 9), MergeTag.RESET);
    assertThat(new MapNode.Builder(plain).put("e", reset).build().hasTagsBelow()).isTrue();
    assertThat(new MapNode.Builder(deep).remove("a").build().hasTagsBelow()).isFalse();
    Map<String, Node> entries = new LinkedHashMap<>(Map.of("s", SeqNode.of(List.of(reset), at(1, 1))));
    assertThat(new MapNode(entries, Map.of(), at(1, 1), MergeTag.NONE).hasTagsBelow()).isTrue();
  }

  @Test
  void aMapNodeMadeFromAMutableMapDoesNotFollowLaterChanges() {
    Map<String, Node> entries = new LinkedHashMap<>();
    entries.put("a", ScalarNode.of(1L, at(1, 4)));
    Map<String, SourceLocation> locations = new LinkedHashMap<>(Map.of("a", at(1, 1)));
    MapNode m = new MapNode(entries, locations, at(1, 1), MergeTag.NONE);
    entries.put("b", ScalarNode.of(2L, at(2, 4)));
    locations.clear();
    assertThat(m.keys()).containsExactly("a");
    assertThat(m.keyLocation("a")).isEqualTo(at(1, 1));
  }
}
