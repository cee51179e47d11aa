package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.push.RegistryCredentials;
import software.amazon.awssdk.core.exception.SdkException;
import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.dockerrun.DockerrunWriter;
import dev.compose2eb.translate.ProjectFiles;
import dev.compose2eb.translate.TranslateOptions;
import dev.compose2eb.translate.Translation;
import dev.compose2eb.translate.Translator;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationVersionDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentStatus;

/**
 * The deploy, step by step: identity, images, bundle, application version, environment, variables,
 * wait. Each step reads first and writes only what differs; with {@code dryRun} it writes nothing
 * and the listener receives the plan.
 */
public final class Deployer {
  private final Project project;
  private final TranslateOptions translateOptions;
  private final ProjectFiles files;
  private final ImagePublisher images;
  private final SourceBundler bundler;
  private final Clients clients;
  private final DeployListener listener;
  private final Clock clock;
  private final DeployRequest req;
  private final Waiter waiter;

  public Deployer(Project project, TranslateOptions translateOptions, ProjectFiles files,
      ImagePublisher images, SourceBundler bundler, Clients clients, DeployListener listener,
      Clock clock, DeployRequest request) {
    this.project = project;
    this.translateOptions = translateOptions;
    this.files = files;
    this.images = images;
    this.bundler = bundler;
    this.clients = clients;
    this.listener = listener;
    this.clock = clock;
    this.req = request;
    this.waiter = Waiter.every(request.pollInterval(), clock);
  }

  /** What the deploy is doing, for the message when a call fails. */
  private String doing = "start the deploy";

  /**
   * Runs the deploy.
   *
   * @throws AwsFailure when a call fails after the SDK's retries, or a step cannot go on
   * @throws InvalidInputException when the project cannot be translated
   */
  public DeployOutcome run() {
    try {
      return steps();
    } catch (SdkException e) {
      throw AwsFailure.of(doing, e);
    }
  }

  private DeployOutcome steps() {
    Instant start = clock.instant();
    Instant deadline = start.plus(req.timeout());

    doing = "identify the caller (STS GetCallerIdentity)";
    String account = clients.sts().getCallerIdentity().account();
    listener.step("identity", "reuse", "account " + account + ", region " + clients.region());

    doing = "get ECR registry credentials";
    ImageStep imageStep = new ImageStep(project, images, clients, listener, imageTag(),
        req.mirrorImages(), req.dryRun());
    Map<String, String> pinned = imageStep.run();
    RegistryCredentials login = imageStep.login();

    Translation t = Translator.translate(project, new TranslateOptions(
        Optional.of(login.registry()), imageTag(), translateOptions.defaultMemoryMib(),
        translateOptions.envToEb()), files);
    if (t.hasErrors()) {
      throw new InvalidInputException(t.report());
    }
    String dockerrun = DockerrunWriter.write(pin(t.dockerrun(), pinned));
    SourceBundler.Built bundle = bundler.bundle(dockerrun, t.bundlePaths());
    String label = req.versionLabel().orElse(bundle.defaultLabel());
    checkLabel(label);

    String bucket = Storage.bucketName(clients.region(), account);
    String key = req.application() + "/" + label + ".zip";
    uploadBundle(bucket, key, bundle, label);

    Versions versions = new Versions(clients, waiter);
    ensureVersion(versions, bucket, key, bundle, label, deadline);

    Map<String, String> wanted = new LinkedHashMap<>(t.ebEnvironment());
    wanted.putAll(req.variables());
    Environments envs = new Environments(clients, waiter);
    EventStream events = new EventStream(clients, req.application(), req.environment(), start, listener);
    doing = "deploy version " + label + " to environment " + req.environment();
    Optional<EnvironmentDescription> existing = envs.find(req.application(), req.environment());
    if (existing.isEmpty()) {
      return createEnvironment(envs, events, label, wanted, deadline);
    }
    return updateEnvironment(envs, events, existing.get(), label, wanted, deadline);
  }

