package dev.compose2eb.fake;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Function;

/**
 * Elastic Beanstalk environments, whose operations advance one step per poll (DescribeEnvironments,
 * DescribeEvents, DescribeEnvironmentHealth or {@link FakeAws#tick()}), their option settings, and the events
 * they leave behind. Messages follow real EB (and what ebcli matches on). Like every service class here it is
 * not thread-safe on its own: {@link FakeAws} serialises calls.
 */
final class EbEnvironments {
  static final String NAMESPACE = "http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/";
  static final String ENV_NS = "aws:elasticbeanstalk:application:environment";
  static final int ENV_LIMIT_BYTES = 4096;

  /** How a scripted operation ends. */
  enum Ending {
    SUCCESS, FAILURE, STUCK,
    /** EB itself ends up terminating the environment. */
    TERMINATED,
    /** A configuration update EB rolls back on its own: the environment stays Ready and healthy. */
    REVERTED
  }

  /**
   * @param healths the health at completion, then one colour per later poll (the last one stays)
   * @param causes what DescribeEnvironmentHealth reports while the health is not Green
   * @param cause an ERROR event before a failure's closing events (empty: none)
   */
  record Outcome(Ending ending, List<String> healths, List<String> causes, String cause) {
    Outcome(Ending ending, String health) {
      this(ending, List.of(health), List.of(), "");
    }
  }

  private enum Kind { LAUNCH, UPDATE, TERMINATE, REBUILD }

  private record OptionKey(String namespace, String name) implements Comparable<OptionKey> {
    @Override
    public int compareTo(OptionKey o) {
      int c = namespace.compareTo(o.namespace);
      return c != 0 ? c : name.compareTo(o.name);
    }

    String joined() {
      return namespace + ":" + name;
    }
  }

  private record Event(
      Instant date, String severity, String message, String application, String environment,
      String versionLabel, String requestId, String platformArn) {}

  private static final class Operation {
    Kind kind;
    Outcome outcome;
    String requestId;
    int polls;
    boolean deploysVersion;
    boolean changesConfig;
    String previousVersion;
    String previousHealthStatus;
    TreeMap<OptionKey, String> previousOptions;
    /** What CloudFormation reports when the environment's stack cannot change; empty: nothing. */
    String stackFailure = "";
  }

  private static final class Env {
    String id;
    String arn;
    String name;
    String app;
    String versionLabel = "";
    Platform platform;
    String description = "";
    String cname;
    String endpointUrl = "";
    Instant created;
    Instant updated;
    String status;
    String health;
    String healthStatus;
    TreeMap<OptionKey, String> options = new TreeMap<>();
    Optional<Operation> operation = Optional.empty();
    Deque<String> laterHealth = new ArrayDeque<>();
    List<String> causes = List.of();
  }

  private final Context ctx;
  private final Function<String, Optional<String>> instanceProfileProblem;
  /** The source bundle at an S3 bucket and key, when a real S3 holds it. */
  private java.util.function.BiFunction<String, String, Optional<byte[]>> bundles =
      (bucket, key) -> Optional.empty();
  /** Whether an SSM parameter of that name exists. */
  private java.util.function.Predicate<String> parameterExists = name -> true;
  private final Map<String, BiConsumer<Params, Xml>> actions = new LinkedHashMap<>();
  private final EbApplications applications;
  private final EbPlatforms platforms;
  private final List<Env> envs = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final Deque<Outcome> scripted = new ArrayDeque<>();
  private int pollsToComplete = 3;
  private boolean launchConfigurationsAllowed;
  private long envCounter;

