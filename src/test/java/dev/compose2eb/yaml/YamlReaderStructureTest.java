package dev.compose2eb.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import java.util.List;
import org.junit.jupiter.api.Test;

class YamlReaderStructureTest {

  private static List<Node> read(String text) {
    Diagnostics diags = new Diagnostics();
    List<Node> docs = YamlReader.read("c.yml", text, diags);
    assertThat(diags.list()).isEmpty();
    return docs;
  }

  private static MapNode readMap(String text) {
    List<Node> docs = read(text);
    assertThat(docs).hasSize(1);
    return (MapNode) docs.get(0);
  }

  private static List<String> errors(String text) {
    Diagnostics diags = new Diagnostics();
    assertThat(YamlReader.read("c.yml", text, diags)).isEmpty();
    return diags.list().stream().map(Diagnostic::render).toList();
  }

  private static Object scalar(Node node) {
    return ((ScalarNode) node).value();
  }

  private static SourceLocation at(int line, int column) {
    return new SourceLocation("c.yml", line, column);
  }

  @Test
  void emptyFileAndCommentsOnlyGiveNoDocuments() {
    assertThat(read("")).isEmpty();
    assertThat(read("# just a comment\n\n   # another\n")).isEmpty();
    assertThat(read("---\n")).isEmpty();
  }

  @Test
  void severalDocumentsComeBackInOrderAndEmptyOnesAreDropped() {
    List<Node> docs = read("a: 1\n---\nb: 2\n---\n# nothing\n---\nc: 3\n...\n");
    assertThat(docs).hasSize(3);
    assertThat(docs).allMatch(MapNode.class::isInstance);
    assertThat(((MapNode) docs.get(0)).keys()).containsExactly("a");
    assertThat(((MapNode) docs.get(1)).keys()).containsExactly("b");
    assertThat(scalar(((MapNode) docs.get(2)).get("c"))).isEqualTo(3L);
  }

  @Test
  void topLevelScalarAndSequenceDocuments() {
    assertThat(scalar(read("hello\n").get(0))).isEqualTo("hello");
    SeqNode seq = (SeqNode) read("- 1\n- two\n").get(0);
    assertThat(seq.items()).extracting(YamlReaderStructureTest::scalar).containsExactly(1L, "two");
  }

  @Test
  void keysAreStringsByTheirSourceText() {
    MapNode map = readMap("80: a\n0x10: b\ntrue: c\n~: d\n1.50: e\n\"quoted\": f\n? |\n  block\n: g\n");
    assertThat(map.keys()).containsExactly("80", "0x10", "true", "~", "1.50", "quoted", "block\n");
    assertThat(scalar(map.get("80"))).isEqualTo("a");
  }

  @Test
  void keysKeepWrittenOrder() {
    assertThat(readMap("z: 1\na: 2\nm: 3\n").keys()).containsExactly("z", "a", "m");
  }

  @Test
  void locationsOfKeysAndValuesAreOneBased() {
    MapNode root = readMap("services:\n  web:\n    image: nginx\n    ports:\n      - \"80:80\"\n"
        + "    environment: {A: 1}\n");
    assertThat(root.location()).isEqualTo(at(1, 1));
    assertThat(root.keyLocation("services")).isEqualTo(at(1, 1));
    MapNode services = (MapNode) root.get("services");
    assertThat(services.location()).isEqualTo(at(2, 3));
    MapNode web = (MapNode) services.get("web");
    assertThat(services.keyLocation("web")).isEqualTo(at(2, 3));
    assertThat(web.keyLocation("image")).isEqualTo(at(3, 5));
    assertThat(web.get("image").location()).isEqualTo(at(3, 12));
    assertThat(web.keyLocation("ports")).isEqualTo(at(4, 5));
    SeqNode ports = (SeqNode) web.get("ports");
    assertThat(ports.location()).isEqualTo(at(5, 7));
    assertThat(ports.get(0).location()).isEqualTo(at(5, 9));
    MapNode env = (MapNode) web.get("environment");
    assertThat(env.location()).isEqualTo(at(6, 18));
    assertThat(env.keyLocation("A")).isEqualTo(at(6, 19));
    assertThat(env.get("A").location()).isEqualTo(at(6, 22));
  }

