package dev.compose2eb.ebcompose;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.plan.ManagedPlan;
import dev.compose2eb.plan.VariablePlan;
import java.util.List;
import java.util.Map;

/**
 * The compose file for the Docker platform and what came with it.
 *
 * @param text the docker-compose.yml for the root of the source bundle
 * @param variables with {@code --env-to-eb}: the values moved out of the file, each plain or secret;
 *     EB writes them to {@code .env} for the services' {@code env_file}; empty otherwise
 * @param report every change made to the project on the way, and every problem; errors mean the
 *     file must not be written
 * @param bundlePaths project-relative paths the services mount, which go into the bundle
 * @param managed the services that run as managed AWS databases and caches instead of containers
 */
public record EbCompose(String text, VariablePlan variables, List<Diagnostic> report,
    List<String> bundlePaths, ManagedPlan managed) {

  public EbCompose {
    report = List.copyOf(report);
    bundlePaths = List.copyOf(bundlePaths);
  }

  /** Every value moved out of the file, name to value. */
  public Map<String, String> ebEnvironment() {
    return variables.values();
  }

  public boolean hasErrors() {
    return report.stream().anyMatch(Diagnostic::isError);
  }
}
