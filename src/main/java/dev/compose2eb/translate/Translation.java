package dev.compose2eb.translate;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.plan.ManagedPlan;
import dev.compose2eb.plan.VariablePlan;
import java.util.List;
import java.util.Map;

/**
 * The result of a translation.
 *
 * @param variables with {@code --env-to-eb}: the values moved out of the Dockerrun file, each
 *     classified plain or secret; empty otherwise
 * @param report every decision worth telling: dropped and approximated keys, inferred links with
 *     their evidence, advisories; errors among them mean the translation must not be written
 * @param bundlePaths project-relative paths that containers mount and so must go into the bundle
 * @param managed the services that run as managed AWS databases and caches instead of containers
 */
public record Translation(
    Dockerrun dockerrun,
    VariablePlan variables,
    List<Diagnostic> report,
    List<String> bundlePaths,
    ManagedPlan managed) {

  public Translation {
    report = List.copyOf(report);
    bundlePaths = List.copyOf(bundlePaths);
  }

  /** Every value moved out of the Dockerrun file, plain and secret, sorted by name. */
  public Map<String, String> ebEnvironment() {
    return variables.values();
  }

  public boolean hasErrors() {
    return report.stream().anyMatch(Diagnostic::isError);
  }
}
