package dev.compose2eb.buildspec;

import dev.compose2eb.compose.load.ComposeLoader;
import dev.compose2eb.compose.load.LoadRequest;
import dev.compose2eb.compose.model.Project;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/** Project directories for buildspec tests: written in a temp dir, or the samples of the repo. */
final class TestProjects {
  static final Path SAMPLES = Path.of("samples").toAbsolutePath();

  private TestProjects() {}

  static Path write(Path dir, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> f : files.entrySet()) {
        Path p = dir.resolve(f.getKey());
        Files.createDirectories(p.getParent());
        if (f.getKey().endsWith("/")) {
          Files.createDirectories(p);
        } else {
          Files.writeString(p, f.getValue());
        }
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Project load(Path dir) {
    return ComposeLoader.load(LoadRequest.inDirectory(dir, Map.of())).project();
  }

  /** Copies a directory tree (the samples are never written to). */
  static void copy(Path from, Path to) {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
