package dev.compose2eb.translate;

import dev.compose2eb.plan.ProjectTexts;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** Read access to the project's small text files, for finding the host names a service uses. */
public interface ProjectFiles extends ProjectTexts {

  /** The text of a small regular file, or empty when missing, too big or not text. */
  Optional<String> readText(Path file);

  /** Config-like files under a directory (an nginx conf, a YAML file ...), sorted, bounded in number. */
  List<Path> configFiles(Path dir);

  /** A project without files, for translating models built in code. */
  static ProjectFiles none() {
    return new ProjectFiles() {
      @Override
      public Optional<String> readText(Path file) {
        return Optional.empty();
      }

      @Override
      public List<Path> configFiles(Path dir) {
        return List.of();
      }

      @Override
      public boolean exists(Path path) {
        return false;
      }
    };
  }
}
