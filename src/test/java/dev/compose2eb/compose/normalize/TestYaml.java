package dev.compose2eb.compose.normalize;

import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.ScalarStyle;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/** Test-only: YAML text to our positioned node tree, plain scalars resolved like YAML 1.2 core. */
final class TestYaml {
  static final String FILE = "compose.yaml";
  private static final Pattern INT = Pattern.compile("[-+]?[0-9]+");
  private static final Pattern FLOAT = Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");

  private TestYaml() {}

  static MapNode parse(String text) {
    org.snakeyaml.engine.v2.nodes.Node root = new Compose(LoadSettings.builder().build()).composeString(text)
        .orElseThrow();
    return (MapNode) convert(root);
  }

  private static SourceLocation at(org.snakeyaml.engine.v2.nodes.Node n) {
    return n.getStartMark().map(m -> new SourceLocation(FILE, m.getLine() + 1, m.getColumn() + 1))
        .orElse(SourceLocation.ofFile(FILE));
  }

  private static Node convert(org.snakeyaml.engine.v2.nodes.Node n) {
    if (n instanceof MappingNode m) {
      MapNode.Builder b = new MapNode.Builder(at(n));
      for (NodeTuple t : m.getValue()) {
        String key = ((org.snakeyaml.engine.v2.nodes.ScalarNode) t.getKeyNode()).getValue();
        b.put(key, at(t.getKeyNode()), convert(t.getValueNode()));
      }
      return b.build();
    }
    if (n instanceof SequenceNode s) {
      List<Node> items = new ArrayList<>();
      s.getValue().forEach(i -> items.add(convert(i)));
      return SeqNode.of(items, at(n));
    }
    org.snakeyaml.engine.v2.nodes.ScalarNode s = (org.snakeyaml.engine.v2.nodes.ScalarNode) n;
    String v = s.getValue();
    if (s.getScalarStyle() != ScalarStyle.PLAIN) {
      return ScalarNode.of(v, at(n));
    }
    Object value = v;
    if (v.isEmpty() || v.equals("~") || v.equals("null")) {
      value = null;
    } else if (v.equals("true") || v.equals("True") || v.equals("TRUE")) {
      value = true;
    } else if (v.equals("false") || v.equals("False") || v.equals("FALSE")) {
      value = false;
    } else if (INT.matcher(v).matches() && v.replaceFirst("^[-+]", "").length() < 19) {
      value = Long.parseLong(v);
    } else if (FLOAT.matcher(v).matches()) {
      value = Double.parseDouble(v);
    }
    return ScalarNode.of(value, at(n));
  }
}
