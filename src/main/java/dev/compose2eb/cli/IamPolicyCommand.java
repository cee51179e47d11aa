package dev.compose2eb.cli;

import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.deploy.IamPolicy;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.plan.ManagedPlan;
import dev.compose2eb.plan.ManagedPlanner;
import dev.compose2eb.plan.Platform;
import dev.compose2eb.plan.SecretPath;
import dev.compose2eb.translate.ImageNames;
import dev.compose2eb.translate.LocalProjectFiles;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compose2eb iam-policy}: the IAM policy the deploying identity needs for this project. */
@Command(name = "iam-policy", mixinStandardHelpOptions = true,
    description = {"Print the least-privilege IAM policy (JSON) that the identity running"
        + " compose2eb deploy needs for this project: its ECR repositories, Elastic Beanstalk, EB's"
        + " storage bucket and roles; with managed services also RDS, ElastiCache and their"
        + " security groups, allowed only through CloudFormation, and their password parameters;"
        + " reading and writing secret variables under /compose2eb/<application>/<environment>.",
        "The policy document is the output with --format text and json alike."})
final class IamPolicyCommand implements Callable<Integer> {
  private final Console console;
  @Mixin CommonOptions common;
  @Mixin LoaderOptions loader;

  @Option(names = "--managed", paramLabel = "SERVICE",
      description = "A service that runs as RDS or ElastiCache (repeatable; as x-eb.managed)")
  List<String> managed = new ArrayList<>();

  @Option(names = "--application", paramLabel = "APP",
      description = "EB application, for the secrets' path (default: x-eb.application)")
  String application;

  @Option(names = "--environment", paramLabel = "ENV",
      description = "EB environment, for the secrets' path (default: x-eb.environment)")
  String environment;

  @Option(names = "--create-roles", description = "Also allow creating EB's roles (deploy --create-roles)")
  boolean createRoles;

  @Option(names = "--secrets-manager", description = "Secret variables in Secrets Manager instead of"
      + " Parameter Store (deploy --secrets-manager)")
  boolean secretsManager;

  @Option(names = "--platform", paramLabel = "ecs|docker", description = "Elastic Beanstalk"
      + " platform deployed to (as deploy --platform; else x-eb: {platform: ...}, else ecs): on"
      + " docker no ECS task execution role reads the secrets, and a new instance role gets no"
      + " ECS policy")
  String platform;

  @Option(names = "--mirror-images", description = "Also allow the mirror/* repositories"
      + " (deploy --mirror-images)")
  boolean mirrorImages;

  IamPolicyCommand(Console console) {
    this.console = console;
  }

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    LoadResult loaded = loader.load();
    Project project = loaded.project();
    Platform chosen = PlatformChoice.of(spec, platform, project);
    ManagedPlan plan = ManagedPlanner.plan(project, managed, new LocalProjectFiles(project.workingDir()));
    List<Diagnostic> diags = new ArrayList<>(plan.report().stream().filter(Diagnostic::isError).toList());
    boolean rds = plan.services().stream().anyMatch(m -> m.engine().isDatabase());
    boolean cache = plan.services().stream().anyMatch(m -> !m.engine().isDatabase());
    Optional<String> path = rds ? ManagedNames.parameterPath(project, application, environment,
        diags).map(SecretPath::path) : Optional.empty();
    if (!diags.isEmpty()) {
      throw new InvalidInputException(diags);
    }
    List<String> repositories = plan.apply(project).services().stream()
        .filter(s -> s.build().isPresent()).map(s -> ImageNames.repositoryFor(project, s))
        .distinct().toList();
    // secret variables live under the environment's path; every environment's when it is unknown
    XEbSettings xeb = XEbSettings.of(project);
    Optional<String> app = Optional.ofNullable(application).or(xeb::application);
    Optional<String> env = Optional.ofNullable(environment).or(xeb::environment);
    Optional<String> secretsPath = app.isPresent() && env.isPresent()
        ? Optional.of(new SecretPath(app.get(), env.get()).path()) : Optional.empty();
    console.out.print(IamPolicy.document(new IamPolicy.Request(repositories, mirrorImages,
        createRoles, rds, cache, path, secretsPath, secretsManager, chosen)));
    return ExitCode.OK.code;
  }
}
