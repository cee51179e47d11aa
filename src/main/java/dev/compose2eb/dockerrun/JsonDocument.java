package dev.compose2eb.dockerrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.SourceLocation;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A parsed JSON file with the position of every value and key, by JSON path such as {@code
 * containerDefinitions[1].portMappings[0].hostPort} (the root is the empty path; keys that are not
 * plain names are quoted: {@code dockerLabels["com.example.tier"]}).
 *
 * @param problems errors found while parsing that did not stop it (duplicate keys)
 * @param sizeBytes the UTF-8 size of the text
 */
public record JsonDocument(
    String file,
    JsonNode root,
    Map<String, SourceLocation> valueLocations,
    Map<String, SourceLocation> keyLocations,
    List<Diagnostic> problems,
    int sizeBytes) {

  public JsonDocument {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(root, "root");
    valueLocations = Collections.unmodifiableMap(new LinkedHashMap<>(valueLocations));
    keyLocations = Collections.unmodifiableMap(new LinkedHashMap<>(keyLocations));
    problems = List.copyOf(problems);
  }

  /** Where the value at this path starts; the start of the file when the path is unknown. */
  public SourceLocation valueAt(String path) {
    SourceLocation at = valueLocations.get(path);
    if (at != null) {
      return at;
    }
    SourceLocation root = valueLocations.get("");
    return root != null ? root : new SourceLocation(file, 1, 1);
  }

  /** Where the key of this path was written; the value's position for array items and the root. */
  public SourceLocation keyAt(String path) {
    SourceLocation at = keyLocations.get(path);
    return at != null ? at : valueAt(path);
  }

  /** The path of a member of the object at {@code parent}. */
  public static String child(String parent, String key) {
    if (key.matches("[A-Za-z_][A-Za-z0-9_-]*")) {
      return parent.isEmpty() ? key : parent + "." + key;
    }
    String quoted = "[\"" + key.replace("\\", "\\\\").replace("\"", "\\\"") + "\"]";
    return parent + quoted;
  }

  /** The path of an item of the array at {@code parent}. */
  public static String item(String parent, int index) {
    return parent + "[" + index + "]";
  }
}