  // --- images ------------------------------------------------------------------------------------

  /** {@code --tag} when given (a buildspec tagged the images so), else the version label. */
  private String imageTag() {
    String given = translateOptions.tag();
    String tag = (!given.equals("latest") ? given : req.versionLabel().orElse("latest"))
        .replaceAll("[^A-Za-z0-9_.-]", "-");
    return tag.length() > 128 ? tag.substring(0, 128) : tag;
  }

  /** The Dockerrun with each pushed image replaced by its digest-pinned reference. */
  private static Dockerrun pin(Dockerrun d, Map<String, String> pinnedByService) {
    if (pinnedByService.isEmpty()) {
      return d;
    }
    Map<String, String> byContainer = new LinkedHashMap<>();
    pinnedByService.forEach((service, image) ->
        byContainer.put(service.replaceAll("[^A-Za-z0-9_-]", "_"), image));
    List<ContainerDefinition> containers = new ArrayList<>();
    for (ContainerDefinition c : d.containerDefinitions()) {
      String image = byContainer.get(c.name());
      containers.add(image == null ? c : c.toBuilder().image(image).build());
    }
    return new Dockerrun(d.volumes(), containers, d.authentication());
  }

  // --- bundle and version -------------------------------------------------------------------------

  private static void checkLabel(String label) {
    if (label.isEmpty() || label.length() > 100 || label.contains("/")) {
      throw new AwsFailure("use version label \"" + label + "\"",
          "EB labels are 1 to 100 characters without /", "pass another --version-label", null);
    }
  }

  private void uploadBundle(String bucket, String key, SourceBundler.Built bundle, String label) {
    doing = "upload the source bundle to s3://" + bucket + "/" + key;
    Storage storage = new Storage(clients);
    if (!storage.bucketExists(bucket)) {
      listener.step("storage", "create", "EB storage bucket " + bucket);
      if (!req.dryRun()) {
        storage.createStorageLocation();
      }
    }
    Optional<String> existing = storage.bucketExists(bucket) || !req.dryRun()
        ? storage.existingSha(bucket, key) : Optional.empty();
    if (existing.isPresent() && existing.get().equals(bundle.sha256())) {
      listener.step("bundle", "skip", "s3://" + bucket + "/" + key + " already holds this bundle");
      return;
    }
    if (existing.isPresent()) {
      throw new AwsFailure("upload the bundle for version " + label,
          "s3://" + bucket + "/" + key + " already holds a different bundle under that label",
          "pass another --version-label; labels name one bundle for good", null);
    }
    listener.step("bundle", "upload", "s3://" + bucket + "/" + key + " (" + bundle.size() + " bytes)");
    if (!req.dryRun()) {
      storage.upload(bucket, key, bundle.zip(), bundle.sha256());
    }
  }

  private void ensureVersion(Versions versions, String bucket, String key, SourceBundler.Built bundle,
      String label, Instant deadline) {
    doing = "create or reuse application version " + label + " of " + req.application();
    if (!versions.applicationExists(req.application())) {
      listener.step("application", "create", req.application());
      if (!req.dryRun()) {
        versions.createApplication(req.application());
      }
    } else {
      listener.step("application", "reuse", req.application());
    }
    Optional<ApplicationVersionDescription> v = req.dryRun() && !versions.applicationExists(req.application())
        ? Optional.empty() : versions.version(req.application(), label);
    if (v.isPresent()) {
      boolean same = v.get().sourceBundle() != null && bucket.equals(v.get().sourceBundle().s3Bucket())
          && key.equals(v.get().sourceBundle().s3Key())
          && Versions.description(bundle.sha256()).equals(v.get().description());
      if (!same) {
        throw new AwsFailure("create application version " + label,
            "version " + label + " already exists with a different bundle",
            "pass another --version-label", null);
      }
      listener.step("version", "reuse", label);
    } else {
      listener.step("version", "create", label);
      if (!req.dryRun()) {
        versions.createVersion(req.application(), label, bucket, key, bundle.sha256());
      }
    }
    if (!req.dryRun()) {
      versions.awaitProcessed(req.application(), label, deadline);
    }
  }