  EbEnvironments(Context ctx, EbApplications applications, EbPlatforms platforms,
      Function<String, Optional<String>> instanceProfileProblem) {
    this.ctx = ctx;
    this.applications = applications;
    this.platforms = platforms;
    this.instanceProfileProblem = instanceProfileProblem;
    actions.put("CreateEnvironment", this::createEnvironment);
    actions.put("DescribeEnvironments", this::describeEnvironments);
    actions.put("UpdateEnvironment", this::updateEnvironment);
    actions.put("TerminateEnvironment", this::terminateEnvironment);
    actions.put("RebuildEnvironment", this::rebuildEnvironment);
    actions.put("DescribeConfigurationSettings", this::describeConfigurationSettings);
    actions.put("DescribeEvents", this::describeEvents);
    actions.put("DescribeEnvironmentHealth", this::describeEnvironmentHealth);
  }

  Map<String, BiConsumer<Params, Xml>> actions() {
    return actions;
  }

  // ---- scripting -------------------------------------------------------------------------------

  void script(Outcome outcome) {
    scripted.add(outcome);
  }

  void pollsToComplete(int polls) {
    pollsToComplete = Math.max(1, polls);
  }

  void launchConfigurationsAllowed(boolean allowed) {
    launchConfigurationsAllowed = allowed;
  }

  Optional<EnvironmentState> environment(String name) {
    return live(name).map(this::snapshot);
  }

  /** Live environments of the application running that version, for DeleteApplicationVersion. */
  List<String> usersOf(String app, String label) {
    return envs.stream()
        .filter(e -> !e.status.equals("Terminated") && e.app.equals(app) && e.versionLabel.equals(label))
        .map(e -> e.name)
        .toList();
  }

  /** Messages of all events so far, oldest first. */
  List<String> eventMessages() {
    return events.stream().map(Event::message).toList();
  }

  /** One poll's worth of progress for every operation in flight. */
  void tick() {
    for (Env env : envs) {
      if (env.operation.isPresent()) {
        advance(env, env.operation.get());
      } else if (!env.laterHealth.isEmpty() && env.status.equals("Ready")) {
        setHealth(env, env.healthStatus, env.laterHealth.poll(), ctx.requestId());
      }
    }
  }

  // ---- environments ---------------------------------------------------------------------------------

  private Optional<Env> live(String name) {
    return envs.stream().filter(e -> e.name.equals(name) && !e.status.equals("Terminated")).findFirst();
  }

  /** Where the stack's resources read their bundles and dynamic references from. */
  void stackInputs(java.util.function.BiFunction<String, String, Optional<byte[]>> bundles,
      java.util.function.Predicate<String> parameterExists) {
    this.bundles = bundles;
    this.parameterExists = parameterExists;
  }

  private static final java.util.regex.Pattern SSM_SECURE =
      java.util.regex.Pattern.compile("\\{\\{resolve:ssm-secure:([A-Za-z0-9_./-]+)(?::\\d+)?}}");

