package dev.compose2eb.compose.load;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostic;
import java.util.List;
import java.util.Map;

/**
 * A loaded project, the warnings found on the way, and the project environment (OS environment over
 * the env files) that later steps resolve against.
 */
public record LoadResult(Project project, List<Diagnostic> diagnostics, Map<String, String> environment) {
  public LoadResult {
    diagnostics = List.copyOf(diagnostics);
    environment = Map.copyOf(environment);
  }
}
