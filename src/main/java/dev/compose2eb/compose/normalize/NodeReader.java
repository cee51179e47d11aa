package dev.compose2eb.compose.normalize;

import dev.compose2eb.diag.Suggestions;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads typed values out of the node tree the way compose-go's schema and casts accept them, and
 * reports every mismatch as an error at the value's location. A YAML null reads as "not given".
 */
final class NodeReader {
  private static final Pattern GO_INT = Pattern.compile("[+-]?\\d+");
  private static final Pattern GO_FLOAT =
      Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

  final Diagnostics diags;

  NodeReader(Diagnostics diags) {
    this.diags = diags;
  }

  void error(Node at, String path, String message, String hint) {
    diags.error(at.location(), path, message, hint);
  }

  void warning(Node at, String path, String message, String hint) {
    diags.warning(at.location(), path, message, hint);
  }

  /** Reports a value of the wrong kind: what was expected, what was found, and an example. */
  void typeError(Node at, String path, String expected, String example) {
    error(at, path, "expected " + expected + ", found " + describe(at), example.isEmpty() ? "" : "e.g. " + example);
  }

  static boolean isNull(Node n) {
    return n == null || (n instanceof ScalarNode s && s.isNull());
  }

  /** A short description of a node for messages: {@code the string "x"}, {@code a list}. */
  static String describe(Node n) {
    if (n instanceof MapNode) {
      return "a mapping";
    }
    if (n instanceof SeqNode) {
      return "a list";
    }
    ScalarNode s = (ScalarNode) n;
    if (s.isNull()) {
      return "null";
    }
    if (s.isString()) {
      return "the string " + quote((String) s.value());
    }
    return "the " + s.kindName() + " " + s.asText();
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> {
          if (Character.isISOControl(c)) { // never an escape sequence on the user's terminal
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  // ---- structure

  Optional<MapNode> map(Node n, String path, String example) {
    if (isNull(n)) {
      return Optional.empty();
    }
    if (n instanceof MapNode m) {
      return Optional.of(m);
    }
    typeError(n, path, "a mapping", example);
    return Optional.empty();
  }

  Optional<SeqNode> seq(Node n, String path, String example) {
    if (isNull(n)) {
      return Optional.empty();
    }
    if (n instanceof SeqNode s) {
      return Optional.of(s);
    }
    typeError(n, path, "a list", example);
    return Optional.empty();
  }

  /** An item of a list field and its key path, e.g. {@code services.web.volumes[0]}. */
  record Item(Node node, String path) {}

  /** The items of a list field with their paths: none for null, a type error for anything but a list. */
  List<Item> items(Node n, String path, String example) {
    Optional<SeqNode> seq = seq(n, path, example);
    if (seq.isEmpty()) {
      return List.of();
    }
    List<Item> out = new ArrayList<>(seq.get().size());
    for (int i = 0; i < seq.get().size(); i++) {
      out.add(new Item(seq.get().get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** Warns about keys outside {@code known}; {@code x-*} keys are always allowed. */
  void checkKeys(MapNode m, String path, Set<String> known) {
    checkKeys(m, path, known, false);
  }

  /**
   * Reports keys outside {@code known}, as errors when {@code refuse} (compose's schema refuses
   * unknown service keys: "additionalProperties": false, only {@code ^x-} patterns allowed).
   */
  void checkKeys(MapNode m, String path, Set<String> known, boolean refuse) {
    for (String key : m.keys()) {
      if (known.contains(key) || key.startsWith("x-")) {
        continue;
      }
      Optional<String> near = Suggestions.nearest(key, known.stream().sorted().toList());
      String message = "unknown key " + quote(key) + near.map(s -> "; did you mean " + quote(s) + "?").orElse("");
      String hint = near.isPresent() ? "" : "compose does not know it; prefix custom keys with x-";
      if (refuse) {
        diags.error(m.keyLocation(key), path, message, hint);
      } else {
        diags.warning(m.keyLocation(key), path, message, hint);
      }
    }
  }

  /**
   * The key path of {@code key} in {@code m}, for diagnostics. Built only when the key is there: a
   * reader given no node reports nothing, and most known keys are absent from any one mapping.
   */
  static String keyPath(MapNode m, String path, String key) {
    return m.has(key) ? path + "." + key : path;
  }

  static Map<String, Node> extensions(MapNode m) {
    Map<String, Node> out = null;
    for (Map.Entry<String, Node> e : m.entries().entrySet()) {
      if (e.getKey().startsWith("x-")) {
        if (out == null) {
          out = new LinkedHashMap<>();
        }
        out.put(e.getKey(), e.getValue());
      }
    }
    return out == null ? Map.of() : out;
  }

  // ---- scalars

  /** A string field: numbers and booleans are type errors (compose's schema says string). */
  Optional<String> string(Node n, String path, String example) {
    if (isNull(n)) {
      return Optional.empty();
    }
    if (n instanceof ScalarNode s && s.isString()) {
      return Optional.of((String) s.value());
    }
    typeError(n, path, "a string", example);
    return Optional.empty();
  }

  /** A value that compose turns into a string: strings, numbers and booleans; null stays empty. */
  Optional<String> text(Node n, String path, String example) {
    if (isNull(n)) {
      return Optional.empty();
    }
    if (n instanceof ScalarNode s) {
      return Optional.of(s.asText());
    }
    typeError(n, path, "a string or a number", example);
    return Optional.empty();
  }

  /** A boolean field; strings are converted like compose-go's cast (yes/no/on/off with a warning). */
  Optional<Boolean> bool(Node n, String path, String example) {
    if (isNull(n)) {
      return Optional.empty();
    }
    if (n instanceof ScalarNode s) {
      if (s.value() instanceof Boolean b) {
        return Optional.of(b);
      }
      if (s.value() instanceof String str) {
        switch (str.toLowerCase(Locale.ROOT)) {
          case "true":
            return Optional.of(true);
          case "false":
            return Optional.of(false);
          case "y", "yes", "on":
            warning(n, path, quote(str) + " for boolean is not supported by YAML 1.2, please use `true`", "");
            return Optional.of(true);
          case "n", "no", "off":
            warning(n, path, quote(str) + " for boolean is not supported by YAML 1.2, please use `false`", "");
            return Optional.of(false);
          default:
            break;
        }
      }
    }
    typeError(n, path, "true or false", example);
    return Optional.empty();
  }

  /** An integer field; integral numbers and decimal strings ({@code "80"}) are accepted. */
  Optional<Long> integer(Node n, String path, String example) {
    if (isNull(n)) {
      return Optional.empty();
    }
    if (n instanceof ScalarNode s) {
      if (s.value() instanceof Long l) {
        return Optional.of(l);
      }
      if (s.value() instanceof Double d && d == Math.rint(d) && Math.abs(d) < 9.0e18) {
        return Optional.of(d.longValue());
      }
      if (s.value() instanceof String str && GO_INT.matcher(str).matches()) {
        try {
          return Optional.of(Long.parseLong(str.startsWith("+") ? str.substring(1) : str));
        } catch (NumberFormatException e) {
          // out of range: reported below
        }
      }
    }
    typeError(n, path, "an integer", example);
    return Optional.empty();
  }

  /** A number field ({@code cpus: 0.5}); numeric strings are accepted. */
  Optional<Double> number(Node n, String path, String example) {
    if (isNull(n)) {
      return Optional.empty();
    }
    if (n instanceof ScalarNode s) {
      if (s.value() instanceof Long l) {
        return Optional.of(l.doubleValue());
      }
      if (s.value() instanceof Double d) {
        return Optional.of(d);
      }
      if (s.value() instanceof String str && GO_FLOAT.matcher(str).matches()) {
        return Optional.of(Double.parseDouble(str));
      }
    }
    typeError(n, path, "a number", example);
    return Optional.empty();
  }

  // ---- compound shapes shared by many keys

  /** {@code string_or_list}: a single string becomes a one-item list. */
  List<String> stringOrList(Node n, String path, String example) {
    if (isNull(n)) {
      return List.of();
    }
    if (n instanceof ScalarNode s && s.isString()) {
      return List.of((String) s.value());
    }
    if (n instanceof SeqNode) {
      return stringList(n, path, example);
    }
    typeError(n, path, "a string or a list of strings", example);
    return List.of();
  }

  /** {@code list_of_strings}; items that are numbers are accepted as text where {@code lenient}. */
  List<String> stringList(Node n, String path, String example) {
    return list(n, path, example, false);
  }

  /** A list whose items may be strings or numbers ({@code expose}), all read as text. */
  List<String> textList(Node n, String path, String example) {
    return list(n, path, example, true);
  }

  private List<String> list(Node n, String path, String example, boolean numbersToo) {
    Optional<SeqNode> seq = seq(n, path, example);
    if (seq.isEmpty()) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (int i = 0; i < seq.get().size(); i++) {
      Node item = seq.get().get(i);
      if (item instanceof ScalarNode s && (s.isString() || (numbersToo && !s.isNull()))) {
        out.add(s.asText()); // fine as it is: no diagnostic, so no key path needed
        continue;
      }
      String at = path + "[" + i + "]";
      Optional<String> v = numbersToo ? text(item, at, example) : string(item, at, example);
      if (isNull(item)) {
        typeError(item, at, "a string", example);
      }
      v.ifPresent(out::add);
    }
    return out;
  }

  /**
   * {@code list_or_dict}: a mapping of scalars or a list of {@code KEY=VALUE}. A key without a value
   * ({@code KEY} in a list, {@code KEY:} with null in a mapping) maps to an empty Optional.
   */
  Map<String, Optional<String>> listOrDict(Node n, String path, String example) {
    Map<String, Optional<String>> out = new LinkedHashMap<>();
    if (isNull(n)) {
      return out;
    }
    if (n instanceof MapNode m) {
      m.entries().forEach((k, v) -> {
        if (v instanceof ScalarNode s) {
          out.put(k, s.isNull() ? Optional.empty() : Optional.of(s.asText()));
        } else {
          typeError(v, path + "." + k, "a string, a number, a boolean or null", example);
        }
      });
      return out;
    }
    if (n instanceof SeqNode seq) {
      for (int i = 0; i < seq.size(); i++) {
        Node item = seq.get(i);
        Optional<String> entry = item instanceof ScalarNode s && s.isString()
            ? Optional.of((String) s.value()) // fine as it is: no key path needed
            : string(item, path + "[" + i + "]", example);
        if (isNull(item)) {
          typeError(item, path + "[" + i + "]", "a string", example);
        }
        entry.ifPresent(e -> {
          int eq = e.indexOf('=');
          if (eq < 0) {
            out.put(e, Optional.empty());
          } else {
            out.put(e.substring(0, eq), Optional.of(e.substring(eq + 1)));
          }
        });
      }
      return out;
    }
    typeError(n, path, "a mapping or a list of KEY=VALUE", example);
    return out;
  }

  /** {@link #listOrDict} with key-only entries read as the empty string (labels, sysctls). */
  Map<String, String> stringMap(Node n, String path, String example) {
    Map<String, String> out = new LinkedHashMap<>();
    listOrDict(n, path, example).forEach((k, v) -> out.put(k, v.orElse("")));
    return out;
  }
}
