package dev.compose2eb.plan;

import dev.compose2eb.compose.model.Project;
import java.util.List;

/**
 * Every plan of a project, made in the one order every writer relies on: the managed services
 * first, then the deployment plan of what is left to run in containers.
 *
 * @param project the project without the managed services ({@link ManagedPlan#apply}), which the
 *     container writers render
 * @param managed the managed services and their rewired variables
 * @param deployment the decisions for the containers of {@code project}
 */
public record Plans(Project project, ManagedPlan managed, DeploymentPlan deployment) {

  /**
   * Plans {@code project}; never throws for a bad project: errors are in the plans' reports.
   *
   * @param requestedManaged the services named by {@code --managed}
   */
  public static Plans of(Project project, List<String> requestedManaged, PlanOptions options,
      ProjectTexts files) {
    ManagedPlan managed = ManagedPlanner.plan(project, requestedManaged, files);
    Project rest = managed.apply(project);
    return new Plans(rest, managed, Planner.plan(rest, options, files));
  }
}
