package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.aws.CallLimits;
import dev.compose2eb.aws.Deadline;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.push.RegistryCredentials;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.bundle.BundleRequest;
import dev.compose2eb.dockerrun.DockerrunWriter;
import dev.compose2eb.plan.InstanceTypes;
import dev.compose2eb.ebcompose.EbCompose;
import dev.compose2eb.ebcompose.EbComposeWriter;
import dev.compose2eb.ebextensions.SecretHook;
import dev.compose2eb.plan.Platform;
import dev.compose2eb.plan.SecretPath;
import dev.compose2eb.plan.SecretPlan;
import dev.compose2eb.plan.SecretPlanner;
import dev.compose2eb.plan.SecretReason;
import dev.compose2eb.plan.SecretValues;
import dev.compose2eb.plan.VariablePlan;
import dev.compose2eb.translate.ProjectFiles;
import dev.compose2eb.translate.TranslateOptions;
import dev.compose2eb.translate.Translation;
import dev.compose2eb.translate.Translator;
import dev.compose2eb.bundle.BundleRequest;
import dev.compose2eb.ebextensions.ManagedConfigWriter;
import dev.compose2eb.plan.ManagedEngine;
import dev.compose2eb.plan.ManagedPlan;
import dev.compose2eb.plan.ManagedService;
import dev.compose2eb.plan.SecretPath;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationVersionDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentStatus;
import software.amazon.awssdk.services.elasticbeanstalk.model.EventDescription;

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
  /** The project environment (OS over .env), where {@code environment:} compose secrets are read. */
  private final Map<String, String> projectEnvironment;

  public Deployer(Project project, TranslateOptions translateOptions, ProjectFiles files,
      ImagePublisher images, SourceBundler bundler, Clients clients, DeployListener listener,
      Clock clock, DeployRequest request) {
    this(project, translateOptions, files, images, bundler, clients, listener, clock, request,
        System.getenv());
  }

  public Deployer(Project project, TranslateOptions translateOptions, ProjectFiles files,
      ImagePublisher images, SourceBundler bundler, Clients clients, DeployListener listener,
      Clock clock, DeployRequest request, Map<String, String> projectEnvironment) {
    this.projectEnvironment = Map.copyOf(projectEnvironment);
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
    // --timeout bounds the whole run, every AWS call included; only the image pushes, which have
    // their own --push-timeout, do not count against it (a slow push must not eat EB's time)
    Deadline deadline = Deadline.in(req.timeout(), clock);
    CallLimits calls = clients.limits();
    calls.within(deadline, "--timeout");
    doing = "identify the caller (STS GetCallerIdentity)";
    var me = clients.sts().getCallerIdentity();
    String account = me.account();
    Partition partition = Partition.ofArn(me.arn());
    listener.step("identity", "reuse", "account " + account + ", region " + clients.region()
        + (partition.id().equals("aws") ? "" : ", partition " + partition.id()));

    doing = "get ECR registry credentials";
    ImageStep imageStep = new ImageStep(project, images, clients, listener, imageTag(),
        req.mirrorImages(), req.dryRun());
    Duration left = deadline.remaining();
    Deadline pushes = Deadline.in(req.pushTimeout(), clock);
    if (!req.dryRun()) { // a dry run pushes nothing: its ECR reads count against --timeout
      calls.within(pushes, "--push-timeout");
    }
    Map<String, String> pinned = imageStep.run(Optional.of(pushes));
    if (!req.dryRun()) {
      deadline = deadline.resumedWith(left);
      calls.within(deadline, "--timeout");
    }
    RegistryCredentials login = imageStep.login();

    TranslateOptions topts = new TranslateOptions(Optional.of(login.registry()), imageTag(),
        translateOptions.plan(), translateOptions.envToEb());
    SourceBundler.Built bundle;
    VariablePlan variables;
    SecretSide side;
    ManagedPlan managed = ManagedPlan.none();
    List<String> runImages = new ArrayList<>();
    // the compose secrets: the writers render the plan's deliveries (and report on them); their
    // values are read here, only to be stored
    SecretPlan composeSecrets = SecretPlanner.plan(project, new Diagnostics());
    if (req.platform() == Platform.DOCKER) {
      EbCompose c = EbComposeWriter.write(project, req.managed(), topts, files, pinned);
      if (c.hasErrors()) {
        throw new InvalidInputException(c.report());
      }
      managed = c.managed();
      Map<String, String> composeValues = composeSecretValues(composeSecrets);
      variables = withComposeSecrets(c.variables().plus(req.variables()), composeSecrets, composeValues);
      side = secretSide(variables, fileSecrets(composeSecrets, composeValues, variables), managed,
          partition, account);
      bundle = bundler.bundle(Platform.DOCKER.descriptor(), c.text(), c.bundlePaths(),
          managedConfig(managed), hooks(composeSecrets));
      runImages.addAll(pinned.values());
      project.services().forEach(s -> s.image().ifPresent(runImages::add));
    } else {
      Translation t = Translator.translate(project, topts, files, req.managed());
      if (t.hasErrors()) {
        throw new InvalidInputException(t.report());
      }
      managed = t.managed();
      Map<String, String> composeValues = composeSecretValues(composeSecrets);
      variables = withComposeSecrets(t.variables().plus(req.variables()), composeSecrets, composeValues);
      side = secretSide(variables, fileSecrets(composeSecrets, composeValues, variables), managed,
          partition, account);
      Dockerrun pinnedRun = pin(t.dockerrun(), pinned);
      if (side.readsSecrets() && side.access().needsExecutionRole()) {
        // the ECS agent fetches the values for the containers with the task execution role
        pinnedRun = pinnedRun.withExecutionRoleArn(side.access().executionRoleArn());
      }
      pinnedRun.containerDefinitions().forEach(d -> runImages.add(d.image()));
      bundle = bundler.bundle(BundleRequest.DOCKERRUN, DockerrunWriter.write(pinnedRun),
          t.bundlePaths(), managedConfig(managed), hooks(composeSecrets));
    }
    boolean usesEcr = runImages.stream()
        .anyMatch(i -> i != null && (i.startsWith(login.registry() + "/") || i.contains(".dkr.ecr.")));
    String label = req.versionLabel().orElse(bundle.defaultLabel());
    checkLabel(label);

    String bucket = Storage.bucketName(clients.region(), account);
    String key = req.application() + "/" + label + ".zip";
    Versions versions = new Versions(clients, waiter);
    uploadBundle(versions, bucket, key, bundle, label);

    Environments envs = new Environments(clients, waiter);
    Roles roles = new Roles(clients, listener, partition);
    doing = "find environment " + req.environment();
    Optional<EnvironmentDescription> existing = envs.find(req.application(), req.environment());
    if (existing.isEmpty()) {
      if (!req.create()) {
        throw new AwsFailure("deploy to environment " + req.environment(),
            "it does not exist in application " + req.application(),
            "pass --create to create it, or name an existing environment", null);
      }
      // before the application: its version lifecycle needs the service role, and IAM gets time
      doing = "check or create the IAM roles of Elastic Beanstalk";
      roles.ensure(req.platform(), req.createRoles(), req.dryRun());
    }
    ensureVersion(versions, roles, partition, account, bucket, key, bundle, label, deadline);
    if (!managed.isEmpty()) {
      reportManaged(managed, existing.isEmpty());
      // CloudFormation resolves {{resolve:ssm-secure:...}} when the environment's stack changes:
      // the parameters must exist before the environment is created or updated
      doing = "create the master passwords of the managed databases (SSM PutParameter)";
      new MasterPasswords(clients.ssm(), secretPath(), listener, new SecureRandom())
          .ensure(managed, req.dryRun());
    }

    EventStream events = new EventStream(clients, req.application(), req.environment(), listener);
    Watch watch = new Watch(envs, events, waiter, req);
    doing = "deploy version " + label + " to environment " + req.environment();
    if (existing.isEmpty()) {
      return createEnvironment(envs, events, watch, roles, label, variables, side, deadline);
    }
    return updateEnvironment(envs, events, watch, roles, existing.get(), label, variables, side,
        usesEcr, deadline);
  }

  /**
   * Where this deploy's secret variables and file secrets go, chosen once for both platforms; and
   * the IAM side of reading them, which the managed databases' passwords need too (environment
   * secrets from the managed config).
   */
  private SecretSide secretSide(VariablePlan variables, Map<String, String> files,
      ManagedPlan managed, Partition partition, String account) {
    boolean passwords = managed.services().stream().flatMap(m -> m.rewrites().stream())
        .anyMatch(r -> r.to() == ManagedService.To.PASSWORD);
    boolean stored = !variables.secrets().isEmpty() || !files.isEmpty();
    if (!stored && !passwords) {
      return new SecretSide(null, null, Map.of());
    }
    Secrets.checkNames(req.application(), req.environment(), variables.secrets().keySet());
    Secrets.checkNames(req.application(), req.environment(), files.keySet());
    if (passwords && req.secretsManager()) {
      throw new AwsFailure("give the app the master passwords of its managed databases",
          "they are SSM parameters (CloudFormation's ssm-secure reference reads only SSM), and"
              + " with --secrets-manager the instances may read only Secrets Manager",
          "deploy without --secrets-manager (docs/managed.md)", null);
    }
    SecretStore store = SecretStore.of(clients, req.secretsManager(), req.application(),
        req.environment(), partition, account);
    // the task execution role only passes environmentsecrets to ECS containers
    boolean executionRole = req.platform() == Platform.ECS
        && (!variables.secrets().isEmpty() || passwords);
    return new SecretSide(stored ? new Secrets(store, listener) : null,
        new SecretAccess(store, partition, account, clients.region(), req.environment(),
            executionRole), files);
  }

  /**
   * The secrets this deploy stores ({@code secrets}, null when there are none), the IAM side of
   * reading secrets ({@code access}, null when the environment reads none), and the compose
   * secrets delivered as files, store name to value (stored, never referenced).
   */
  private record SecretSide(Secrets secrets, SecretAccess access, Map<String, String> files) {
    boolean any() {
      return secrets != null;
    }

    boolean readsSecrets() {
      return access != null;
    }
  }

  private SecretPath secretPath() {
    return new SecretPath(req.application(), req.environment());
  }

  /**
   * The managed services' config, which travels in the bundle for the environment's stack (both
   * platforms); none without managed services.
   */
  private Map<String, String> managedConfig(ManagedPlan managed) {
    if (managed.isEmpty()) {
      return Map.of();
    }
    // the master passwords live under the application's and environment's names
    Secrets.checkNames(req.application(), req.environment(), List.of());
    return Map.of(ManagedConfigWriter.PATH, ManagedConfigWriter.write(managed, secretPath()));
  }

  /**
   * The resources the environment's stack creates from the managed config, for the plan: type,
   * engine, size class, storage, and that they cost money.
   */
  private void reportManaged(ManagedPlan managed, boolean newEnvironment) {
    String action = newEnvironment ? "create" : "ensure";
    String how = newEnvironment ? "" : " (the environment's stack creates it unless it exists)";
    for (ManagedService m : managed.services()) {
      ManagedEngine e = m.engine();
      listener.step("managed", action, m.service() + ": " + e.service.resourceType + " "
          + ManagedConfigWriter.resource(m) + ", " + e.title + " " + m.engineVersion() + ", "
          + m.instanceClass() + (e.isDatabase() ? ", " + m.storageGib() + " GiB gp3, automated"
              + " backups, a snapshot when deleted" : ", 1 node")
          + how + "; it costs money while it exists");
      listener.step("managed", action, m.service() + ": AWS::EC2::SecurityGroup "
          + ManagedConfigWriter.securityGroup(m) + ", TCP " + e.port + " from the environment's"
          + " instances only" + how);
    }
  }

  /** The compose secrets' values by store name; a located error when one cannot be read. */
  private Map<String, String> composeSecretValues(SecretPlan plan) {
    Diagnostics diags = new Diagnostics();
    Map<String, String> values = SecretValues.read(plan, files,
        k -> Optional.ofNullable(projectEnvironment.get(k)), diags);
    diags.throwIfErrors();
    return values;
  }

  /** The variables with the compose secrets that arrive as variables, secret whatever their name. */
  private static VariablePlan withComposeSecrets(VariablePlan variables, SecretPlan plan,
      Map<String, String> values) {
    Map<String, String> more = new LinkedHashMap<>();
    plan.variables().keySet().forEach(x -> more.put(x, values.get(x)));
    return more.isEmpty() ? variables : variables.withSecret(more, SecretReason.COMPOSE_SECRET);
  }

  /** The file secrets' values by store name; a name a variable also has is an error. */
  private static Map<String, String> fileSecrets(SecretPlan plan, Map<String, String> values,
      VariablePlan variables) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String name : plan.files().keySet()) {
      if (variables.values().containsKey(name)) {
        throw InvalidInputException.of(dev.compose2eb.diag.Diagnostic.error(
            plan.secrets().get(name).location(), "secrets." + name, "secret " + name + " and the"
                + " variable " + name + " would share one entry of the secret store",
            "rename the secret or the variable"));
      }
      out.put(name, values.get(name));
    }
    return out;
  }

  /** The platform hook that fetches the file secrets, at each of its bundle paths; none without. */
  private Map<String, String> hooks(SecretPlan plan) {
    Map<String, String> out = new LinkedHashMap<>();
    SecretHook.script(plan, new SecretPath(req.application(), req.environment()).prefix(),
        req.secretsManager()).ifPresent(text -> SecretHook.PATHS.forEach(p -> out.put(p, text)));
    return out;
  }

  /** The references to set: the secret variables only (file secrets are read by the hook). */
  private static Map<String, String> referenced(Map<String, String> arns, VariablePlan variables) {
    Map<String, String> out = new LinkedHashMap<>(arns);
    out.keySet().retainAll(variables.secrets().keySet());
    return out;
  }

  /** Stores the secrets (before the environment references them, so that a rerun converges). */
  private Secrets.Outcome storeSecrets(SecretSide side, Roles roles, Map<String, String> variables) {
    if (!side.readsSecrets()) {
      return Secrets.Outcome.NONE;
    }
    Map<String, String> values = new LinkedHashMap<>(variables);
    values.putAll(side.files());
    String before = doing;
    doing = "store the secret variables";
    roles.ensureSecretAccess(side.access(), req.createRoles(), req.dryRun());
    if (!side.any()) {
      doing = before;
      return Secrets.Outcome.NONE;
    }
    Secrets.Outcome stored = side.secrets().store(values, req.dryRun());
    doing = before;
    return stored;
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
    return new Dockerrun(d.volumes(), containers, d.authentication(), d.executionRoleArn());
  }

  // --- bundle and version -------------------------------------------------------------------------

  private static void checkLabel(String label) {
    if (label.isEmpty() || label.length() > 100 || label.contains("/")) {
      throw new AwsFailure("use version label \"" + label + "\"",
          "EB labels are 1 to 100 characters without /", "pass another --version-label", null);
    }
  }

  private void uploadBundle(Versions versions, String bucket, String key, SourceBundler.Built bundle,
      String label) {
    doing = "upload the source bundle to s3://" + bucket + "/" + key;
    Storage storage = new Storage(clients);
    if (!storage.bucketExists(bucket)) {
      listener.step("storage", "create", "EB storage bucket " + bucket);
      if (!req.dryRun()) {
        storage.createStorageLocation();
      }
    }
    Storage.Existing existing = storage.bucketExists(bucket) || !req.dryRun()
        ? storage.existing(bucket, key) : Storage.Existing.ABSENT;
    if (existing.unknown()) {
      // 403 on a missing key without s3:ListBucket: let the version under this label decide
      doing = "read application version " + label + " of " + req.application();
      Optional<ApplicationVersionDescription> v = versions.applicationExists(req.application())
          ? versions.version(req.application(), label) : Optional.empty();
      existing = v.map(d -> sameBundle(d, bucket, key, bundle) ? new Storage.Existing(Optional.of(bundle.sha256()), false)
              : new Storage.Existing(Optional.of("other"), false))
          .orElse(Storage.Existing.ABSENT);
      doing = "upload the source bundle to s3://" + bucket + "/" + key;
    }
    if (existing.sha().isPresent() && existing.sha().get().equals(bundle.sha256())) {
      listener.step("bundle", "skip", "s3://" + bucket + "/" + key + " already holds this bundle");
      return;
    }
    if (existing.sha().isPresent()) {
      throw new AwsFailure("upload the bundle for version " + label,
          "s3://" + bucket + "/" + key + " already holds a different bundle under that label",
          "pass another --version-label; labels name one bundle for good", null);
    }
    listener.step("bundle", "upload", "s3://" + bucket + "/" + key + " (" + bundle.size() + " bytes)");
    if (!req.dryRun()) {
      storage.upload(bucket, key, bundle.zip(), bundle.sha256());
    }
  }

  private static boolean sameBundle(ApplicationVersionDescription v, String bucket, String key,
      SourceBundler.Built bundle) {
    return v.sourceBundle() != null && bucket.equals(v.sourceBundle().s3Bucket())
        && key.equals(v.sourceBundle().s3Key())
        && Versions.description(bundle.sha256()).equals(v.description());
  }

  private void ensureVersion(Versions versions, Roles roles, Partition partition, String account,
      String bucket, String key, SourceBundler.Built bundle, String label, Deadline deadline) {
    doing = "create or reuse application version " + label + " of " + req.application();
    boolean appExists = versions.applicationExists(req.application());
    if (!appExists) {
      Optional<String> lifecycleRole = roles.serviceRoleExists()
          ? Optional.of(partition.role(account, Roles.SERVICE_ROLE)) : Optional.empty();
      listener.step("application", "create", req.application() + lifecycleRole.map(r -> " (keeps the newest "
          + Versions.KEEP_VERSIONS + " versions)").orElse(""));
      if (!req.dryRun()) {
        versions.createApplication(req.application(), lifecycleRole);
      }
    } else {
      listener.step("application", "reuse", req.application());
    }
    Optional<ApplicationVersionDescription> v = req.dryRun() && !appExists
        ? Optional.empty() : versions.version(req.application(), label);
    if (v.isPresent()) {
      if (!sameBundle(v.get(), bucket, key, bundle)) {
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

  /** How long CreateEnvironment is retried while EB does not see new IAM roles yet. */
  static final Duration IAM_PROPAGATION = Duration.ofMinutes(2);

  private DeployOutcome createEnvironment(Environments envs, EventStream events, Watch watch, Roles roles,
      String label, VariablePlan variables, SecretSide side, Deadline deadline) {
    Map<String, String> wanted = variables.plain();
    Variables.check(Map.of(), wanted);
    Map<String, String> arns = referenced(storeSecrets(side, roles, variables.secretValues()).arns(),
        variables);
    doing = "find the newest " + (req.platform() == Platform.ECS ? "ECS" : "Docker")
        + " platform version (EB ListPlatformVersions)";
    String platform = req.platformArn().orElseGet(() -> envs.newestPlatform(req.platform().branch()));
    doing = "create environment " + req.environment() + " with version " + label;
    List<ConfigurationOptionSetting> options = new ArrayList<>(creationOptions());
    Variables.Changes vars = Variables.diff(Map.of(), wanted);
    options.addAll(vars.settings());
    listener.step("environment", "create", req.environment() + " on " + platform + " (" + shape() + ")");
    reportVariables(vars);
    if (side.any()) {
      Secrets.References refs = side.secrets().references(Map.of(), Map.of(), arns, wanted);
      options.addAll(refs.settings());
      side.secrets().report(refs);
    }
    if (req.dryRun()) {
      return planned(label);
    }
    if (roles.changed()) {
      roles.awaitVisible(waiter, deadline);
    }
    Environments.Started started = createWithRetry(envs, label, platform, options, deadline);
    events.startAt(started.serverTime());
    return watch.await(started.environmentId(), label, deadline);
  }

  /** What the new environment will be, for the plan. */
  private String shape() {
    return (req.singleInstance() ? "single instance, no load balancer" : "load balanced, application load balancer")
        + ", " + instanceType();
  }

  /** {@code --instance-type} or x-eb's, else the plan's default: the type the memory was planned for. */
  private String instanceType() {
    return req.instanceType().orElse(InstanceTypes.DEFAULT);
  }

  /**
   * CreateEnvironment, again with growing pauses while EB answers that the instance profile or a
   * role does not exist or cannot be assumed: IAM changes reach other services only after a while
   * (AddRoleToInstanceProfile: "you must then wait for the change to appear across all of AWS").
   */
  private Environments.Started createWithRetry(Environments envs, String label, String platform,
      List<ConfigurationOptionSetting> options, Deadline deadline) {
    Deadline iam = Deadline.in(IAM_PROPAGATION, clock).min(deadline);
    Duration pause = waiter.interval();
    while (true) {
      try {
        return envs.create(req.application(), req.environment(), label, platform, options);
      } catch (AwsServiceException e) {
        if (!iamNotPropagated(e)) {
          throw e;
        }
        String said = e.awsErrorDetails().errorMessage();
        listener.step("iam", "wait", "Elastic Beanstalk does not see the IAM roles yet (\"" + said
            + "\"); trying again in " + pause.toMillis() + " ms");
        if (!waiter.pause(pause, iam)) {
          throw new AwsFailure("create environment " + req.environment(), "Elastic Beanstalk still answers \""
              + said + "\" after " + iam.budget(), "IAM changes can take minutes to reach Elastic Beanstalk;"
              + " run the deploy again shortly", e);
        }
        pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(20)) > 0 ? Duration.ofSeconds(20)
            : pause.multipliedBy(2);
      }
    }
  }

  static boolean iamNotPropagated(AwsServiceException e) {
    if (e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null) {
      return false;
    }
    String code = e.awsErrorDetails().errorCode();
    String msg = e.awsErrorDetails().errorMessage().toLowerCase(java.util.Locale.ROOT);
    return ("InvalidParameterValue".equals(code) || "InsufficientPrivilegesException".equals(code))
        && (msg.contains("instance profile") || msg.contains("iaminstanceprofile")
            || msg.contains("assume role") || msg.contains("assume the role") || msg.contains("service role"));
  }

  private List<ConfigurationOptionSetting> creationOptions() {
    List<ConfigurationOptionSetting> o = new ArrayList<>();
    o.add(option("aws:autoscaling:launchconfiguration", "IamInstanceProfile", Roles.INSTANCE_ROLE));
    o.add(option("aws:elasticbeanstalk:environment", "ServiceRole", Roles.SERVICE_ROLE));
    o.add(option("aws:elasticbeanstalk:healthreporting:system", "SystemType", "enhanced"));
    // launch configurations are gone for new accounts; this forces launch templates
    o.add(option("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "true"));
    if (req.singleInstance()) {
      o.add(option("aws:elasticbeanstalk:environment", "EnvironmentType", "SingleInstance"));
    } else {
      // the API's default is a Classic Load Balancer, and the type can only be chosen at creation
      o.add(option("aws:elasticbeanstalk:environment", "EnvironmentType", "LoadBalanced"));
      o.add(option("aws:elasticbeanstalk:environment", "LoadBalancerType", "application"));
    }
    // set explicitly: EB's default is "a list of two instance types, varies by account and Region"
    o.add(option("aws:ec2:instances", "InstanceTypes", instanceType()));
    return o;
  }

  private static ConfigurationOptionSetting option(String ns, String name, String value) {
    return ConfigurationOptionSetting.builder().namespace(ns).optionName(name).value(value).build();
  }

  private DeployOutcome planned(String label) {
    return new DeployOutcome(DeployOutcome.Status.PLANNED, label, Optional.empty(), Optional.empty(), "");
  }

  private DeployOutcome updateEnvironment(Environments envs, EventStream events, Watch watch, Roles roles,
      EnvironmentDescription env, String label, VariablePlan variables, SecretSide side, boolean usesEcr,
      Deadline deadline) {
    Map<String, String> wanted = variables.plain();
    if (env.status() != EnvironmentStatus.READY) {
      listener.step("environment", "wait", req.environment() + " is " + env.statusAsString()
          + "; waiting for Ready");
      if (req.dryRun()) {
        return planned(label);
      }
      Optional<EnvironmentDescription> ready = envs.awaitReady(req.application(), req.environment(),
          deadline, events);
      if (ready.isEmpty()) {
        return watch.timedOut(label, deadline, "it never became Ready; another operation may still be running");
      }
      env = ready.get();
    }
    Environments.Settings settings = envs.settings(req.application(), req.environment());
    if (usesEcr) {
      doing = "check that environment " + req.environment() + " can pull from ECR";
      if (settings.instanceProfile().isPresent()) {
        roles.ensureEcrAccess(settings.instanceProfile().get(), req.environment(), req.createRoles(),
            req.dryRun());
      }
      doing = "deploy version " + label + " to environment " + req.environment();
    }
    Map<String, String> current = settings.variables();
    Secrets.Outcome stored = storeSecrets(side, roles, variables.secretValues());
    Secrets.References refs = side.any()
        ? side.secrets().references(settings.secretRefs(), current,
            referenced(stored.arns(), variables), wanted)
        : Secrets.References.NONE;
    // EB fetches secret values only when instances start or the environment is updated
    boolean refresh = side.any() && stored.staleSince(env.dateUpdated());
    Map<String, String> kept = new LinkedHashMap<>(current);
    kept.keySet().removeAll(refs.plainRemoved());
    Variables.check(kept, wanted);
    Variables.Changes vars = Variables.diff(current, wanted);
    String previous = env.versionLabel();
    boolean sameVersion = label.equals(previous);
    if (sameVersion && vars.isEmpty() && refs.isEmpty() && !refresh) {
      Optional<EventDescription> failedLaunch = "Green".equals(env.healthAsString()) ? Optional.empty()
          : failedLaunch(envs);
      if (failedLaunch.isEmpty()) {
        listener.step("environment", "skip", req.environment() + " already runs " + label);
        return watch.outcome(env, label, true);
      }
      // a launch that failed (roles not yet visible, say) is never skipped: its resources are rebuilt
      listener.step("environment", "update", req.environment() + ": rebuild, its launch failed (\""
          + failedLaunch.get().message() + "\")");
      if (req.dryRun()) {
        return planned(label);
      }
      events.startAfter(failedLaunch.get());
      events.clearFailure();
      envs.rebuild(req.application(), req.environment());
      return watch.await(env.environmentId(), label, deadline);
    }
    // a new secret value under the same reference reaches the containers only by a redeploy
    boolean redeploy = sameVersion && vars.isEmpty() && refs.isEmpty();
    listener.step("environment", "update", req.environment() + (sameVersion ? "" : " to " + label)
        + (redeploy ? " (redeploy " + label + " so that the instances fetch the new secret values)" : ""));
    reportVariables(vars);
    if (side.any()) {
      side.secrets().report(refs);
    }
    if (req.dryRun()) {
      return planned(label);
    }
    events.clearFailure();
    List<ConfigurationOptionSetting> settingsToSend = new ArrayList<>(vars.settings());
    settingsToSend.addAll(refs.settings());
    Environments.Started started = envs.update(req.application(), req.environment(),
        sameVersion && !redeploy ? Optional.empty() : Optional.of(label), settingsToSend,
        refs.plainRemoved(), refs.unreferenced());
    events.startAt(started.serverTime());
    DeployOutcome outcome = watch.await(started.environmentId(), label, deadline);
    if (req.rollbackOnFailure() && (outcome.status() == DeployOutcome.Status.FAILED
        || outcome.status() == DeployOutcome.Status.UNHEALTHY)) {
      return rollback(envs, events, watch, started.environmentId(), outcome, previous, current, vars,
          stored.changed(), deadline);
    }
    return outcome;
  }

  /** The newest event that ends an operation, when that operation was a launch that failed. */
  private Optional<EventDescription> failedLaunch(Environments envs) {
    for (EventDescription e : envs.recentEvents(req.application(), req.environment())) {
      String m = e.message();
      if (EventStream.isLaunchFailure(m)) {
        return Optional.of(e);
      }
      if (EventStream.isFailure(m) || m != null && (m.startsWith("Successfully launched environment")
          || m.contains("completed successfully"))) {
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the environment to the version and variable values it had before this deploy: changed
   * variables get their old values back, added ones are removed. What EB already reverted itself
   * is not sent again. Secret values this deploy wrote stay as they are, said by name
   * (docs/deploy.md, "Rollback and secrets"): writing an old credential back could lock the app
   * out of a service whose password was rotated along with it.
   */
  private DeployOutcome rollback(Environments envs, EventStream events, Watch watch, String id,
      DeployOutcome outcome, String previous, Map<String, String> before, Variables.Changes vars,
      List<String> secretsWritten, Deadline deadline) {
    if (!secretsWritten.isEmpty()) {
      listener.step("rollback", "keep", "secret " + String.join(", ", secretsWritten) + ": the value"
          + " this deploy stored stays (secrets are not rolled back; the store keeps the previous"
          + " version, see docs/deploy.md#rollback-and-secrets)");
      outcome = withNote(outcome, "secret values not rolled back: " + String.join(", ", secretsWritten));
    }
    Optional<EnvironmentDescription> ready = envs.awaitReady(req.application(), req.environment(),
        deadline, events);
    if (ready.isEmpty()) {
      return outcome;
    }
    Map<String, String> now = envs.variables(req.application(), req.environment());
    List<ConfigurationOptionSetting> restore = new ArrayList<>();
    for (String name : vars.changed()) {
      if (!before.get(name).equals(now.get(name))) {
        restore.add(Variables.setting(name, before.get(name)));
      }
    }
    List<String> remove = vars.added().stream().filter(now::containsKey).toList();
    boolean versionBack = previous == null || previous.equals(ready.get().versionLabel());
    if (versionBack && restore.isEmpty() && remove.isEmpty()) {
      listener.step("rollback", "skip", req.environment() + " already runs " + previous
          + " with its previous variables");
      return withNote(outcome, "Elastic Beanstalk already restored " + previous);
    }
    List<String> names = new ArrayList<>();
    restore.forEach(o -> names.add(o.optionName()));
    names.addAll(remove);
    listener.step("rollback", "update", req.environment() + (versionBack ? "" : " back to " + previous)
        + (names.isEmpty() ? "" : " restoring " + String.join(", ", names.stream().sorted().toList())));
    events.clearFailure();
    Environments.Started started = envs.update(req.application(), req.environment(),
        versionBack ? Optional.empty() : Optional.of(previous), restore, remove);
    events.startAt(started.serverTime());
    String back = previous == null ? ready.get().versionLabel() : previous;
    DeployOutcome after = watch.await(started.environmentId(), back, deadline);
    return withNote(outcome, "rolled back to " + back + " (now " + after.status().name().toLowerCase(
        java.util.Locale.ROOT) + ")");
  }

  private static DeployOutcome withNote(DeployOutcome o, String note) {
    return new DeployOutcome(o.status(), o.versionLabel(), o.health(), o.url(), note + "; " + o.next(),
        o.healthCauses());
  }

  private void reportVariables(Variables.Changes vars) {
    if (!vars.added().isEmpty()) {
      listener.step("variables", "create", String.join(", ", vars.added()));
    }
    if (!vars.changed().isEmpty()) {
      listener.step("variables", "update", String.join(", ", vars.changed()));
    }
  }
}
