package dev.compose2eb.bundle;

import java.nio.file.Path;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What to put into a source bundle and where to write it.
 *
 * @param projectDir the compose project directory; nothing outside it is ever bundled
 * @param dockerrunJson the generated file the platform reads (Dockerrun.aws.json, or
 *     docker-compose.yml for the Docker platform), stored at the root of the zip
 * @param bundlePaths project-relative paths the containers mount ({@code Translation.bundlePaths()});
 *     "." means the whole project
 * @param maxBytes the largest zip allowed; {@link BundleBuilder#EB_MAX_BYTES} is Elastic Beanstalk's
 * @param output the zip file to write (atomically); it is never bundled itself
 * @param descriptorName the name of {@code dockerrunJson} in the zip
 * @param generated further files compose2eb generates, by entry name (the managed services'
 *     {@code .ebextensions/compose2eb-managed.config}); each replaces a project file of that name
 * @param executables generated executable files (the compose secrets' platform hooks), by entry
 *     name; a project file of that name is an error
 */
public record BundleRequest(
    Path projectDir, String dockerrunJson, List<String> bundlePaths, long maxBytes, Path output,
    String descriptorName, Map<String, String> generated, Map<String, String> executables) {

  /** The name of the file the ECS platform reads. */
  public static final String DOCKERRUN = "Dockerrun.aws.json";

  /** A bundle for the ECS platform: Dockerrun.aws.json at the root. */
  public BundleRequest(
      Path projectDir, String dockerrunJson, List<String> bundlePaths, long maxBytes, Path output) {
    this(projectDir, dockerrunJson, bundlePaths, maxBytes, output, DOCKERRUN);
  }

  /** A bundle with nothing generated but the descriptor. */
  public BundleRequest(Path projectDir, String dockerrunJson, List<String> bundlePaths,
      long maxBytes, Path output, String descriptorName) {
    this(projectDir, dockerrunJson, bundlePaths, maxBytes, output, descriptorName, Map.of(),
        Map.of());
  }

  public BundleRequest {
    Objects.requireNonNull(projectDir, "projectDir");
    Objects.requireNonNull(dockerrunJson, "dockerrunJson");
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(descriptorName, "descriptorName");
    bundlePaths = List.copyOf(bundlePaths);
    generated = Collections.unmodifiableMap(new TreeMap<>(generated));
    executables = Collections.unmodifiableMap(new TreeMap<>(executables));
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
    }
  }
}
