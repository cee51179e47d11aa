package dev.compose2eb.compose.load;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.MergeTag;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * Merges an override tree onto a base tree with the rules of compose-go's {@code override} package:
 * mappings merge key by key, sequences append, some keys are replaced wholesale, some are merged by
 * key, and {@code !reset} / {@code !override} tags let the user opt out. {@link #enforceUnicity}
 * then removes redefinitions from the sequences that must be unique.
 */
final class TreeMerger {
  private final Diagnostics diags;

  TreeMerger(Diagnostics diags) {
    this.diags = diags;
  }

  /** The rule for a path; {@code *} matches any one key. First match wins. */
  private record Rule(String[] pattern, BiFunction<Node, Node, Node> merge) {}

  private final List<Rule> rules = List.of(
      rule("services.*.command", (b, o) -> o),
      rule("services.*.entrypoint", (b, o) -> o),
      rule("services.*.healthcheck.test", (b, o) -> o),
      rule("services.*.build", this::mergeBuild),
      rule("services.*.depends_on", this::mergeDependsOn),
      rule("services.*.networks", (b, o) -> mergeAsMapping(b, o, false)),
      rule("services.*.models", (b, o) -> mergeAsMapping(b, o, false)),
      rule("services.*.extra_hosts", this::mergeExtraHosts),
      rule("services.*.build.extra_hosts", this::mergeExtraHosts),
      rule("services.*.logging", this::mergeLogging),
      // compose-go's mergeUlimit merges the override with itself: each limit is replaced whole
      rule("services.*.ulimits.*", (b, o) -> o),
      toSequence("services.*.environment"),
      toSequence("services.*.labels"),
      toSequence("services.*.annotations"),
      toSequence("services.*.build.args"),
      toSequence("services.*.build.labels"),
      toSequence("services.*.build.additional_contexts"),
      toSequence("services.*.deploy.labels"),
      toSequence("services.*.dns"),
      toSequence("services.*.dns_opt"),
      toSequence("services.*.dns_search"),
      toSequence("services.*.env_file"),
      toSequence("services.*.label_file"),
      toSequence("services.*.sysctls"),
      toSequence("services.*.tmpfs"),
      toSequence("services.*.volumes.*.volume.labels"),
      toSequence("networks.*.labels"),
      toSequence("volumes.*.labels"));

  private static Rule rule(String pattern, BiFunction<Node, Node, Node> merge) {
    return new Rule(pattern.split("\\."), merge);
  }

  private Rule toSequence(String pattern) {
    return rule(pattern, (b, o) -> {
      List<Node> items = new ArrayList<>(asSequence(b));
      items.addAll(asSequence(o));
      return SeqNode.of(items, o.location());
    });
  }

  /** Merges {@code override} onto {@code base}; both are whole compose documents. */
  MapNode merge(MapNode base, MapNode override) {
    return mergeMappings(base, override, "");
  }

  /** Merges a service definition onto the service it extends. */
  MapNode mergeService(MapNode base, MapNode override) {
    return mergeMappings(base, override, "services.*");
  }

  private Node mergeAt(Node base, Node override, String path) {
    if (override.tag() == MergeTag.OVERRIDE) {
      return override.withTag(MergeTag.NONE);
    }
    Rule rule = ruleFor(path);
    if (rule != null) {
      return rule.merge().apply(base, override);
    }
    if (override instanceof ScalarNode s && s.isNull()) {
      return base;
    }
    if (base instanceof MapNode bm) {
      if (override instanceof MapNode om) {
        return mergeMappings(bm, om, path);
      }
      diags.error(override.location(), path, "cannot override a mapping with a " + override.kindName(),
          "an override file must give the same kind of value, or tag it !override");
      return base;
    }
    if (base instanceof SeqNode bs) {
      if (override instanceof SeqNode os) {
        List<Node> items = new ArrayList<>(bs.items());
        items.addAll(os.items());
        return new SeqNode(items, os.location(), MergeTag.NONE);
      }
      diags.error(override.location(), path, "cannot override a sequence with a " + override.kindName(),
          "an override file must give the same kind of value, or tag it !override");
      return base;
    }
    return override;
  }

  private MapNode mergeMappings(MapNode base, MapNode override, String path) {
    MapNode.Builder out = new MapNode.Builder(base);
    for (Map.Entry<String, Node> e : override.entries().entrySet()) {
      String key = e.getKey();
      Node value = e.getValue();
      SourceLocation keyAt = override.keyLocation(key);
      if (value.tag() == MergeTag.RESET) {
        out.remove(key);
        continue;
      }
      Node existing = base.get(key);
      if (existing == null) {
        out.put(key, keyAt, value.withTag(value.tag() == MergeTag.OVERRIDE ? MergeTag.NONE : value.tag()));
      } else {
        out.put(key, keyAt, mergeAt(existing, value, path.isEmpty() ? key : path + "." + key));
      }
    }
    return out.tag(MergeTag.NONE).build();
  }

  private Rule ruleFor(String path) {
    String[] parts = path.split("\\.");
    for (Rule r : rules) {
      if (matches(r.pattern(), parts)) {
        return r;
      }
    }
    return null;
  }

  private static boolean matches(String[] pattern, String[] parts) {
    if (pattern.length != parts.length) {
      return false;
    }
    for (int i = 0; i < pattern.length; i++) {
      if (!pattern[i].equals("*") && !pattern[i].equals(parts[i])) {
        return false;
      }
    }
    return true;
  }

  /** A string build is short for {@code {context: ...}}. */
  private Node mergeBuild(Node base, Node override) {
    return mergeMappings(asBuildMapping(base), asBuildMapping(override), "services.*.build");
  }

  private static MapNode asBuildMapping(Node n) {
    if (n instanceof MapNode m) {
      return m;
    }
    return new MapNode.Builder(n.location()).put("context", n.location(), n).build();
  }

  /** The list form of depends_on is short for {@code condition: service_started, required: true}. */
  private Node mergeDependsOn(Node base, Node override) {
    return mergeMappings(asMapping(base, true), asMapping(override, true), "services.*.depends_on");
  }

  private Node mergeAsMapping(Node base, Node override, boolean dependsOnDefaults) {
    return mergeMappings(asMapping(base, dependsOnDefaults), asMapping(override, dependsOnDefaults), "");
  }

  static MapNode asMapping(Node n, boolean dependsOnDefaults) {
    if (n instanceof MapNode m) {
      return m;
    }
    MapNode.Builder b = new MapNode.Builder(n.location());
    if (n instanceof SeqNode s) {
      for (Node item : s.items()) {
        if (item instanceof ScalarNode sc && !sc.isNull()) {
          Node value = dependsOnDefaults
              ? new MapNode.Builder(item.location())
                  .put("condition", ScalarNode.of("service_started", item.location()))
                  .put("required", ScalarNode.of(Boolean.TRUE, item.location()))
                  .build()
              : ScalarNode.of(null, item.location());
          b.put(sc.asText(), item.location(), value);
        }
      }
    }
    return b.build();
  }

  /** Sequences of {@code key=value} strings; a mapping becomes sorted entries, like compose-go. */
  static List<Node> asSequence(Node n) {
    if (n instanceof SeqNode s) {
      return s.items();
    }
    if (n instanceof ScalarNode s) {
      return s.isNull() ? List.of() : List.of(s);
    }
    MapNode m = (MapNode) n;
    TreeMap<String, Node> sorted = new TreeMap<>();
    for (Map.Entry<String, Node> e : m.entries().entrySet()) {
      Node v = e.getValue();
      SourceLocation at = m.keyLocation(e.getKey());
      if (v instanceof ScalarNode sv && sv.isNull()) {
        sorted.put(e.getKey(), ScalarNode.of(e.getKey(), at));
      } else if (v instanceof SeqNode sv) {
        for (Node item : sv.items()) {
          String text = e.getKey() + "=" + text(item);
          sorted.put(text, ScalarNode.of(text, item.location()));
        }
      } else {
        String text = e.getKey() + "=" + text(v);
        sorted.put(text, ScalarNode.of(text, v.location()));
      }
    }
    return new ArrayList<>(sorted.values());
  }

  private static String text(Node n) {
    return n instanceof ScalarNode s ? s.asText() : n.kindName();
  }

  private Node mergeExtraHosts(Node base, Node override) {
    List<Node> items = new ArrayList<>(asSequence(base));
    List<String> seen = new ArrayList<>();
    for (Node n : items) {
      seen.add(text(n));
    }
    for (Node n : asSequence(override)) {
      if (!seen.contains(text(n))) {
        items.add(n);
      }
    }
    return SeqNode.of(items, override.location());
  }

  /** Logging options merge only when both files name the same driver, or one names none. */
  private Node mergeLogging(Node base, Node override) {
    if (!(base instanceof MapNode b) || !(override instanceof MapNode o)) {
      return override;
    }
    Node bd = b.get("driver");
    Node od = o.get("driver");
    if (bd == null || od == null || text(bd).equals(text(od))) {
      return mergeMappings(b, o, "services.*.logging");
    }
    return o;
  }

  // --- unicity ---------------------------------------------------------------------------------

  private static final Map<String, Function<Node, String>> UNIQUE = uniqueRules();

  private static Map<String, Function<Node, String>> uniqueRules() {
    Map<String, Function<Node, String>> m = new LinkedHashMap<>();
    Function<Node, String> keyValue = n -> {
      String t = text(n);
      int eq = t.indexOf('=');
      return eq >= 0 ? t.substring(0, eq) : t;
    };
    for (String p : List.of("services.*.annotations", "services.*.build.args",
        "services.*.build.additional_contexts", "services.*.build.platforms", "services.*.build.tags",
        "services.*.build.labels", "services.*.cap_add", "services.*.cap_drop",
        "services.*.deploy.labels", "services.*.dns", "services.*.dns_opt", "services.*.dns_search",
        "services.*.environment", "services.*.labels", "services.*.links", "services.*.profiles",
        "services.*.sysctls", "services.*.tmpfs", "services.*.networks.*.aliases")) {
      m.put(p, keyValue);
    }
    m.put("services.*.expose", TreeMerger::text);
    m.put("services.*.env_file", n -> n instanceof MapNode mn && mn.get("path") != null
        ? text(mn.get("path")) : text(n));
    m.put("services.*.ports", TreeMerger::portKey);
    m.put("services.*.volumes", n -> mountTarget(n, ""));
    m.put("services.*.devices", n -> mountTarget(n, ""));
    m.put("services.*.secrets", n -> mountTarget(n, "/run/secrets/"));
    m.put("services.*.configs", n -> mountTarget(n, "/"));
    return m;
  }

  /**
   * compose-go compares ports in canonical form, {@code host_ip:published:target/protocol}, so a
   * short {@code "80:80"} and a long {@code {target: 80, published: "80"}} are one mapping. Ranges
   * and IPv6 short forms are compared as written.
   */
  private static String portKey(Node n) {
    if (n instanceof MapNode m) {
      return portKey(m.get("host_ip") == null ? "0.0.0.0" : text(m.get("host_ip")),
          m.get("published") == null ? "" : text(m.get("published")),
          m.get("target") == null ? "" : text(m.get("target")),
          m.get("protocol") == null ? "tcp" : text(m.get("protocol")));
    }
    String t = text(n);
    int slash = t.indexOf('/');
    String protocol = slash < 0 ? "tcp" : t.substring(slash + 1);
    String[] parts = (slash < 0 ? t : t.substring(0, slash)).split(":", -1);
    if (t.contains("[") || t.contains("-") || parts.length > 3) {
      return t;
    }
    String target = parts[parts.length - 1];
    String published = parts.length >= 2 ? parts[parts.length - 2] : "";
    String hostIp = parts.length == 3 && !parts[0].isEmpty() ? parts[0] : "0.0.0.0";
    return portKey(hostIp, published, target, protocol);
  }

  private static String portKey(String hostIp, String published, String target, String protocol) {
    return hostIp + ":" + published + ":" + target + "/" + protocol;
  }

  /** The target of a short or long volume/secret/config/device entry (what must be unique). */
  private static String mountTarget(Node n, String defaultPrefix) {
    if (n instanceof MapNode m) {
      if (m.get("target") != null) {
        return text(m.get("target"));
      }
      return m.get("source") == null ? "" : defaultPrefix + text(m.get("source"));
    }
    String t = text(n);
    if (!defaultPrefix.isEmpty()) {
      return defaultPrefix + t;
    }
    // short volume syntax: [source:]target[:mode]; a Windows drive letter is not a separator
    String[] parts = t.split(":", -1);
    if (parts.length == 1) {
      return parts[0];
    }
    if (parts.length >= 2 && parts[0].length() == 1 && Character.isLetter(parts[0].charAt(0))
        && parts.length >= 3) {
      return parts[2];
    }
    return parts[1];
  }

  /**
   * The unicity rules as a tree of keys ({@code *} = any key), so that enforcing them visits only
   * the few paths that have a rule instead of every node of the document.
   */
  private record RuleTree(Map<String, RuleTree> children, Function<Node, String> indexer) {
    RuleTree child(String key) {
      RuleTree exact = children.get(key);
      return exact != null ? exact : children.get("*");
    }
  }

  private static final RuleTree UNIQUE_TREE = ruleTree();

  private static RuleTree ruleTree() {
    Map<String, Object> root = new LinkedHashMap<>();
    UNIQUE.forEach((pattern, indexer) -> {
      Map<String, Object> at = root;
      String[] parts = pattern.split("\\.");
      for (int i = 0; i < parts.length - 1; i++) {
        @SuppressWarnings("unchecked")
        Map<String, Object> next = (Map<String, Object>) at.computeIfAbsent(parts[i],
            k -> new LinkedHashMap<String, Object>());
        at = next;
      }
      at.put(parts[parts.length - 1], indexer);
    });
    return toTree(root, null);
  }

  @SuppressWarnings("unchecked")
  private static RuleTree toTree(Map<String, Object> level, Function<Node, String> indexer) {
    Map<String, RuleTree> children = new LinkedHashMap<>();
    level.forEach((k, v) -> children.put(k, v instanceof Map<?, ?> m
        ? toTree((Map<String, Object>) m, null) : new RuleTree(Map.of(), (Function<Node, String>) v)));
    return new RuleTree(Map.copyOf(children), indexer);
  }

  /** Removes redefinitions: a later entry with the same key replaces the earlier one in place. */
  static MapNode enforceUnicity(MapNode root) {
    return (MapNode) unique(root, UNIQUE_TREE);
  }

  private static Node unique(Node n, RuleTree rules) {
    if (n instanceof MapNode m && !rules.children().isEmpty()) {
      MapNode.Builder b = null;
      for (Map.Entry<String, Node> e : m.entries().entrySet()) {
        RuleTree child = rules.child(e.getKey());
        if (child == null) {
          continue;
        }
        Node u = unique(e.getValue(), child);
        if (u != e.getValue()) {
          if (b == null) {
            b = new MapNode.Builder(m);
          }
          b.put(e.getKey(), m.keyLocation(e.getKey()), u);
        }
      }
      return b == null ? m : b.build();
    }
    if (n instanceof SeqNode s && rules.indexer() != null) {
      LinkedHashMap<String, Node> byKey = new LinkedHashMap<>();
      for (Node item : s.items()) {
        byKey.put(rules.indexer().apply(item), item);
      }
      return byKey.size() == s.size() ? s : new SeqNode(new ArrayList<>(byKey.values()), s.location(), s.tag());
    }
    return n;
  }

  /**
   * Removes values still tagged {@code !reset} (a reset in the first file resets to nothing) and
   * clears the other tags. Untouched subtrees are returned as they are, not copied.
   */
  static Node stripResets(Node n) {
    if (!MergeTag.anyIn(n)) {
      return n; // no tag here or below (what mappings know of themselves): nothing to strip
    }
    if (n instanceof MapNode m) {
      MapNode.Builder b = m.tag() == MergeTag.NONE ? null : new MapNode.Builder(m).tag(MergeTag.NONE);
      for (Map.Entry<String, Node> e : m.entries().entrySet()) {
        Node v = e.getValue();
        Node stripped = v.tag() == MergeTag.RESET ? null : stripResets(v);
        if (stripped != v) {
          if (b == null) {
            b = new MapNode.Builder(m);
          }
          if (stripped == null) {
            b.remove(e.getKey());
          } else {
            b.put(e.getKey(), m.keyLocation(e.getKey()), stripped);
          }
        }
      }
      return b == null ? m : b.build();
    }
    if (n instanceof SeqNode s) {
      List<Node> items = null;
      for (int i = 0; i < s.size(); i++) {
        Node item = s.get(i);
        Node stripped = item.tag() == MergeTag.RESET ? null : stripResets(item);
        if (stripped != item && items == null) {
          items = new ArrayList<>(s.items().subList(0, i));
        }
        if (items != null && stripped != null) {
          items.add(stripped);
        }
      }
      if (items == null) {
        return s.tag() == MergeTag.NONE ? s : s.withTag(MergeTag.NONE);
      }
      return SeqNode.of(items, s.location());
    }
    return n.tag() == MergeTag.NONE ? n : n.withTag(MergeTag.NONE);
  }
}
