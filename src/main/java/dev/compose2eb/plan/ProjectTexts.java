package dev.compose2eb.plan;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Read access to the project's files: the small text files where services name the hosts they
 * talk to, and whether a path a service mounts exists.
 */
public interface ProjectTexts {

  /** The text of a small regular file, or empty when missing, too big or not text. */
  Optional<String> readText(Path file);

  /** Config-like files under a directory (an nginx conf, a YAML file ...), sorted, bounded in number. */
  List<Path> configFiles(Path dir);

  /** True when the path exists (file or directory). */
  boolean exists(Path path);
}