  @Test
  void aliasSharesTheAnchoredValue() {
    MapNode map = readMap("x: &v [1, 2]\ny: *v\nz: &s hello\nw: *s\n");
    assertThat(map.get("y")).isSameAs(map.get("x"));
    assertThat(scalar(map.get("w"))).isEqualTo("hello");
  }

  @Test
  void aliasedScalarAsKeyUsesItsText() {
    MapNode map = readMap("a: &k 80\nb:\n  *k : port\n");
    assertThat(((MapNode) map.get("b")).keys()).containsExactly("80");
  }

  @Test
  void anchorsDoNotCrossDocuments() {
    assertThat(errors("a: &x 1\n---\nb: *x\n"))
        .containsExactly("c.yml:3:4: error: unknown anchor 'x' referenced");
  }

  @Test
  void laterAnchorWithTheSameNameWins() {
    MapNode map = readMap("a: &x 1\nb: *x\nc: &x 2\nd: *x\n");
    assertThat(scalar(map.get("b"))).isEqualTo(1L);
    assertThat(scalar(map.get("d"))).isEqualTo(2L);
  }

  @Test
  void mergeKeyMergesAMapAndExplicitKeysWin() {
    MapNode root = readMap("x-base: &base\n  image: nginx\n  restart: always\n"
        + "web:\n  <<: *base\n  restart: \"no\"\n");
    MapNode web = (MapNode) root.get("web");
    assertThat(web.keys()).containsExactly("image", "restart");
    assertThat(scalar(web.get("image"))).isEqualTo("nginx");
    assertThat(scalar(web.get("restart"))).isEqualTo("no");
    // merged keys keep where they were written; explicit ones where they are
    assertThat(web.keyLocation("image")).isEqualTo(at(2, 3));
    assertThat(web.get("image").location()).isEqualTo(at(2, 10));
    assertThat(web.keyLocation("restart")).isEqualTo(at(6, 3));
    assertThat(web.has("<<")).isFalse();
  }

  @Test
  void mergeOfASequenceLetsEarlierMapsWin() {
    MapNode root = readMap("a: &a {x: 1, y: 1}\nb: &b {y: 2, z: 2}\n"
        + "m:\n  first: 0\n  <<: [*a, *b, {w: 3}]\n  x: 9\n");
    MapNode m = (MapNode) root.get("m");
    // merged keys sit where "<<" was written; an explicit key stays where it is
    assertThat(m.keys()).containsExactly("first", "y", "z", "w", "x");
    assertThat(scalar(m.get("x"))).isEqualTo(9L);
    assertThat(scalar(m.get("y"))).isEqualTo(1L);
    assertThat(scalar(m.get("z"))).isEqualTo(2L);
    assertThat(scalar(m.get("w"))).isEqualTo(3L);
  }

  @Test
  void nestedMergesAreFlattened() {
    MapNode root = readMap("a: &a {x: 1}\nb: &b\n  <<: *a\n  y: 2\nc:\n  <<: *b\n  z: 3\n");
    MapNode c = (MapNode) root.get("c");
    assertThat(c.keys()).containsExactlyInAnyOrder("x", "y", "z");
    assertThat(scalar(c.get("x"))).isEqualTo(1L);
  }

  @Test
  void quotedMergeKeyIsAnOrdinaryKey() {
    MapNode map = readMap("\"<<\": {a: 1}\n");
    assertThat(map.keys()).containsExactly("<<");
  }

  @Test
  void mergeOfANonMapIsAnError() {
    assertThat(errors("m:\n  <<: 5\n")).containsExactly("c.yml:2:7: error: map merge requires map"
        + " or sequence of maps as the value; e.g. <<: *defaults or <<: [*base, *extra]");
    assertThat(errors("l: &l [{a: 1}]\nm:\n  <<: *l\n")).containsExactly("c.yml:3:7: error: map"
        + " merge requires map or sequence of maps as the value; e.g. <<: *defaults or <<: [*base,"
        + " *extra]");
    assertThat(errors("m:\n  <<: [{a: 1}, 2]\n")).hasSize(1);
  }

