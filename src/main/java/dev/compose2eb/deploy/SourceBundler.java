package dev.compose2eb.deploy;

import java.nio.file.Path;
import java.util.List;

/** Packs the source bundle for a Dockerrun file; the deploy uploads what it returns. */
public interface SourceBundler {

  /** Writes the bundle; {@code bundlePaths} are the project paths containers mount. */
  Built bundle(String dockerrunJson, List<String> bundlePaths);

  /**
   * A bundle on disk.
   *
   * @param defaultLabel the version label to use when none is given
   */
  record Built(Path zip, String sha256, long size, String defaultLabel) {}
}
