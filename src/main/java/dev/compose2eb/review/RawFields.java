package dev.compose2eb.review;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The fields of a Dockerrun file's JSON tree that the model does not hold, as canonical JSON
 * (object keys sorted, no spaces), so that {@link DockerrunDiff} compares them too.
 */
final class RawFields {
  static final Set<String> TOP_LEVEL = Set.of("AWSEBDockerrunVersion", "volumes",
      "containerDefinitions", "authentication");
  static final Set<String> VOLUME = Set.of("name", "host");

  private RawFields() {}

  /** {@code object}'s fields outside {@code modelled}, by key. */
  static Map<String, String> unmodelled(JsonNode object, Set<String> modelled) {
    Map<String, String> out = new TreeMap<>();
    if (object != null && object.isObject()) {
      object.fields().forEachRemaining(e -> {
        if (!modelled.contains(e.getKey())) {
          out.put(e.getKey(), canonical(e.getValue()));
        }
      });
    }
    return out;
  }

  /** For each named element of the array {@code root.field}, its unmodelled fields (first wins). */
  static Map<String, Map<String, String>> byName(JsonNode root, String field, Set<String> modelled) {
    Map<String, Map<String, String>> out = new TreeMap<>();
    JsonNode array = root == null ? null : root.get(field);
    if (array != null && array.isArray()) {
      for (JsonNode element : array) {
        JsonNode name = element.get("name");
        if (name != null && name.isTextual()) {
          out.putIfAbsent(name.asText(), unmodelled(element, modelled));
        }
      }
    }
    return out;
  }

  static String canonical(JsonNode node) {
    StringBuilder sb = new StringBuilder();
    write(node, sb);
    return sb.toString();
  }

  private static void write(JsonNode node, StringBuilder sb) {
    if (node.isObject()) {
      List<String> keys = new ArrayList<>();
      node.fieldNames().forEachRemaining(keys::add);
      keys.sort(null);
      sb.append('{');
      for (int i = 0; i < keys.size(); i++) {
        sb.append(i == 0 ? "" : ",").append(new com.fasterxml.jackson.databind.node.TextNode(
            keys.get(i))).append(':');
        write(node.get(keys.get(i)), sb);
      }
      sb.append('}');
    } else if (node.isArray()) {
      sb.append('[');
      Iterator<JsonNode> it = node.elements();
      for (int i = 0; it.hasNext(); i++) {
        sb.append(i == 0 ? "" : ",");
        write(it.next(), sb);
      }
      sb.append(']');
    } else {
      sb.append(node); // scalars: their JSON text
    }
  }
}
