package dev.compose2eb.plan;

import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Makes the deployment plan of a loaded project for its target instance type. */
public final class Planner {
  private Planner() {}

  /**
   * Plans; never throws for a bad project: errors are in the plan's report.
   *
   * @param files the project's files, to know which bind sources exist
   */
  public static DeploymentPlan plan(Project project, PlanOptions options, ProjectTexts files) {
    Diagnostics diags = new Diagnostics();
    PlanSettings settings = PlanSettings.of(project, options, diags);
    Set<String> oneShot = oneShot(project);
    MemoryPlan memory = MemoryPlan.of(project, settings, diags);
    Optional<Entry> entry = EntryPlan.of(project, settings, diags);
    List<DroppedMount> dropped = DevMounts.of(project, settings.keepDevMounts(), diags);
    List<BindMount> binds = Binds.of(project, dropped, files, diags);
    SecretPlan secrets = SecretPlanner.plan(project, diags);
    SecretValues.check(secrets, files, diags); // the files only; deploy reads the values
    return new DeploymentPlan(settings.instanceType(), memory.instance(), memory.containers(),
        entry, oneShot, dropped, binds, secrets, diags.list());
  }

  /** Services some other service waits for with service_completed_successfully: one-shot jobs. */
  static Set<String> oneShot(Project project) {
    Set<String> out = new LinkedHashSet<>();
    for (Service s : project.services()) {
      for (DependsOn d : s.dependsOn().values()) {
        if (d.condition() == DependsOn.Condition.SERVICE_COMPLETED_SUCCESSFULLY
            && project.service(d.service()).isPresent()) {
          out.add(d.service());
        }
      }
    }
    return out;
  }
}
