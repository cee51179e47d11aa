package dev.compose2eb.compose.env;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Interpolates every string value of a YAML tree, as docker compose does before it merges files:
 * keys are never interpolated, numbers, booleans and nulls are left alone, tags and locations are
 * kept. Subtrees without any change are shared with the input rather than copied.
 */
public final class NodeInterpolator {
  private final Interpolator.Lookup lookup;
  private final Diagnostics diags;
  private final Set<String> warned = new HashSet<>();
  /** The key path of the node being visited: String keys and Integer indexes. */
  private final List<Object> path = new ArrayList<>();
  private final String rootPath;

  private NodeInterpolator(String rootPath, Interpolator.Lookup lookup, Diagnostics diags) {
    this.rootPath = rootPath;
    this.lookup = lookup;
    this.diags = diags;
  }

  /**
   * Returns {@code root} with its string values interpolated. Each value that cannot be
   * interpolated is reported as an error and kept as written; each distinct unset variable is
   * reported once, as a warning at its first use.
   *
   * @param rootPath the key path of {@code root} ({@code ""} for a whole compose file)
   */
  public static Node interpolate(
      Node root, String rootPath, Interpolator.Lookup lookup, Diagnostics diags) {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(rootPath, "rootPath");
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(diags, "diags");
    return new NodeInterpolator(rootPath, lookup, diags).visit(root);
  }

  private Node visit(Node node) {
    if (node instanceof ScalarNode scalar) {
      return visitScalar(scalar);
    }
    if (node instanceof MapNode map) {
      return visitMap(map);
    }
    return visitSeq((SeqNode) node);
  }

  private Node visitScalar(ScalarNode scalar) {
    if (!(scalar.value() instanceof String text) || text.indexOf('$') < 0) {
      return scalar;
    }
    try {
      String result = Interpolator.interpolate(text, lookup, name -> warnUnset(name, scalar));
      return result.equals(text) ? scalar : new ScalarNode(result, scalar.location(), scalar.tag());
    } catch (InterpolationException e) {
      diags.error(scalar.location(), pathText(), e.getMessage(), e.hint());
      return scalar;
    }
  }

  private Node visitMap(MapNode map) {
    MapNode.Builder changed = null;
    for (Map.Entry<String, Node> entry : map.entries().entrySet()) {
      path.add(entry.getKey());
      Node after = visit(entry.getValue());
      path.remove(path.size() - 1);
      if (after != entry.getValue()) {
        if (changed == null) {
          changed = new MapNode.Builder(map); // keeps the key locations and the tag
        }
        changed.replace(entry.getKey(), after);
      }
    }
    return changed == null ? map : changed.build();
  }

  private Node visitSeq(SeqNode seq) {
    List<Node> changed = null;
    List<Node> items = seq.items();
    for (int i = 0; i < items.size(); i++) {
      path.add(i);
      Node after = visit(items.get(i));
      path.remove(path.size() - 1);
      if (after != items.get(i)) {
        if (changed == null) {
          changed = new ArrayList<>(items);
        }
        changed.set(i, after);
      }
    }
    return changed == null ? seq : new SeqNode(changed, seq.location(), seq.tag());
  }

  private void warnUnset(String name, ScalarNode at) {
    if (warned.add(name)) {
      SourceLocation location = at.location();
      diags.warning(location, pathText(),
          "The \"" + name + "\" variable is not set. Defaulting to a blank string.", "");
    }
  }

  /** {@code services.web.ports[1]}; built only when a diagnostic needs it. */
  private String pathText() {
    StringBuilder sb = new StringBuilder(rootPath);
    for (Object segment : path) {
      if (segment instanceof Integer index) {
        sb.append('[').append(index).append(']');
      } else {
        if (sb.length() > 0) {
          sb.append('.');
        }
        sb.append(segment);
      }
    }
    return sb.toString();
  }
}
