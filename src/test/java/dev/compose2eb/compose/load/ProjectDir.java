package dev.compose2eb.compose.load;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A throwaway project directory for loader tests: write files, then load them. */
final class ProjectDir {
  final Path dir;
  final Map<String, String> env = new HashMap<>();

  ProjectDir(Path dir) {
    this.dir = dir;
  }

  ProjectDir file(String name, String text) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  ProjectDir env(String k, String v) {
    env.put(k, v);
    return this;
  }

  LoadResult load(String... files) {
    return load(List.of(files), List.of());
  }

  LoadResult load(List<String> files, List<String> profiles) {
    return ComposeLoader.load(new LoadRequest(files, profiles, List.of(), Optional.empty(),
        Optional.empty(), dir, env));
  }

  Project project(String... files) {
    return load(files).project();
  }

  Service service(String name, String... files) {
    return project(files).service(name).orElseThrow();
  }

  /** The rendered diagnostics of a load that must fail. */
  List<String> errors(String... files) {
    try {
      load(files);
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().filter(Diagnostic::isError).map(Diagnostic::render).toList();
    }
    throw new AssertionError("expected the load to fail");
  }

  List<String> warnings(String... files) {
    return load(files).diagnostics().stream().filter(d -> !d.isError()).map(Diagnostic::render).toList();
  }
}
