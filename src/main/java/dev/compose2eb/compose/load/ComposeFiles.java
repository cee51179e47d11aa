package dev.compose2eb.compose.load;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the compose files to read when none are named, the way {@code docker compose} does. */
final class ComposeFiles {
  static final List<String> DEFAULT_NAMES =
      List.of("compose.yaml", "compose.yml", "docker-compose.yml", "docker-compose.yaml");
  static final List<String> OVERRIDE_NAMES = List.of("compose.override.yaml", "compose.override.yml",
      "docker-compose.override.yml", "docker-compose.override.yaml");

  private ComposeFiles() {}

  /**
   * The first directory from {@code start} upwards that holds a default file: that file plus its
   * override file, if any. Empty when there is none.
   */
  static List<Path> discover(Path start, Diagnostics diags) {
    for (Path d = start; d != null; d = d.getParent()) {
      Path dir = d;
      Optional<Path> main = firstExisting(dir, DEFAULT_NAMES);
      if (main.isPresent()) {
        warnIfSeveral(dir, DEFAULT_NAMES, main.get(), diags);
        List<Path> files = new ArrayList<>();
        files.add(main.get());
        Optional<Path> override = firstExisting(dir, OVERRIDE_NAMES);
        override.ifPresent(files::add);
        override.ifPresent(o -> warnIfSeveral(dir, OVERRIDE_NAMES, o, diags));
        return files;
      }
    }
    return List.of();
  }

  private static Optional<Path> firstExisting(Path dir, List<String> names) {
    return names.stream().map(dir::resolve).filter(Files::isRegularFile).findFirst();
  }

  private static void warnIfSeveral(Path dir, List<String> names, Path chosen, Diagnostics diags) {
    List<String> found = names.stream().filter(n -> Files.isRegularFile(dir.resolve(n))).toList();
    if (found.size() > 1) {
      diags.warning(SourceLocation.ofFile(chosen.getFileName().toString()), "",
          "found multiple config files with supported names: " + String.join(", ", found)
              + "; using " + chosen.getFileName(),
          "remove the others, or name the file with -f");
    }
  }
}