  @Test
  void duplicateKeysUseGoYamlWordingAtTheSecondKey() {
    assertThat(errors("services:\n  web:\n    image: a\n    image: b\n"))
        .containsExactly("c.yml:4:5: error: mapping key \"image\" already defined at line 3;"
            + " remove one of the two");
    assertThat(errors("'80': a\n80: b\n"))
        .containsExactly("c.yml:2:1: error: mapping key \"80\" already defined at line 1;"
            + " remove one of the two");
    assertThat(errors("{a: 1, a: 2}\n"))
        .containsExactly("c.yml:1:8: error: mapping key \"a\" already defined at line 1;"
            + " remove one of the two");
    assertThat(errors("b: &b {x: 1}\nm:\n  <<: *b\n  <<: *b\n"))
        .containsExactly("c.yml:4:3: error: mapping key \"<<\" already defined at line 3;"
            + " remove one of the two");
  }

  @Test
  void sameKeyInDifferentMappingsIsFine() {
    MapNode map = readMap("a: {x: 1}\nb: {x: 2}\n");
    assertThat(map.keys()).containsExactly("a", "b");
  }

  @Test
  void composeMergeTagsOnAnyKindOfNode() {
    MapNode map = readMap("a: !reset []\nb: !override {x: 1}\nc: !reset\nd: !override 8080\n"
        + "e: !override \"8080\"\nf: !reset null\n");
    assertThat(map.get("a").tag()).isEqualTo(MergeTag.RESET);
    assertThat(map.get("a")).isInstanceOf(SeqNode.class);
    assertThat(map.get("b").tag()).isEqualTo(MergeTag.OVERRIDE);
    assertThat(map.get("b")).isInstanceOf(MapNode.class);
    assertThat(map.get("c").tag()).isEqualTo(MergeTag.RESET);
    assertThat(scalar(map.get("c"))).isNull();
    assertThat(map.get("d").tag()).isEqualTo(MergeTag.OVERRIDE);
    assertThat(scalar(map.get("d"))).isEqualTo(8080L);
    assertThat(scalar(map.get("e"))).isEqualTo("8080");
    assertThat(map.get("f").tag()).isEqualTo(MergeTag.RESET);
  }

  @Test
  void otherTagsKeepContentWithoutMergeTag() {
    MapNode map = readMap("a: !custom {x: 1}\nb: !!map {y: 2}\nc: !!seq [1]\nd: !foo 3\n");
    assertThat(map.get("a").tag()).isEqualTo(MergeTag.NONE);
    assertThat(((MapNode) map.get("a")).keys()).containsExactly("x");
    assertThat(map.get("b")).isInstanceOf(MapNode.class);
    assertThat(map.get("c")).isInstanceOf(SeqNode.class);
    assertThat(scalar(map.get("d"))).isEqualTo("3");
  }

  @Test
  void collectionAsKeyIsAnError() {
    assertThat(errors("? [a, b]\n: 1\n"))
        .containsExactly("c.yml:1:3: error: a mapping key must be a scalar, not a sequence");
    assertThat(errors("a: &m {x: 1}\nb:\n  *m : 2\n"))
        .containsExactly("c.yml:3:3: error: a mapping key must be a scalar, not a mapping");
  }

  @Test
  void byteOrderMarkIsIgnored() {
    assertThat(readMap("\uFEFFa: 1\n").keys()).containsExactly("a");
  }

  @Test
  void crlfLineEnds() {
    MapNode map = readMap("a: 1\r\nb:\r\n  - x\r\n");
    assertThat(map.keyLocation("b")).isEqualTo(at(2, 1));
    assertThat(((SeqNode) map.get("b")).get(0).location()).isEqualTo(at(3, 5));
  }
}