  /**
   * CloudFormation resolves the {@code ssm-secure} dynamic references of the version's
   * .ebextensions Resources when the environment's stack is created or updated, and fails the
   * operation when a parameter does not exist.
   */
  private String unresolvable(String app, String label) {
    Optional<VersionState> v = applications.versions(app).stream()
        .filter(s -> s.label().equals(label)).findFirst();
    Optional<byte[]> zip = v.flatMap(s -> bundles.apply(s.bucket(), s.key()));
    if (zip.isEmpty()) {
      return "";
    }
    java.util.Set<String> missing = new java.util.TreeSet<>();
    try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(
        new java.io.ByteArrayInputStream(zip.get()))) {
      for (java.util.zip.ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().startsWith(".ebextensions/") && e.getName().endsWith(".config")) {
          java.util.regex.Matcher m = SSM_SECURE.matcher(
              new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
          while (m.find()) {
            if (!parameterExists.test(m.group(1))) {
              missing.add("ssm-secure:" + m.group(1));
            }
          }
        }
      }
    } catch (java.io.IOException e) {
      return "";
    }
    return missing.isEmpty() ? "" : "Service:AmazonCloudFormation, Message:Parameters: "
        + missing + " cannot be found.";
  }

  private void requireVersion(String app, String label) {
    if (!applications.versionExists(app, label)) {
      throw AwsError.invalidParameter("No Application Version named '" + label + "' found.");
    }
  }

  private Env requireLive(Params p) {
    Optional<String> id = p.optional("EnvironmentId");
    if (id.isPresent()) {
      return envs.stream().filter(e -> e.id.equals(id.get()) && !e.status.equals("Terminated")).findFirst()
          .orElseThrow(() -> AwsError.invalidParameter(
              "No Environment found for EnvironmentId = '" + id.get() + "'."));
    }
    String name = p.required("EnvironmentName");
    return live(name).orElseThrow(() -> AwsError.invalidParameter(
        "No Environment found for EnvironmentName = '" + name + "'."));
  }

  private void createEnvironment(Params p, Xml x) {
    String appName = p.required("ApplicationName");
    String name = p.required("EnvironmentName");
    applications.requireApp(appName);
    if (live(name).isPresent()) {
      throw AwsError.invalidParameter("Environment " + name + " already exists.");
    }
    Optional<String> label = p.optional("VersionLabel");
    label.ifPresent(l -> requireVersion(appName, l));
    Platform platform = platforms.resolve(p);
    TreeMap<OptionKey, String> options = defaultOptions();
    applyOptions(options, p);
    if ("SingleInstance".equals(options.get(new OptionKey("aws:elasticbeanstalk:environment", "EnvironmentType")))) {
      options.remove(new OptionKey("aws:elasticbeanstalk:environment", "LoadBalancerType"));
    }
    String profile = options.getOrDefault(new OptionKey("aws:autoscaling:launchconfiguration",
        "IamInstanceProfile"), "");
    if (profile.isEmpty()) {
      throw AwsError.invalidParameter("Environment must have instance profile associated with it.");
    }
    Optional<String> problem = instanceProfileProblem.apply(profile);
    if (problem.isPresent()) {
      throw AwsError.invalidParameter(problem.get());
    }
    String prefix = p.optional("CNAMEPrefix").orElse(name);
    if (envs.stream().anyMatch(e -> !e.status.equals("Terminated") && e.cname.startsWith(prefix + "."))) {
      throw AwsError.invalidParameter("DNS name (" + prefix + "." + ctx.region()
          + ".elasticbeanstalk.com) is not available.");
    }
    Env env = new Env();
    env.id = Context.id("e-", ++envCounter, 10, false);
    env.name = name;
    env.app = appName;
    env.arn = "arn:aws:elasticbeanstalk:" + ctx.region() + ":" + ctx.account() + ":environment/"
        + appName + "/" + name;
    env.versionLabel = label.orElse("");
    env.platform = platform;
    env.description = p.optional("Description").orElse("");
    env.cname = prefix + "." + ctx.region() + ".elasticbeanstalk.com";
    env.created = ctx.now();
    env.updated = env.created;
    env.status = "Launching";
    env.health = "Grey";
    env.healthStatus = "Pending";
    env.options = options;
    Operation op = start(Kind.LAUNCH);
    op.deploysVersion = label.isPresent();
    op.stackFailure = label.map(l -> unresolvable(appName, l)).orElse("");
    boolean imdsOff = "true".equalsIgnoreCase(options.getOrDefault(
        new OptionKey("aws:autoscaling:launchconfiguration", "DisableIMDSv1"), ""));
    if (!launchConfigurationsAllowed && !imdsOff) {
      op.stackFailure = "Creating Auto Scaling launch configuration failed Reason: Resource handler returned"
          + " message: \"The Launch Configuration creation operation is not available in your account."
          + " Use launch templates to create configuration templates for your Auto Scaling groups.\"";
    }
    env.operation = Optional.of(op);
    envs.add(env);
    ctx.changed();
    event(env, "INFO", "createEnvironment is starting.");
    environment(x, env);
  }

  private static TreeMap<OptionKey, String> defaultOptions() {
    TreeMap<OptionKey, String> o = new TreeMap<>();
    o.put(new OptionKey("aws:autoscaling:launchconfiguration", "InstanceType"), "t3.micro");
    o.put(new OptionKey("aws:elasticbeanstalk:command", "DeploymentPolicy"), "AllAtOnce");
    o.put(new OptionKey("aws:elasticbeanstalk:environment", "EnvironmentType"), "LoadBalanced");
    // the API default; only the console and eb create choose application
    o.put(new OptionKey("aws:elasticbeanstalk:environment", "LoadBalancerType"), "classic");
    o.put(new OptionKey("aws:elasticbeanstalk:healthreporting:system", "SystemType"), "basic");
    return o;
  }

  /** OptionSettings then OptionsToRemove; an empty environment property value removes the property. */
  private static boolean applyOptions(TreeMap<OptionKey, String> options, Params p) {
    TreeMap<OptionKey, String> before = new TreeMap<>(options);
    for (Params s : p.structs("OptionSettings.member")) {
      OptionKey key = new OptionKey(s.required("Namespace"), s.required("OptionName"));
      String value = s.optional("Value").orElse("");
      if (value.isEmpty() && key.namespace().equals(ENV_NS)) {
        options.remove(key);
      } else {
        options.put(key, value);
      }
    }
    for (Params s : p.structs("OptionsToRemove.member")) {
      options.remove(new OptionKey(s.required("Namespace"), s.required("OptionName")));
    }
    return !before.equals(options);
  }

  private void updateEnvironment(Params p, Xml x) {
    Env env = requireLive(p);
    if (!env.status.equals("Ready")) {
      throw AwsError.invalidParameter("Environment named " + env.name
          + " is in an invalid state for this operation. Must be Ready.");
    }
    Optional<String> label = p.optional("VersionLabel");
    label.ifPresent(l -> requireVersion(env.app, l));
    Operation op = start(Kind.UPDATE);
    op.stackFailure = label.map(l -> unresolvable(env.app, l)).orElse("");
    op.previousVersion = env.versionLabel;
    op.previousHealthStatus = env.healthStatus;
    op.previousOptions = new TreeMap<>(env.options);
    op.changesConfig = applyOptions(env.options, p);
    op.deploysVersion = label.isPresent();
    label.ifPresent(l -> env.versionLabel = l);
    p.optional("Description").ifPresent(d -> env.description = d);
    env.status = "Updating";
    env.healthStatus = "Info";
    env.updated = ctx.now();
    env.operation = Optional.of(op);
    ctx.changed();
    event(env, "INFO", "Environment update is starting.");
    environment(x, env);
  }

  private void terminateEnvironment(Params p, Xml x) {
    Env env = requireLive(p);
    if (!env.status.equals("Ready")) {
      throw AwsError.invalidParameter("Environment named " + env.name
          + " is in an invalid state for this operation. Must be Ready.");
    }
    Operation op = start(Kind.TERMINATE);
    op.outcome = new Outcome(Ending.SUCCESS, "Grey");
    env.status = "Terminating";
    env.operation = Optional.of(op);
    ctx.changed();
    event(env, "INFO", "terminateEnvironment is starting.");
    environment(x, env);
  }

  /** Deletes and recreates the environment's resources; ends like a launch. */
  private void rebuildEnvironment(Params p, Xml x) {
    Env env = requireLive(p);
    if (!env.status.equals("Ready")) {
      throw AwsError.invalidParameter("Environment named " + env.name
          + " is in an invalid state for this operation. Must be Ready.");
    }
    Operation op = start(Kind.REBUILD);
    op.deploysVersion = !env.versionLabel.isEmpty();
    op.previousHealthStatus = env.healthStatus;
    env.status = "Launching";
    env.health = "Grey";
    env.laterHealth.clear();
    env.updated = ctx.now();
    env.operation = Optional.of(op);
    ctx.changed();
    event(env, "INFO", "rebuildEnvironment is starting.");
  }

  private Operation start(Kind kind) {
    Operation op = new Operation();
    op.kind = kind;
    op.requestId = ctx.requestId();
    op.outcome = scripted.isEmpty() ? new Outcome(Ending.SUCCESS, "Green") : scripted.poll();
    op.previousHealthStatus = "Pending";
    return op;
  }

  private void advance(Env env, Operation op) {
    op.polls++;
    if (op.polls == 1) {
      progress(env, op);
    }
    if (op.outcome.ending() == Ending.STUCK || op.polls < pollsToComplete) {
      return;
    }
    env.operation = Optional.empty();
    env.updated = ctx.now();
    env.laterHealth.clear();
    env.causes = op.outcome.causes();
    if (op.outcome.ending() == Ending.TERMINATED && op.kind != Kind.TERMINATE) {
      if (!op.outcome.cause().isEmpty()) {
        event(env, "ERROR", op.outcome.cause(), op.requestId);
      }
      event(env, "INFO", "terminateEnvironment is starting.", op.requestId);
      op.kind = Kind.TERMINATE;
    }
    if (op.kind == Kind.TERMINATE) {
      env.status = "Terminated";
      env.health = "Grey";
      env.healthStatus = "Suspended";
      event(env, "INFO", "terminateEnvironment completed successfully.", op.requestId);
      return;
    }
    env.status = "Ready";
    env.endpointUrl = "awseb-" + env.id + "-stack-awsebloa-" + env.id.substring(2) + "."
        + ctx.region() + ".elb.amazonaws.com";
    String variablesFailure = variablesBytes(env) > ENV_LIMIT_BYTES
        ? "Service:AmazonCloudFormation, Message:Template format error: Parameter 'EnvironmentVariables'"
            + " default value '[****]' length is greater than 4096."
        : "";
    if (!op.stackFailure.isEmpty() || !variablesFailure.isEmpty() || op.outcome.ending() == Ending.FAILURE) {
      fail(env, op, !op.stackFailure.isEmpty() ? op.stackFailure
          : !variablesFailure.isEmpty() ? variablesFailure : op.outcome.cause());
      return;
    }
    if (op.outcome.ending() == Ending.REVERTED && op.kind == Kind.UPDATE) {
      // EB's own rollback of a configuration change: no "with errors" event, health unchanged
      event(env, "ERROR", "Failed to deploy configuration.", op.requestId);
      env.options = op.previousOptions;
      env.versionLabel = op.previousVersion;
      event(env, "INFO", "The environment was reverted to the previous configuration setting.", op.requestId);
      env.healthStatus = op.previousHealthStatus;
      return;
    }
    if (op.kind == Kind.LAUNCH) {
      event(env, "INFO", "Successfully launched environment: " + env.name, op.requestId);
    } else if (op.kind == Kind.REBUILD) {
      event(env, "INFO", "rebuildEnvironment completed successfully.", op.requestId);
    } else {
      event(env, "INFO", op.deploysVersion
          ? "New application version was deployed to running EC2 instances."
          : "Successfully deployed new configuration to environment.", op.requestId);
      event(env, "INFO", "Environment update completed successfully.", op.requestId);
    }
    List<String> healths = op.outcome.healths();
    setHealth(env, op.previousHealthStatus, healths.get(0), op.requestId);
    env.laterHealth.addAll(healths.subList(1, healths.size()));
  }

  private void progress(Env env, Operation op) {
    if (op.kind == Kind.LAUNCH) {
      event(env, "INFO", "Using " + applications.bucket() + " as Amazon S3 storage bucket for environment data.",
          op.requestId);
    } else if (op.kind == Kind.UPDATE) {
      if (op.changesConfig) {
        event(env, "INFO", "Updating environment " + env.name + "'s configuration settings.", op.requestId);
      }
      if (op.deploysVersion) {
        event(env, "INFO", "Deploying new version to instance(s).", op.requestId);
      }
    }
  }

  private void fail(Env env, Operation op, String cause) {
    if (!cause.isEmpty()) {
      event(env, "ERROR", cause, op.requestId);
    }
    if (op.kind == Kind.LAUNCH || op.kind == Kind.REBUILD) {
      event(env, "ERROR", "Failed to launch environment.", op.requestId);
      event(env, "ERROR", "Create environment operation is complete, but with errors. For more information,"
          + " see troubleshooting documentation.", op.requestId);
      env.health = "Grey";
      env.healthStatus = "Unknown";
      return;
    }
    event(env, "ERROR", op.deploysVersion ? "Failed to deploy application." : "Failed to deploy configuration.",
        op.requestId);
    if (op.changesConfig) {
      env.options = op.previousOptions;
      event(env, "INFO", "The environment was reverted to the previous configuration setting.", op.requestId);
    }
    env.versionLabel = op.previousVersion;
    event(env, "ERROR", "Update environment operation is complete, but with errors. For more information,"
        + " see troubleshooting documentation.", op.requestId);
    setHealth(env, op.previousHealthStatus, "Red", op.requestId);
  }

  /** Sets the health; the event names the status from before (for an operation: from before it). */
  private void setHealth(Env env, String previousStatus, String color, String requestId) {
    String status = switch (color) {
      case "Green" -> "Ok";
      case "Yellow" -> "Warning";
      case "Red" -> "Severe";
      default -> "Unknown";
    };
    if (!status.equals(previousStatus)) {
      event(env, color.equals("Green") ? "INFO" : "WARN", "Environment health has transitioned from "
          + previousStatus + " to " + status + ".", requestId);
    }
    env.health = color;
    env.healthStatus = status;
  }

  private static int variablesBytes(Env env) {
    return env.options.entrySet().stream()
        .filter(e -> e.getKey().namespace().equals(ENV_NS))
        .mapToInt(e -> (e.getKey().name() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8).length)
        .sum();
  }

  private void describeEnvironments(Params p, Xml x) {
    tick();
    Optional<String> app = p.optional("ApplicationName");
    Optional<String> label = p.optional("VersionLabel");
    List<String> names = p.list("EnvironmentNames.member");
    List<String> ids = p.list("EnvironmentIds.member");
    boolean includeDeleted = p.optional("IncludeDeleted").map(Boolean::parseBoolean).orElse(true);
    List<Env> found = envs.stream()
        .filter(e -> app.map(e.app::equals).orElse(true))
        .filter(e -> label.map(e.versionLabel::equals).orElse(true))
        .filter(e -> names.isEmpty() || names.contains(e.name))
        .filter(e -> ids.isEmpty() || ids.contains(e.id))
        .filter(e -> includeDeleted || !e.status.equals("Terminated"))
        .toList();
    x.members("Environments", found, this::environment);
  }

  private void environment(Xml x, Env e) {
    x.text("EnvironmentName", e.name).text("EnvironmentId", e.id).text("ApplicationName", e.app);
    if (!e.versionLabel.isEmpty()) {
      x.text("VersionLabel", e.versionLabel);
    }
    x.text("SolutionStackName", e.platform.solutionStack()).text("PlatformArn", e.platform.arn(ctx.region()));
    if (!e.description.isEmpty()) {
      x.text("Description", e.description);
    }
    if (!e.endpointUrl.isEmpty()) {
      x.text("EndpointURL", e.endpointUrl);
    }
    x.text("CNAME", e.cname)
        .text("DateCreated", e.created)
        .text("DateUpdated", e.updated)
        .text("Status", e.status)
        .text("AbortableOperationInProgress", e.status.equals("Updating"))
        .text("Health", e.health)
        .text("HealthStatus", e.healthStatus)
        .start("Tier").text("Name", "WebServer").text("Type", "Standard").text("Version", "1.0").end("Tier")
        .strings("EnvironmentLinks", List.of())
        .text("EnvironmentArn", e.arn);
  }

  private void describeConfigurationSettings(Params p, Xml x) {
    String app = p.required("ApplicationName");
    applications.requireApp(app);
    Env env = requireLive(p);
    x.start("ConfigurationSettings").start("member")
        .text("SolutionStackName", env.platform.solutionStack())
        .text("PlatformArn", env.platform.arn(ctx.region()))
        .text("ApplicationName", env.app)
        .text("EnvironmentName", env.name)
        .text("DeploymentStatus", "deployed")
        .text("DateCreated", env.created)
        .text("DateUpdated", env.updated)
        .members("OptionSettings", env.options.entrySet(), (xml, o) -> xml
            .text("ResourceName", "")
            .text("Namespace", o.getKey().namespace())
            .text("OptionName", o.getKey().name())
            .text("Value", o.getValue()))
        .end("member").end("ConfigurationSettings");
  }

  private void describeEvents(Params p, Xml x) {
    tick();
    List<String> order = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    int minSeverity = order.indexOf(p.optional("Severity").orElse("TRACE"));
    Optional<Instant> startTime = p.optional("StartTime").map(Instant::parse);
    Optional<Instant> endTime = p.optional("EndTime").map(Instant::parse);
    List<Event> found = events.stream()
        .filter(e -> p.optional("ApplicationName").map(e.application()::equals).orElse(true))
        .filter(e -> p.optional("EnvironmentName").map(e.environment()::equals).orElse(true))
        .filter(e -> p.optional("EnvironmentId").map(id -> envs.stream()
            .anyMatch(env -> env.id.equals(id) && env.name.equals(e.environment()))).orElse(true))
        .filter(e -> p.optional("VersionLabel").map(e.versionLabel()::equals).orElse(true))
        .filter(e -> p.optional("RequestId").map(e.requestId()::equals).orElse(true))
        .filter(e -> order.indexOf(e.severity()) >= minSeverity)
        .filter(e -> startTime.map(t -> !e.date().isBefore(t)).orElse(true))
        .filter(e -> endTime.map(t -> e.date().isBefore(t)).orElse(true))
        .sorted(Comparator.comparing(Event::date).reversed())
        .toList();
    x.members("Events", p.page(found), (xml, e) -> {
      xml.text("EventDate", e.date()).text("Message", e.message()).text("ApplicationName", e.application());
      if (!e.versionLabel().isEmpty()) {
        xml.text("VersionLabel", e.versionLabel());
      }
      xml.text("EnvironmentName", e.environment())
          .text("PlatformArn", e.platformArn())
          .text("RequestId", e.requestId())
          .text("Severity", e.severity());
    });
    p.nextToken(x, found);
  }

  private void describeEnvironmentHealth(Params p, Xml x) {
    tick();
    Env env = requireLive(p);
    x.text("EnvironmentName", env.name)
        .text("HealthStatus", env.healthStatus)
        .text("Status", env.status)
        .text("Color", env.health)
        .strings("Causes", env.health.equals("Green") || env.health.equals("Grey") ? List.of()
            : !env.causes.isEmpty() ? env.causes
            : env.health.equals("Red")
                ? List.of("Command failed on all instances.", "ELB health is failing or not available for all instances.")
                : List.of("Impaired services on all instances."))
        .text("RefreshedAt", ctx.now());
  }

  private void event(Env env, String severity, String message) {
    event(env, severity, message, ctx.requestId());
  }

  private void event(Env env, String severity, String message, String requestId) {
    events.add(new Event(ctx.now(), severity, message, env.app, env.name, env.versionLabel, requestId,
        env.platform.arn(ctx.region())));
  }

  private EnvironmentState snapshot(Env e) {
    Map<String, String> options = new LinkedHashMap<>();
    Map<String, String> variables = new LinkedHashMap<>();
    e.options.forEach((k, v) -> {
      options.put(k.joined(), v);
      if (k.namespace().equals(ENV_NS)) {
        variables.put(k.name(), v);
      }
    });
    return new EnvironmentState(e.name, e.id, e.app, e.status, e.health, e.healthStatus, e.versionLabel,
        e.platform.arn(ctx.region()), e.cname, options, variables);
  }
}
