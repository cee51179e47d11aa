package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.Node;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code build}, short or long form.
 *
 * @param context an absolute local path, or a remote context (git URL) as written
 * @param dockerfile as written, relative to the context ({@code Dockerfile} when not given)
 * @param args resolved build args; a key-only arg takes its value from the project environment or is
 *     dropped
 * @param flags the keys that concern only how {@code docker build} runs
 */
public record Build(
    String context,
    String dockerfile,
    Optional<String> dockerfileInline,
    Map<String, String> args,
    Optional<String> target,
    List<String> platforms,
    List<String> cacheFrom,
    List<String> cacheTo,
    Map<String, String> labels,
    List<String> tags,
    Optional<String> network,
    Map<String, String> additionalContexts,
    Flags flags,
    SourceLocation location) {

  public Build {
    args = Project.ordered(args);
    platforms = List.copyOf(platforms);
    cacheFrom = List.copyOf(cacheFrom);
    cacheTo = List.copyOf(cacheTo);
    labels = Project.ordered(labels);
    tags = List.copyOf(tags);
    additionalContexts = Project.ordered(additionalContexts);
  }

  /**
   * The {@code build} keys about how the image is built rather than what it is.
   *
   * @param ssh each entry as written ({@code default}, {@code id=path})
   * @param secrets the build secrets, by the top-level secret they name
   * @param unmodelled {@code entitlements}, {@code privileged}, {@code isolation},
   *     {@code provenance}, {@code sbom} with their nodes
   */
  public record Flags(
      boolean noCache,
      boolean pull,
      Optional<Long> shmSize,
      List<ContainerOptions.ExtraHost> extraHosts,
      Map<String, ContainerOptions.Ulimit> ulimits,
      List<String> ssh,
      List<Secret> secrets,
      Map<String, Node> unmodelled) {

    public Flags {
      extraHosts = List.copyOf(extraHosts);
      ulimits = Project.ordered(ulimits);
      ssh = List.copyOf(ssh);
      secrets = List.copyOf(secrets);
      unmodelled = Project.ordered(unmodelled);
    }

    /** None given (the short form). */
    public static Flags none() {
      return new Flags(false, false, Optional.empty(), List.of(), Map.of(), List.of(), List.of(), Map.of());
    }
  }

  /** One {@code build.secrets} entry: the top-level secret and the id the Dockerfile mounts it by. */
  public record Secret(String source, String id, SourceLocation location) {}

  /** True when the context is a remote URL (git, http) rather than a local directory. */
  public boolean remoteContext() {
    return context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
  }
}
