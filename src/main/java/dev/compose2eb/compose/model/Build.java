package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;
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

  /** True when the context is a remote URL (git, http) rather than a local directory. */
  public boolean remoteContext() {
    return context.contains("://") || context.startsWith("git@") || context.startsWith("github.com/");
  }
}
