package dev.compose2eb.deploy;

import dev.compose2eb.bundle.Bundle;
import dev.compose2eb.bundle.BundleBuilder;
import dev.compose2eb.bundle.BundleRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** {@link SourceBundler} on {@link BundleBuilder}: the reproducible zip, written to {@code output}. */
public final class ZipBundler implements SourceBundler {
  private final Path projectDir;
  private final Path output;

  public ZipBundler(Path projectDir, Path output) {
    this.projectDir = projectDir;
    this.output = output;
  }

  @Override
  public Built bundle(String dockerrunJson, List<String> bundlePaths) {
    return bundle(BundleRequest.DOCKERRUN, dockerrunJson, bundlePaths);
  }

  @Override
  public Built bundle(String descriptorName, String text, List<String> bundlePaths) {
    return bundle(descriptorName, text, bundlePaths, Map.of(), Map.of());
  }

  @Override
  public Built bundle(String descriptorName, String text, List<String> bundlePaths,
      Map<String, String> generated, Map<String, String> executables) {
    try {
      Bundle b = BundleBuilder.build(new BundleRequest(projectDir, text, bundlePaths,
          BundleBuilder.EB_MAX_BYTES, output, descriptorName, generated, executables));
      return new Built(b.file(), b.sha256Hex(), b.size(),
          BundleBuilder.versionLabel(projectDir, b.sha256Hex()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the source bundle " + output + ": " + e.getMessage(), e);
    }
  }
}