  // --- environment ------------------------------------------------------------------------------

  private DeployOutcome createEnvironment(Environments envs, EventStream events, String label,
      Map<String, String> wanted, Instant deadline) {
    if (!req.create()) {
      throw new AwsFailure("deploy to environment " + req.environment(),
          "it does not exist in application " + req.application(),
          "pass --create to create it, or name an existing environment", null);
    }
    Variables.check(Map.of(), wanted);
    new Roles(clients, listener).ensure(req.createRoles(), req.dryRun());
    String platform = req.platformArn().orElseGet(envs::newestPlatform);
    List<ConfigurationOptionSetting> options = new ArrayList<>(creationOptions());
    Variables.Changes vars = Variables.diff(Map.of(), wanted);
    options.addAll(vars.settings());
    listener.step("environment", "create", req.environment() + " on " + platform);
    reportVariables(vars);
    if (req.dryRun()) {
      return new DeployOutcome(DeployOutcome.Status.PLANNED, label, Optional.empty(), Optional.empty(), "");
    }
    envs.create(req.application(), req.environment(), label, platform, options);
    return await(envs, events, label, Optional.empty(), deadline);
  }

  private List<ConfigurationOptionSetting> creationOptions() {
    List<ConfigurationOptionSetting> o = new ArrayList<>();
    o.add(option("aws:autoscaling:launchconfiguration", "IamInstanceProfile", Roles.INSTANCE_ROLE));
    o.add(option("aws:elasticbeanstalk:environment", "ServiceRole", Roles.SERVICE_ROLE));
    o.add(option("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"));
    // launch configurations are gone for new accounts; this forces launch templates
    o.add(option("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "true"));
    req.instanceType().ifPresent(t -> o.add(option("aws:ec2:instances", "InstanceTypes", t)));
    return o;
  }

  private static ConfigurationOptionSetting option(String ns, String name, String value) {
    return ConfigurationOptionSetting.builder().namespace(ns).optionName(name).value(value).build();
  }

  private DeployOutcome updateEnvironment(Environments envs, EventStream events,
      EnvironmentDescription env, String label, Map<String, String> wanted, Instant deadline) {
    if (env.status() != EnvironmentStatus.READY) {
      listener.step("environment", "wait", req.environment() + " is " + env.statusAsString()
          + "; waiting for Ready");
      if (req.dryRun()) {
        return new DeployOutcome(DeployOutcome.Status.PLANNED, label, Optional.empty(), Optional.empty(), "");
      }
      Optional<EnvironmentDescription> ready = envs.awaitReady(req.application(), req.environment(),
          deadline, events);
      if (ready.isEmpty()) {
        return timedOut(label, "it never became Ready; another operation may still be running");
      }
      env = ready.get();
    }
    Map<String, String> current = envs.variables(req.application(), req.environment());
    Variables.check(current, wanted);
    Variables.Changes vars = Variables.diff(current, wanted);
    String previous = env.versionLabel();
    boolean sameVersion = label.equals(previous);
    if (sameVersion && vars.isEmpty()) {
      listener.step("environment", "skip", req.environment() + " already runs " + label);
      return outcomeOf(env, label);
    }
    listener.step("environment", "update", req.environment() + (sameVersion ? "" : " to " + label));
    reportVariables(vars);
    if (req.dryRun()) {
      return new DeployOutcome(DeployOutcome.Status.PLANNED, label, Optional.empty(), Optional.empty(), "");
    }
    envs.update(req.application(), req.environment(), sameVersion ? Optional.empty() : Optional.of(label),
        vars.settings());
    DeployOutcome outcome = await(envs, events, label, Optional.ofNullable(previous), deadline);
    return outcome;
  }

  private void reportVariables(Variables.Changes vars) {
    if (!vars.added().isEmpty()) {
      listener.step("variables", "create", String.join(", ", vars.added()));
    }
    if (!vars.changed().isEmpty()) {
      listener.step("variables", "update", String.join(", ", vars.changed()));
    }
  }

  /** Waits for Ready on the new version; rolls back when asked and the deploy failed. */
  private DeployOutcome await(Environments envs, EventStream events, String label,
      Optional<String> previous, Instant deadline) {
    DeployOutcome outcome = watch(envs, events, label, deadline);
    if (req.rollbackOnFailure() && previous.isPresent() && !previous.get().equals(label)
        && (outcome.status() == DeployOutcome.Status.FAILED
            || outcome.status() == DeployOutcome.Status.UNHEALTHY)) {
      listener.step("rollback", "update", req.environment() + " back to " + previous.get());
      Optional<EnvironmentDescription> ready = envs.awaitReady(req.application(), req.environment(),
          deadline, events);
      if (ready.isPresent()) {
        events.clearFailure();
        envs.update(req.application(), req.environment(), previous, List.of());
        DeployOutcome back = watch(envs, events, previous.get(), deadline);
        return new DeployOutcome(outcome.status(), label, outcome.health(), outcome.url(),
            "rolled back to " + previous.get() + " (now " + back.status().name().toLowerCase()
                + "); " + outcome.next());
      }
    }
    return outcome;
  }

  private DeployOutcome watch(Environments envs, EventStream events, String label, Instant deadline) {
    while (true) {
      events.poll();
      Optional<EnvironmentDescription> env = envs.find(req.application(), req.environment());
      if (env.isPresent() && env.get().status() == EnvironmentStatus.READY) {
        if (events.failure().isPresent()) {
          return new DeployOutcome(DeployOutcome.Status.FAILED, label,
              Optional.ofNullable(env.get().healthAsString()), url(env.get()),
              "Elastic Beanstalk reported: " + events.failure().get() + "; see the events above, and"
                  + " `aws elasticbeanstalk describe-events --environment-name " + req.environment() + "`");
        }
        if (label.equals(env.get().versionLabel())) {
          events.poll(); // the closing events arrive with the move to Ready
          return settleHealth(envs, events, env.get(), label, deadline);
        }
      }
      if (!waiter.pause(deadline)) {
        return timedOut(label, env.map(e -> "it is still " + e.statusAsString()
            + " on version " + e.versionLabel()).orElse("it does not exist"));
      }
    }
  }

  /** Health is Grey for a moment after an update; wait for a real colour, within the deadline. */
  private DeployOutcome settleHealth(Environments envs, EventStream events, EnvironmentDescription env,
      String label, Instant deadline) {
    EnvironmentDescription cur = env;
    while ("Grey".equals(cur.healthAsString()) && waiter.pause(deadline)) {
      events.poll();
      cur = envs.find(req.application(), req.environment()).orElse(cur);
    }
    return outcomeOf(cur, label);
  }

  private DeployOutcome outcomeOf(EnvironmentDescription env, String label) {
    boolean green = "Green".equals(env.healthAsString());
    return new DeployOutcome(green ? DeployOutcome.Status.HEALTHY : DeployOutcome.Status.UNHEALTHY,
        label, Optional.ofNullable(env.healthAsString()), url(env),
        green ? "" : "the environment runs " + label + " but its health is " + env.healthAsString()
            + "; check `aws elasticbeanstalk describe-environment-health --environment-name "
            + req.environment() + " --attribute-names All`");
  }

  private DeployOutcome timedOut(String label, String state) {
    return new DeployOutcome(DeployOutcome.Status.TIMED_OUT, label, Optional.empty(), Optional.empty(),
        "gave up after " + req.timeout() + ": " + state + "; run the deploy again with a longer"
            + " --timeout (it reuses what exists), or watch the environment's events");
  }

  private static Optional<String> url(EnvironmentDescription env) {
    String cname = env.cname();
    return cname == null || cname.isEmpty() ? Optional.empty() : Optional.of("http://" + cname);
  }
}
