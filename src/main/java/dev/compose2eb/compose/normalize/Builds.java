package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.Build;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Function;

/**
 * {@code build}: a context string or the long form. Local contexts become absolute; the dockerfile
 * stays relative to the context ({@code Dockerfile} by default unless {@code dockerfile_inline});
 * key-only args take the project environment's value or are dropped, as compose-go does.
 */
final class Builds {
  /** Long-form keys kept as written in {@link Build.Flags#unmodelled()}. */
  static final Set<String> UNMODELLED = Set.of("entitlements", "provenance", "sbom", "isolation", "privileged");

  private final NodeReader in;
  private final HostPaths paths;
  private final Function<String, Optional<String>> projectEnv;

  Builds(NodeReader in, HostPaths paths, Function<String, Optional<String>> projectEnv) {
    this.in = in;
    this.paths = paths;
    this.projectEnv = projectEnv;
  }

  Optional<Build> read(Node node, String path) {
    if (NodeReader.isNull(node)) {
      return Optional.empty();
    }
    if (node instanceof ScalarNode s && s.isString()) {
      return Optional.of(new Build(context((String) s.value()), "Dockerfile", Optional.empty(), Map.of(),
          Optional.empty(), List.of(), List.of(), List.of(), Map.of(), List.of(), Optional.empty(), Map.of(),
          Build.Flags.none(), node.location()));
    }
    if (!(node instanceof MapNode m)) {
      in.typeError(node, path, "a context path or a mapping", "build: ./app");
      return Optional.empty();
    }
    in.checkKeys(m, path, Keys.BUILD);
    String context = context(in.string(m.get("context"), path + ".context", "context: ./app").orElse("."));
    Optional<String> inline = in.string(m.get("dockerfile_inline"), path + ".dockerfile_inline", "dockerfile_inline: FROM alpine");
    Optional<String> dockerfile = in.string(m.get("dockerfile"), path + ".dockerfile", "dockerfile: Dockerfile.prod");
    if (dockerfile.isPresent() && inline.isPresent()) {
      in.error(m.get("dockerfile_inline"), path, "dockerfile and dockerfile_inline are mutually exclusive", "keep one of them");
    }
    Map<String, String> args = new LinkedHashMap<>();
    in.listOrDict(m.get("args"), path + ".args", "args: {VERSION: \"1.0\"}").forEach((k, v) -> {
      Optional<String> value = v.isPresent() ? v : projectEnv.apply(k);
      value.ifPresent(x -> args.put(k, x));
    });
    Map<String, String> additional = new LinkedHashMap<>();
    in.stringMap(m.get("additional_contexts"), path + ".additional_contexts", "additional_contexts: {lib: ../lib}")
        .forEach((k, v) -> additional.put(k, additionalContext(v)));
    return Optional.of(new Build(
        context,
        dockerfile.orElse(inline.isPresent() ? "" : "Dockerfile"),
        inline,
        args,
        in.string(m.get("target"), path + ".target", "target: prod"),
        in.stringList(m.get("platforms"), path + ".platforms", "platforms: [linux/amd64]"),
        in.stringList(m.get("cache_from"), path + ".cache_from", "cache_from: [type=registry,ref=app:cache]"),
        in.stringList(m.get("cache_to"), path + ".cache_to", "cache_to: [type=inline]"),
        in.stringMap(m.get("labels"), path + ".labels", "labels: {team: web}"),
        in.stringList(m.get("tags"), path + ".tags", "tags: [\"app:1.0\"]"),
        in.string(m.get("network"), path + ".network", "network: host"),
        additional,
        flags(m, path),
        m.location()));
  }

  private Build.Flags flags(MapNode m, String path) {
    Map<String, Node> unmodelled = new LinkedHashMap<>();
    m.entries().forEach((k, v) -> {
      if (UNMODELLED.contains(k) && !NodeReader.isNull(v)) {
        unmodelled.put(k, v);
      }
    });
    HostsAndUlimits hu = new HostsAndUlimits(in);
    OptionalLong shm = new SizeReader(in).read(m.get("shm_size"), path + ".shm_size", "shm_size: 256m");
    return new Build.Flags(
        in.bool(m.get("no_cache"), path + ".no_cache", "no_cache: true").orElse(false),
        in.bool(m.get("pull"), path + ".pull", "pull: true").orElse(false),
        shm.isPresent() ? Optional.of(shm.getAsLong()) : Optional.empty(),
        hu.extraHosts(m.get("extra_hosts"), path + ".extra_hosts"),
        hu.ulimits(m.get("ulimits"), path + ".ulimits"),
        ssh(m.get("ssh"), path + ".ssh"),
        secrets(m.get("secrets"), path + ".secrets"),
        unmodelled);
  }

  /** {@code ssh: [default, "id=path"]} or {@code ssh: {id: path}}, each as {@code id[=path]}. */
  private List<String> ssh(Node node, String path) {
    List<String> out = new ArrayList<>();
    in.listOrDict(node, path, "ssh: [default]").forEach((k, v) -> out.add(v.map(x -> k + "=" + x).orElse(k)));
    return out;
  }

  /** {@code secrets: [name]} or long form {@code {source, target}}; the id is the target if given. */
  private List<Build.Secret> secrets(Node node, String path) {
    List<Build.Secret> out = new ArrayList<>();
    for (NodeReader.Item each : in.items(node, path, "secrets: [npm_token]")) {
      Node item = each.node();
      String at = each.path();
      if (item instanceof MapNode e) {
        Optional<String> source = in.string(e.get("source"), at + ".source", "source: npm_token");
        Optional<String> target = in.string(e.get("target"), at + ".target", "target: npm");
        source.ifPresent(src -> out.add(new Build.Secret(src, target.filter(t -> !t.isEmpty()).orElse(src),
            item.location())));
      } else {
        in.string(item, at, "npm_token").ifPresent(src -> out.add(new Build.Secret(src, src, item.location())));
      }
    }
    return out;
  }

  private String context(String written) {
    return isRemote(written) ? written : paths.resolve(written);
  }

  /** A named context may be an image, another service, a URL or a local directory. */
  private String additionalContext(String value) {
    if (isRemote(value) || value.matches("^(docker-image|service|target|oci-layout):.*")) {
      return value;
    }
    return paths.resolve(value);
  }

  static boolean isRemote(String context) {
    return context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
  }
}
