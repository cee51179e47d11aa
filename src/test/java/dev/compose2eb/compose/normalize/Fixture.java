package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Test-only: runs the normaliser on YAML text with a fixed project dir and environment. */
final class Fixture {
  Path projectDir = Path.of("/proj");
  final Map<String, String> env = new HashMap<>(Map.of("HOME", "/home/dev"));
  final Map<Path, Map<String, String>> envFiles = new LinkedHashMap<>();
  final Map<Path, Map<String, String>> labelFiles = new LinkedHashMap<>();
  final Diagnostics diags = new Diagnostics();

  Project load(String yaml) {
    ProjectNormalizer.Context ctx = new ProjectNormalizer.Context("demo", projectDir, List.of(TestYaml.FILE),
        k -> Optional.ofNullable(env.get(k)), (file, name, d) -> envFiles.getOrDefault(file, Map.of()),
        (file, name, lookup, d) -> labelFiles.getOrDefault(file, Map.of()));
    return ProjectNormalizer.normalize(TestYaml.parse(yaml), ctx, diags);
  }

  /** The only service of a one-service project. */
  Service service(String yaml) {
    return load(yaml).services().get(0);
  }

  List<String> errors() {
    return diags.list().stream().filter(Diagnostic::isError).map(Diagnostic::render).toList();
  }

  List<String> warnings() {
    return diags.list().stream().filter(d -> !d.isError()).map(Diagnostic::render).toList();
  }

  /** A one-service project whose service body is {@code body} (indented by the caller's lines). */
  static String web(String... lines) {
    StringBuilder sb = new StringBuilder("services:\n  web:\n");
    for (String l : lines) {
      sb.append("    ").append(l).append('\n');
    }
    return sb.toString();
  }
}
