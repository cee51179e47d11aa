package dev.compose2eb.bundle;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What to put into a source bundle and where to write it.
 *
 * @param projectDir the compose project directory; nothing outside it is ever bundled
 * @param dockerrunJson the generated Dockerrun.aws.json, stored at the root of the zip
 * @param bundlePaths project-relative paths the containers mount ({@code Translation.bundlePaths()});
 *     "." means the whole project
 * @param maxBytes the largest zip allowed; {@link BundleBuilder#EB_MAX_BYTES} is Elastic Beanstalk's
 * @param output the zip file to write (atomically); it is never bundled itself
 */
public record BundleRequest(
    Path projectDir, String dockerrunJson, List<String> bundlePaths, long maxBytes, Path output) {

  public BundleRequest {
    Objects.requireNonNull(projectDir, "projectDir");
    Objects.requireNonNull(dockerrunJson, "dockerrunJson");
    Objects.requireNonNull(output, "output");
    bundlePaths = List.copyOf(bundlePaths);
    if (maxBytes <= 0) {
      throw new IllegalArgumentException("maxBytes must be positive, not " + maxBytes);
    }
  }
}
