package dev.compose2eb.dockerrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compose2eb.diag.Diagnostics;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What every validation rule needs: the positioned tree, the collector, and lenient accessors that
 * see only values of the right type (wrong types were already reported by {@link ModelConverter}).
 */
final class Check {
  /** An object inside an array, with its path. */
  record Item(JsonNode node, String path) {
    String child(String key) {
      return JsonDocument.child(path, key);
    }
  }

  final JsonDocument doc;
  private final Diagnostics out;

  Check(JsonDocument doc, Diagnostics out) {
    this.doc = doc;
    this.out = out;
  }

  void error(String path, String message, String hint) {
    out.error(doc.valueAt(path), path, message, hint);
  }

  void warning(String path, String message, String hint) {
    out.warning(doc.valueAt(path), path, message, hint);
  }

  void info(String path, String message, String hint) {
    out.info(doc.valueAt(path), path, message, hint);
  }

  /** A required key is absent: the path names the key, the position is its parent object's. */
  void missing(String parentPath, String key, String message, String hint) {
    out.error(doc.valueAt(parentPath), JsonDocument.child(parentPath, key), message, hint);
  }

  void keyWarning(String path, String message, String hint) {
    out.warning(doc.keyAt(path), path, message, hint);
  }

  /** Present and not null. */
  static boolean has(JsonNode parent, String key) {
    JsonNode v = parent.get(key);
    return v != null && !v.isNull();
  }

  static Optional<String> text(JsonNode parent, String key) {
    JsonNode v = parent.get(key);
    return v != null && v.isTextual() ? Optional.of(v.textValue()) : Optional.empty();
  }

  /** Any integral number, as a long so that out-of-range values can still be reported. */
  static Optional<Long> integer(JsonNode parent, String key) {
    JsonNode v = parent.get(key);
    return v != null && v.isIntegralNumber() && v.canConvertToLong()
        ? Optional.of(v.longValue()) : Optional.empty();
  }

  static Optional<Boolean> bool(JsonNode parent, String key) {
    JsonNode v = parent.get(key);
    return v != null && v.isBoolean() ? Optional.of(v.booleanValue()) : Optional.empty();
  }

  /** The object items of the array under {@code key}; anything else yields nothing. */
  static List<Item> objects(JsonNode parent, String parentPath, String key) {
    return items(parent, parentPath, key, JsonNode::isObject);
  }

  /** The string items of the array under {@code key}, with their paths. */
  static List<Item> strings(JsonNode parent, String parentPath, String key) {
    return items(parent, parentPath, key, JsonNode::isTextual);
  }

  private static List<Item> items(JsonNode parent, String parentPath, String key, Predicate<JsonNode> kind) {
    JsonNode array = parent.get(key);
    List<Item> items = new ArrayList<>();
    if (array != null && array.isArray()) {
      String path = JsonDocument.child(parentPath, key);
      for (int i = 0; i < array.size(); i++) {
        if (kind.test(array.get(i))) {
          items.add(new Item(array.get(i), JsonDocument.item(path, i)));
        }
      }
    }
    return items;
  }
}
