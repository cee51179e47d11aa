package dev.compose2eb.compose.env;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.Severity;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.MergeTag;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class NodeInterpolatorTest {
  private static final String FILE = "compose.yaml";
  private static final Interpolator.Lookup ENV =
      Interpolator.Lookup.of(Map.of("TAG", "1.25", "PORT", "8080", "EMPTY", ""));

  private static SourceLocation at(int line, int column) {
    return new SourceLocation(FILE, line, column);
  }

  private static ScalarNode scalar(Object value, int line, int column) {
    return ScalarNode.of(value, at(line, column));
  }

  private static MapNode map(int line, int column, Object... keysAndValues) {
    MapNode.Builder b = new MapNode.Builder(at(line, column));
    for (int i = 0; i < keysAndValues.length; i += 2) {
      Node value = (Node) keysAndValues[i + 1];
      b.put((String) keysAndValues[i], at(value.location().line(), 1), value);
    }
    return b.build();
  }

  /** services: web: {image, ports, environment, healthcheck}; db: {image} */
  private static MapNode composeFile() {
    MapNode web = map(2, 3,
        "image", scalar("nginx:${TAG}", 3, 12),
        "ports", SeqNode.of(List.of(
            scalar("${PORT}:80", 5, 9),
            scalar(9090L, 6, 9),
            scalar("${MISSING}:81", 7, 9)), at(5, 7)),
        "environment", map(8, 7,
            "$KEY", scalar("${MISSING}", 9, 14),
            "PLAIN", scalar("no dollars", 10, 14),
            "RATIO", scalar(2.5, 11, 14),
            "DEBUG", scalar(true, 12, 14),
            "UNSET", scalar(null, 13, 14),
            "OTHER", scalar("$OTHER_MISSING$MISSING", 14, 14)),
        "healthcheck", map(15, 7, "test", scalar("curl localhost", 16, 13)));
    MapNode db = map(17, 3, "image", scalar("postgres", 18, 12));
    return map(1, 1, "services", map(2, 3, "web", web, "db", db));
  }

  private static MapNode child(Node node, String... keys) {
    Node n = node;
    for (String key : keys) {
      n = ((MapNode) n).get(key);
    }
    return (MapNode) n;
  }

  @Test
  void interpolatesStringValuesOnly() {
    Diagnostics diags = new Diagnostics();
    Node result = NodeInterpolator.interpolate(composeFile(), "", ENV, diags);

    MapNode web = child(result, "services", "web");
    assertThat(((ScalarNode) web.get("image")).value()).isEqualTo("nginx:1.25");
    SeqNode ports = (SeqNode) web.get("ports");
    assertThat(ports.items()).extracting(n -> ((ScalarNode) n).value())
        .containsExactly("8080:80", 9090L, ":81");
    MapNode environment = (MapNode) web.get("environment");
    assertThat(environment.keys()).containsExactly("$KEY", "PLAIN", "RATIO", "DEBUG", "UNSET", "OTHER");
    assertThat(environment.entries().values()).extracting(n -> ((ScalarNode) n).value())
        .containsExactly("", "no dollars", 2.5, true, null, "");
    assertThat(diags.hasErrors()).isFalse();
  }

  @Test
  void keepsLocationsTagsAndUnchangedSubtrees() {
    MapNode input = composeFile();
    MapNode tagged = new MapNode.Builder(input)
        .put("x-tagged", at(20, 1), new ScalarNode("${TAG}", at(20, 11), MergeTag.OVERRIDE))
        .build();
    Node result = NodeInterpolator.interpolate(tagged, "", ENV, new Diagnostics());

    MapNode in = child(tagged, "services", "web");
    MapNode out = child(result, "services", "web");
    assertThat(out.location()).isEqualTo(in.location());
    assertThat(out.keyLocations()).isEqualTo(in.keyLocations());
    assertThat(out.get("image").location()).isEqualTo(at(3, 12));
    assertThat(((SeqNode) out.get("ports")).get(0).location()).isEqualTo(at(5, 9));
    // untouched values and subtrees are the very same objects
    assertThat(((SeqNode) out.get("ports")).get(1)).isSameAs(((SeqNode) in.get("ports")).get(1));
    assertThat(out.get("healthcheck")).isSameAs(in.get("healthcheck"));
    assertThat(child(result, "services").get("db")).isSameAs(child(tagged, "services").get("db"));

    ScalarNode taggedOut = (ScalarNode) ((MapNode) result).get("x-tagged");
    assertThat(taggedOut.value()).isEqualTo("1.25");
    assertThat(taggedOut.tag()).isEqualTo(MergeTag.OVERRIDE);
    assertThat(taggedOut.location()).isEqualTo(at(20, 11));
  }

  @Test
  void warnsOncePerUnsetVariableAtItsFirstUse() {
    Diagnostics diags = new Diagnostics();
    NodeInterpolator.interpolate(composeFile(), "", ENV, diags);

    assertThat(diags.list()).extracting(Diagnostic::render).containsExactly(
        "compose.yaml:7:9: warning: services.web.ports[2]: "
            + "The \"MISSING\" variable is not set. Defaulting to a blank string.",
        "compose.yaml:14:14: warning: services.web.environment.OTHER: "
            + "The \"OTHER_MISSING\" variable is not set. Defaulting to a blank string.");
    assertThat(diags.list()).allMatch(d -> d.severity() == Severity.WARNING);
  }

  @Test
  void reportsEachBadValueOnOneLineAndKeepsItAsWritten() {
    MapNode web = map(2, 3,
        "image", scalar("${foo!}", 3, 12),
        "command", SeqNode.of(List.of(scalar("echo", 4, 15), scalar("${DB:?set DB}", 4, 23)),
            at(4, 14)),
        "user", scalar("${EMPTY:?}", 5, 11),
        "working_dir", scalar("${TAG}", 6, 18));
    MapNode root = map(1, 1, "services", map(2, 3, "web", web));
    Diagnostics diags = new Diagnostics();

    Node result = NodeInterpolator.interpolate(root, "", ENV, diags);

    assertThat(diags.list()).extracting(Diagnostic::render).containsExactly(
        "compose.yaml:3:12: error: services.web.image: invalid interpolation format \"${foo!}\"; "
            + "You may need to escape any $ with another $, e.g. \"$$foo\"",
        "compose.yaml:4:23: error: services.web.command[1]: "
            + "required variable DB is missing a value: set DB; "
            + "set DB in the shell environment or in the .env file",
        "compose.yaml:5:11: error: services.web.user: required variable EMPTY is missing a value; "
            + "set EMPTY in the shell environment or in the .env file");
    MapNode out = child(result, "services", "web");
    assertThat(((ScalarNode) out.get("image")).value()).isEqualTo("${foo!}");
    assertThat(((ScalarNode) out.get("working_dir")).value()).isEqualTo("1.25");
  }

  @Test
  void pathsStartAtTheGivenRoot() {
    SeqNode environment = SeqNode.of(List.of(scalar("A=${NOPE}", 3, 9)), at(3, 7));
    Diagnostics diags = new Diagnostics();
    NodeInterpolator.interpolate(environment, "services.web.environment", ENV, diags);
    assertThat(diags.list()).singleElement().extracting(Diagnostic::path)
        .isEqualTo("services.web.environment[0]");

    Diagnostics top = new Diagnostics();
    NodeInterpolator.interpolate(scalar("${", 1, 1), "", ENV, top);
    assertThat(top.list()).singleElement().extracting(Diagnostic::path).isEqualTo("");
  }

  @Test
  void handlesDeeplyNestedTrees() {
    Node node = scalar("${TAG}", 300, 1);
    for (int depth = 0; depth < 250; depth++) {
      node = depth % 2 == 0
          ? map(1, 1, "k", node)
          : SeqNode.of(List.of(scalar("x", 1, 1), node), at(1, 1));
    }
    Node result = NodeInterpolator.interpolate(node, "", ENV, new Diagnostics());
    for (int depth = 249; depth >= 0; depth--) {
      result = depth % 2 == 0 ? ((MapNode) result).get("k") : ((SeqNode) result).get(1);
    }
    assertThat(((ScalarNode) result).value()).isEqualTo("1.25");
  }
}
