package dev.compose2eb.deploy;

import dev.compose2eb.bundle.BundleRequest;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Packs the source bundle for a Dockerrun or compose file; the deploy uploads what it returns. */
public interface SourceBundler {

  /** Writes the bundle; {@code bundlePaths} are the project paths containers mount. */
  Built bundle(String dockerrunJson, List<String> bundlePaths);

  /** Writes the bundle with {@code text} at its root as {@code descriptorName}. */
  default Built bundle(String descriptorName, String text, List<String> bundlePaths) {
    if (!descriptorName.equals(BundleRequest.DOCKERRUN)) {
      throw new UnsupportedOperationException("this bundler packs only " + BundleRequest.DOCKERRUN);
    }
    return bundle(text, bundlePaths);
  }

  /**
   * Writes the bundle with {@code text} at its root and the files compose2eb generates beside it:
   * {@code generated} (entry name to text, such as the managed services' .ebextensions config) and
   * {@code executables} (the compose secrets' platform hooks).
   */
  default Built bundle(String descriptorName, String text, List<String> bundlePaths,
      Map<String, String> generated, Map<String, String> executables) {
    if (!generated.isEmpty() || !executables.isEmpty()) {
      throw new UnsupportedOperationException("this bundler packs no generated files");
    }
    return bundle(descriptorName, text, bundlePaths);
  }

  /**
   * A bundle on disk.
   *
   * @param defaultLabel the version label to use when none is given
   */
  record Built(Path zip, String sha256, long size, String defaultLabel) {}
}
