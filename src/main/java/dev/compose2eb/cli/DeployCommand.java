package dev.compose2eb.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.compose2eb.aws.AwsClients;
import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.deploy.DeployOutcome;
import dev.compose2eb.deploy.DeployRequest;
import dev.compose2eb.deploy.Deployer;
import dev.compose2eb.deploy.PushingPublisher;
import dev.compose2eb.deploy.ZipBundler;
import dev.compose2eb.push.ImagePusher;
import dev.compose2eb.translate.LocalProjectFiles;
import dev.compose2eb.translate.TranslateOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code compose2eb deploy}: the whole path from compose project to a healthy EB environment. */
@Command(name = "deploy", mixinStandardHelpOptions = true,
    description = {"Deploy the compose project to an Elastic Beanstalk environment: push the images"
        + " built from source to ECR (pinned by digest), upload the source bundle, create or reuse the"
        + " application version, create or update the environment and its variables, then stream"
        + " EB's events until the environment is Ready and report its health.",
        "Every step reads first and writes only what differs: running it again after an interruption"
            + " converges, and an unchanged project makes no write call. --dry-run prints the plan.",
        "Exit 0 healthy, 4 deployed but not healthy, 1 failed or timed out."})
final class DeployCommand implements Callable<Integer> {
  private final Console console;
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;
  @Mixin LoaderOptions loader;
  @Mixin ConvertCommand.TranslateMixin translate;
  @Mixin AwsOptions aws;
  @Mixin DeployOptions options;
  @Mixin WaitOptions waiting;

  DeployCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    TranslateOptions topts = translate.options(spec);
    Duration timeout = waiting.timeout(spec);
    Duration poll = waiting.pollInterval(spec);
    Map<String, Path> archives = OptionValues.archives(spec, options.imageArchives, console.cwd);
    Map<String, String> flagEnv = OptionValues.assignments(spec, "--env", options.env);
    LoadResult loaded = loader.load();
    console.diagnostics(loaded.diagnostics());
    XEbSettings xeb = XEbSettings.of(loaded.project());
    String application = required(options.application, xeb.application(), "--application", "application");
    String environment = required(options.environment, xeb.environment(), "--environment", "environment");
    Map<String, String> variables = new LinkedHashMap<>(xeb.env());
    variables.putAll(flagEnv);
    DeployRequest request = DeployRequest.builder(application, environment)
        .versionLabel(Optional.ofNullable(options.versionLabel)).variables(variables)
        .create(options.create).createRoles(options.createRoles)
        .instanceType(Optional.ofNullable(translate.instanceType).or(xeb::instanceType))
        .platformArn(Optional.ofNullable(options.platformArn)).timeout(timeout).pollInterval(poll)
        .dryRun(options.dryRun).rollbackOnFailure(options.rollbackOnFailure)
        .mirrorImages(options.mirrorImages).singleInstance(options.singleInstance)
        .healthSettle(OptionValues.duration(spec, "--health-settle", options.healthSettle))
        .pushTimeout(OptionValues.duration(spec, "--push-timeout", options.pushTimeout))
        .platform(translate.platform(spec, loaded.project()))
        .secretsManager(options.secretsManager).managed(translate.managed).build();
    Path dir = loaded.project().workingDir();
    DeployConsole listener = new DeployConsole(console);
    List<DeployOutcome> ended = new ArrayList<>(1);
    console.result(g -> {
      g.writeBooleanField("dryRun", options.dryRun);
      g.writeStringField("application", application);
      g.writeStringField("environment", environment);
      writeOutcome(g, ended.isEmpty() ? null : ended.get(0));
      listener.write(g);
    });
    Path zip = Files.createTempFile("compose2eb-bundle-", ".zip");
    zip.toFile().deleteOnExit(); // it holds environment values: gone even after Ctrl-C
    try (AwsClients clients = aws.open(console, xeb.region())) {
      ImagePusher pusher = new ImagePusher(cacheDirectory(console))
          .withDocker(Optional.empty(), console.env).withNotes(console::note);
      Deployer deployer = new Deployer(loaded.project(), topts, new LocalProjectFiles(dir),
          new PushingPublisher(loaded.project(), pusher, archives, translate.registry != null),
          new ZipBundler(dir, zip), AwsOptions.clients(clients), listener,
          Clock.systemUTC(), request, loaded.environment());
      DeployOutcome outcome = deployer.run();
      ended.add(outcome);
      return report(outcome);
    } finally {
      Files.deleteIfExists(zip);
    }
  }

  private int report(DeployOutcome o) {
    switch (o.status()) {
      case PLANNED -> {
        console.note("dry run: nothing was changed");
        return ExitCode.OK.code;
      }
      case HEALTHY -> {
        console.note("deployed " + o.versionLabel() + ": health " + o.health().orElse("?"));
        printUrl(o);
        return ExitCode.OK.code;
      }
      case UNHEALTHY -> {
        console.note("deployed " + o.versionLabel() + " but not healthy: " + o.next());
        printUrl(o);
        return ExitCode.DIFFERENT.code;
      }
      default -> {
        console.errorSummary("deploy of " + o.versionLabel() + " " + (o.status()
            == DeployOutcome.Status.TIMED_OUT ? "timed out" : "failed") + ": " + o.next());
        return ExitCode.FAILURE.code;
      }
    }
  }

  private void printUrl(DeployOutcome o) {
    if (!console.json()) {
      o.url().ifPresent(console.out::println);
    }
  }

  /**
   * {@code status} (planned, healthy, unhealthy, failed, timedOut; error when the deploy stopped
   * on a failure before it ended), {@code versionLabel}, {@code health}, {@code url}, {@code next},
   * {@code healthCauses} (EB's reasons when the health is not Green).
   */
  static void writeOutcome(JsonGenerator g, DeployOutcome o) throws IOException {
    if (o == null) {
      g.writeStringField("status", "error");
      for (String f : List.of("versionLabel", "health", "url", "next")) {
        g.writeNullField(f);
      }
      JsonDocument.writeStrings(g, "healthCauses", List.of());
      return;
    }
    g.writeStringField("status", switch (o.status()) {
      case PLANNED -> "planned";
      case HEALTHY -> "healthy";
      case UNHEALTHY -> "unhealthy";
      case FAILED -> "failed";
      case TIMED_OUT -> "timedOut";
    });
    g.writeStringField("versionLabel", o.versionLabel());
    JsonDocument.writeOptional(g, "health", o.health());
    JsonDocument.writeOptional(g, "url", o.url());
    JsonDocument.writeOptional(g, "next", Optional.of(o.next()).filter(n -> !n.isEmpty()));
    JsonDocument.writeStrings(g, "healthCauses", o.healthCauses());
  }

  private String required(String flag, Optional<String> fromFile, String option, String xebKey) {
    if (flag != null && !flag.isBlank()) {
      return flag;
    }
    return fromFile.orElseThrow(() -> new ParameterException(spec.commandLine(), "missing " + option
        + " (or x-eb: {" + xebKey + ": ...} in the compose file)"));
  }

  /** jib's layer cache: under the user's cache directory, never inside the project. */
  static Path cacheDirectory(Console console) {
    String xdg = console.env.get("XDG_CACHE_HOME");
    Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg)
        : Path.of(console.env.getOrDefault("HOME", System.getProperty("java.io.tmpdir")), ".cache");
    return base.resolve("compose2eb").resolve("layers");
  }

  /** The deploy-only options. */
  static final class DeployOptions {
    @Option(names = "--application", paramLabel = "APP", description = "EB application (default: x-eb.application)")
    String application;

    @Option(names = "--environment", paramLabel = "ENV", description = "EB environment (default: x-eb.environment)")
    String environment;

    @Option(names = "--create", description = "Create the environment when it does not exist")
    boolean create;

    @Option(names = "--create-roles", description = "Create EB's default instance profile and service"
        + " role when missing (ECR read access is always added to the instance role)")
    boolean createRoles;

    @Option(names = "--version-label", paramLabel = "LABEL",
        description = "Version label (default: <git short sha or local>-<first 8 hex of the bundle hash>)")
    String versionLabel;

    @Option(names = "--env", paramLabel = "KEY=VALUE",
        description = "Set an environment property; repeatable. Values are never printed")
    List<String> env = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print the plan; make no write call")
    boolean dryRun;

    @Option(names = "--rollback-on-failure",
        description = "Return the environment to its previous version when the deploy fails or is unhealthy")
    boolean rollbackOnFailure;

    @Option(names = "--single-instance", description = "A new environment runs one instance without a"
        + " load balancer (the cheapest way to run a dev environment); default: load balanced, with an"
        + " application load balancer")
    boolean singleInstance;

    @Option(names = "--health-settle", paramLabel = "DURATION", defaultValue = "60s",
        description = "How long health must hold one colour (over three reads at least) before it decides"
            + " the outcome (default: ${DEFAULT-VALUE})")
    String healthSettle;

    @Option(names = "--push-timeout", paramLabel = "DURATION", defaultValue = "30m",
        description = "How long the image pushes may take; --timeout counts only after them"
            + " (default: ${DEFAULT-VALUE})")
    String pushTimeout;

    @Option(names = "--platform-arn", paramLabel = "ARN",
        description = "Platform of a new environment (default: the newest ECS on Amazon Linux 2023,"
            + " or Docker on Amazon Linux 2023 with --platform docker)")
    String platformArn;

    @Option(names = "--image-archive", paramLabel = "SERVICE=PATH",
        description = "Push this `docker save` archive as the service's image; repeatable")
    List<String> imageArchives = new ArrayList<>();

    @Option(names = "--secrets-manager", description = "Store secret variables in Secrets Manager"
        + " (one secret per variable) instead of SSM Parameter Store")
    boolean secretsManager;

    @Option(names = "--mirror-images",
        description = "Also copy public images (postgres, redis ...) into ECR, so EB does not depend on Docker Hub")
    boolean mirrorImages;
  }
}
