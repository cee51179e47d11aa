package dev.compose2eb.translate;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.dockerrun.Dockerrun;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of a translation.
 *
 * @param ebEnvironment with {@code --env-to-eb}: the values moved out of the Dockerrun file, sorted
 *     by name; empty otherwise
 * @param report every decision worth telling: dropped and approximated keys, inferred links with
 *     their evidence, advisories; errors among them mean the translation must not be written
 * @param bundlePaths project-relative paths that containers mount and so must go into the bundle
 */
public record Translation(
    Dockerrun dockerrun,
    Map<String, String> ebEnvironment,
    List<Diagnostic> report,
    List<String> bundlePaths) {

  public Translation {
    ebEnvironment = Collections.unmodifiableMap(new TreeMap<>(ebEnvironment));
    report = List.copyOf(report);
    bundlePaths = List.copyOf(bundlePaths);
  }

  public boolean hasErrors() {
    return report.stream().anyMatch(Diagnostic::isError);
  }
}
