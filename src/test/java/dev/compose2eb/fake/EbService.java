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
import java.util.function.Predicate;

/**
 * Elastic Beanstalk (query protocol, API 2010-12-01): applications, versions, environments whose operations
 * advance one step per poll (DescribeEnvironments, DescribeEvents, DescribeEnvironmentHealth or
 * {@link FakeAws#tick()}), and the events they leave behind. Messages follow real EB (and what ebcli
 * matches on); not thread-safe on its own: {@link FakeAws} serialises calls.
 */
final class EbService {
  static final String NAMESPACE = "http://elasticbeanstalk.amazonaws.com/docs/2010-12-01/";
  static final String ENV_NS = "aws:elasticbeanstalk:application:environment";
  static final int ENV_LIMIT_BYTES = 4096;

  /** How a scripted operation ends. */
  enum Ending { SUCCESS, FAILURE, STUCK }

  record Outcome(Ending ending, String health) {}

  private enum Kind { LAUNCH, UPDATE, TERMINATE }

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

  private static final class App {
    final String name;
    final String description;
    final Instant created;

    App(String name, String description, Instant created) {
      this.name = name;
      this.description = description;
      this.created = created;
    }
  }

  private static final class Version {
    final String app;
    final String label;
    final String description;
    final String bucket;
    final String key;
    final Instant created;
    String status;
    int pollsLeft;
    boolean failProcessing;

    Version(String app, String label, String description, String bucket, String key, Instant created) {
      this.app = app;
      this.label = label;
      this.description = description;
      this.bucket = bucket;
      this.key = key;
      this.created = created;
    }
  }

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
    String launchFailure = "";
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
  }

  private final Context ctx;
  private final Predicate<String> instanceProfileExists;
  private final Map<String, BiConsumer<Params, Xml>> actions = new LinkedHashMap<>();
  private final Map<String, App> apps = new LinkedHashMap<>();
  private final List<Version> versions = new ArrayList<>();
  private final List<Env> envs = new ArrayList<>();
  private final List<Event> events = new ArrayList<>();
  private final Deque<Outcome> scripted = new ArrayDeque<>();
  private List<Platform> platforms = Platform.defaults();
  private boolean storageCreated;
  private int pollsToComplete = 3;
  private int pollsToProcess = 2;
  private int maxVersions = 1000;
  private int failNextProcessing;
  private boolean launchConfigurationsAllowed;
  private long envCounter;

  EbService(Context ctx, Predicate<String> instanceProfileExists) {
    this.ctx = ctx;
    this.instanceProfileExists = instanceProfileExists;
    actions.put("CreateStorageLocation", this::createStorageLocation);
    actions.put("CreateApplication", this::createApplication);
    actions.put("DescribeApplications", this::describeApplications);
    actions.put("CreateApplicationVersion", this::createApplicationVersion);
    actions.put("DescribeApplicationVersions", this::describeApplicationVersions);
    actions.put("DeleteApplicationVersion", this::deleteApplicationVersion);
    actions.put("ListPlatformVersions", this::listPlatformVersions);
    actions.put("CreateEnvironment", this::createEnvironment);
    actions.put("DescribeEnvironments", this::describeEnvironments);
    actions.put("UpdateEnvironment", this::updateEnvironment);
    actions.put("TerminateEnvironment", this::terminateEnvironment);
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

  void pollsToProcess(int polls) {
    pollsToProcess = Math.max(1, polls);
  }

  void maxVersions(int max) {
    maxVersions = max;
  }

  void failNextProcessing() {
    failNextProcessing++;
  }

  void launchConfigurationsAllowed(boolean allowed) {
    launchConfigurationsAllowed = allowed;
  }

  void platforms(List<Platform> platforms) {
    this.platforms = List.copyOf(platforms);
  }

  String bucket() {
    return "elasticbeanstalk-" + ctx.region() + "-" + ctx.account();
  }

  Optional<EnvironmentState> environment(String name) {
    return live(name).map(this::snapshot);
  }

  List<VersionState> versions(String app) {
    return versions.stream()
        .filter(v -> v.app.equals(app))
        .map(v -> new VersionState(v.app, v.label, v.bucket, v.key, v.description, v.status))
        .toList();
  }

  List<String> applications() {
    return List.copyOf(apps.keySet());
  }

  /** Messages of all events so far, oldest first. */
  List<String> eventMessages() {
    return events.stream().map(Event::message).toList();
  }

  /** One poll's worth of progress for every operation in flight. */
  void tick() {
    for (Env env : envs) {
      env.operation.ifPresent(op -> advance(env, op));
    }
  }

  // ---- storage, applications, versions ------------------------------------------------------------

  private void createStorageLocation(Params p, Xml x) {
    if (!storageCreated) {
      storageCreated = true;
      ctx.changed();
    }
    x.text("S3Bucket", bucket());
  }

  private void createApplication(Params p, Xml x) {
    String name = p.required("ApplicationName");
    if (apps.containsKey(name)) {
      throw AwsError.invalidParameter("Application " + name + " already exists.");
    }
    App app = addApp(name, p.optional("Description").orElse(""));
    x.start("Application");
    application(x, app);
    x.end("Application");
  }

  private App addApp(String name, String description) {
    App app = new App(name, description, ctx.now());
    apps.put(name, app);
    ctx.changed();
    return app;
  }

  private void describeApplications(Params p, Xml x) {
    List<String> names = p.list("ApplicationNames.member");
    List<App> found = apps.values().stream().filter(a -> names.isEmpty() || names.contains(a.name)).toList();
    x.members("Applications", found, this::application);
  }

  private void application(Xml x, App app) {
    x.text("ApplicationArn", "arn:aws:elasticbeanstalk:" + ctx.region() + ":" + ctx.account()
            + ":application/" + app.name)
        .text("ApplicationName", app.name);
    if (!app.description.isEmpty()) {
      x.text("Description", app.description);
    }
    x.text("DateCreated", app.created).text("DateUpdated", app.created);
    x.strings("Versions", versions.stream().filter(v -> v.app.equals(app.name)).map(v -> v.label).toList());
    x.strings("ConfigurationTemplates", List.of());
  }

  private App requireApp(String name) {
    App app = apps.get(name);
    if (app == null) {
      throw AwsError.invalidParameter("No Application named '" + name + "' found.");
    }
    return app;
  }

  private void createApplicationVersion(Params p, Xml x) {
    String appName = p.required("ApplicationName");
    String label = p.required("VersionLabel");
    if (!apps.containsKey(appName) && p.flag("AutoCreateApplication")) {
      addApp(appName, "");
    }
    requireApp(appName);
    if (findVersion(appName, label).isPresent()) {
      throw AwsError.invalidParameter("Application Version " + label + " already exists.");
    }
    if (versions.size() >= maxVersions) {
      throw AwsError.sender("TooManyApplicationVersionsException",
          "You cannot have more than " + maxVersions + " Application Versions.");
    }
    Version v = new Version(appName, label, p.optional("Description").orElse(""),
        p.required("SourceBundle.S3Bucket"), p.required("SourceBundle.S3Key"), ctx.now());
    if (p.flag("Process")) {
      v.status = "Processing";
      v.pollsLeft = pollsToProcess;
      v.failProcessing = failNextProcessing > 0;
      failNextProcessing = Math.max(0, failNextProcessing - 1);
    } else {
      v.status = "Unprocessed";
    }
    versions.add(0, v);
    ctx.changed();
    x.start("ApplicationVersion");
    version(x, v);
    x.end("ApplicationVersion");
  }

  private Optional<Version> findVersion(String app, String label) {
    return versions.stream().filter(v -> v.app.equals(app) && v.label.equals(label)).findFirst();
  }

  private void describeApplicationVersions(Params p, Xml x) {
    for (Version v : versions) {
      if (v.status.equals("Processing") && --v.pollsLeft <= 0) {
        v.status = v.failProcessing ? "Failed" : "Processed";
      }
    }
    Optional<String> app = p.optional("ApplicationName");
    List<String> labels = p.list("VersionLabels.member");
    List<Version> found = versions.stream()
        .filter(v -> app.map(v.app::equals).orElse(true))
        .filter(v -> labels.isEmpty() || labels.contains(v.label))
        .toList();
    x.members("ApplicationVersions", page(found, p), this::version);
    nextToken(x, found, p);
  }

  private void version(Xml x, Version v) {
    x.text("ApplicationVersionArn", "arn:aws:elasticbeanstalk:" + ctx.region() + ":" + ctx.account()
            + ":applicationversion/" + v.app + "/" + v.label)
        .text("ApplicationName", v.app);
    if (!v.description.isEmpty()) {
      x.text("Description", v.description);
    }
    x.text("VersionLabel", v.label)
        .start("SourceBundle").text("S3Bucket", v.bucket).text("S3Key", v.key).end("SourceBundle")
        .text("DateCreated", v.created).text("DateUpdated", v.created)
        .text("Status", v.status);
  }

  private void deleteApplicationVersion(Params p, Xml x) {
    String app = p.required("ApplicationName");
    String label = p.required("VersionLabel");
    requireApp(app);
    Version v = findVersion(app, label).orElseThrow(() -> AwsError.invalidParameter(
        "Unable to delete application version " + label + " because it does not exist."));
    List<String> users = envs.stream()
        .filter(e -> !e.status.equals("Terminated") && e.app.equals(app) && e.versionLabel.equals(label))
        .map(e -> e.name).toList();
    if (!users.isEmpty()) {
      throw AwsError.invalidParameter("Unable to delete application version " + label
          + " because it is being used by environment(s) " + String.join(", ", users) + ".");
    }
    versions.remove(v);
    ctx.changed();
  }

  // ---- platforms ------------------------------------------------------------------------------------

  private void listPlatformVersions(Params p, Xml x) {
    List<Platform> found = new ArrayList<>(platforms);
    for (Params filter : p.structs("Filters.member")) {
      String type = filter.required("Type");
      String op = filter.optional("Operator").orElse("=");
      List<String> values = filter.list("Values.member");
      found.removeIf(pl -> !matches(field(pl, type), op, values));
    }
    x.members("PlatformSummaryList", found, this::platformSummary);
  }

  private String field(Platform pl, String type) {
    return switch (type) {
      case "PlatformName", "PlatformBranchName" -> pl.branch();
      case "PlatformVersion" -> pl.version();
      case "PlatformStatus" -> "Ready";
      case "PlatformOwner" -> "AWSElasticBeanstalk";
      case "PlatformLifecycleState" -> pl.recommended() ? "recommended" : "";
      case "OperatingSystemName" -> "Amazon Linux";
      case "SupportedTier" -> "WebServer/Standard";
      default -> throw AwsError.invalidParameter("Invalid filter type: " + type);
    };
  }

  private static boolean matches(String actual, String op, List<String> values) {
    return values.stream().anyMatch(v -> switch (op) {
      case "=" -> actual.equals(v);
      case "!=" -> !actual.equals(v);
      case "contains" -> actual.contains(v);
      case "begins_with" -> actual.startsWith(v);
      case "ends_with" -> actual.endsWith(v);
      case "<" -> compareVersions(actual, v) < 0;
      case "<=" -> compareVersions(actual, v) <= 0;
      case ">" -> compareVersions(actual, v) > 0;
      case ">=" -> compareVersions(actual, v) >= 0;
      default -> throw AwsError.invalidParameter("Invalid filter operator: " + op);
    });
  }

  /** Dotted numeric order (4.10.0 after 4.9.1). */
  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Long.compare(i < x.length ? number(x[i]) : 0, i < y.length ? number(y[i]) : 0);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static long number(String s) {
    return s.chars().allMatch(Character::isDigit) && !s.isEmpty() ? Long.parseLong(s) : 0;
  }

  private void platformSummary(Xml x, Platform pl) {
    x.text("PlatformArn", pl.arn(ctx.region()))
        .text("PlatformOwner", "AWSElasticBeanstalk")
        .text("PlatformStatus", "Ready")
        .text("PlatformCategory", pl.branch().split(" running ")[0])
        .text("OperatingSystemName", "Amazon Linux")
        .text("OperatingSystemVersion", pl.branch().endsWith("2023") ? "2023" : "2")
        .strings("SupportedTierList", List.of("WebServer/Standard", "Worker/SQS/HTTP"))
        .strings("SupportedAddonList", List.of("Log/S3", "Monitoring/Healthd", "WorkerDaemon/SQSD"));
    if (pl.recommended()) {
      x.text("PlatformLifecycleState", "recommended");
    }
    x.text("PlatformVersion", pl.version())
        .text("PlatformBranchName", pl.branch())
        .text("PlatformBranchLifecycleState", "Supported");
  }

  // ---- environments ---------------------------------------------------------------------------------

  private Optional<Env> live(String name) {
    return envs.stream().filter(e -> e.name.equals(name) && !e.status.equals("Terminated")).findFirst();
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
    requireApp(appName);
    if (live(name).isPresent()) {
      throw AwsError.invalidParameter("Environment " + name + " already exists.");
    }
    Optional<String> label = p.optional("VersionLabel");
    label.ifPresent(l -> findVersion(appName, l).orElseThrow(() -> AwsError.invalidParameter(
        "No Application Version named '" + l + "' found.")));
    Platform platform = resolvePlatform(p);
    TreeMap<OptionKey, String> options = defaultOptions();
    applyOptions(options, p);
    String profile = options.getOrDefault(new OptionKey("aws:autoscaling:launchconfiguration",
        "IamInstanceProfile"), "");
    if (profile.isEmpty()) {
      throw AwsError.invalidParameter("Environment must have instance profile associated with it.");
    }
    if (!instanceProfileExists.test(profile)) {
      throw AwsError.invalidParameter("Invalid IamInstanceProfile: " + profile);
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
    boolean imdsOff = "true".equalsIgnoreCase(options.getOrDefault(
        new OptionKey("aws:autoscaling:launchconfiguration", "DisableIMDSv1"), ""));
    if (!launchConfigurationsAllowed && !imdsOff) {
      op.launchFailure = "Creating Auto Scaling launch configuration failed Reason: Resource handler returned"
          + " message: \"The Launch Configuration creation operation is not available in your account."
          + " Use launch templates to create configuration templates for your Auto Scaling groups.\"";
    }
    env.operation = Optional.of(op);
    envs.add(env);
    ctx.changed();
    event(env, "INFO", "createEnvironment is starting.");
    environment(x, env);
  }

  private Platform resolvePlatform(Params p) {
    Optional<String> arn = p.optional("PlatformArn");
    if (arn.isPresent()) {
      return platforms.stream().filter(pl -> pl.arn(ctx.region()).equals(arn.get())).findFirst()
          .orElseThrow(() -> AwsError.invalidParameter("No Platform named '" + arn.get() + "' found."));
    }
    Optional<String> stack = p.optional("SolutionStackName");
    if (stack.isPresent()) {
      return platforms.stream().filter(pl -> pl.solutionStack().equals(stack.get())).findFirst()
          .orElseThrow(() -> AwsError.invalidParameter("No Solution Stack named '" + stack.get() + "' found."));
    }
    throw AwsError.sender("InvalidParameterCombination",
        "You must specify a platform ARN, a solution stack name or a configuration template.");
  }

  private static TreeMap<OptionKey, String> defaultOptions() {
    TreeMap<OptionKey, String> o = new TreeMap<>();
    o.put(new OptionKey("aws:autoscaling:launchconfiguration", "InstanceType"), "t3.micro");
    o.put(new OptionKey("aws:elasticbeanstalk:command", "DeploymentPolicy"), "AllAtOnce");
    o.put(new OptionKey("aws:elasticbeanstalk:environment", "EnvironmentType"), "LoadBalanced");
    o.put(new OptionKey("aws:elasticbeanstalk:environment", "LoadBalancerType"), "application");
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
    label.ifPresent(l -> findVersion(env.app, l).orElseThrow(() -> AwsError.invalidParameter(
        "No Application Version named '" + l + "' found.")));
    Operation op = start(Kind.UPDATE);
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
    if (!op.launchFailure.isEmpty() || !variablesFailure.isEmpty() || op.outcome.ending() == Ending.FAILURE) {
      fail(env, op, op.launchFailure.isEmpty() ? variablesFailure : op.launchFailure);
      return;
    }
    if (op.kind == Kind.LAUNCH) {
      event(env, "INFO", "Successfully launched environment: " + env.name, op.requestId);
    } else {
      event(env, "INFO", op.deploysVersion
          ? "New application version was deployed to running EC2 instances."
          : "Successfully deployed new configuration to environment.", op.requestId);
      event(env, "INFO", "Environment update completed successfully.", op.requestId);
    }
    setHealth(env, op, op.outcome.health());
  }

  private void progress(Env env, Operation op) {
    if (op.kind == Kind.LAUNCH) {
      event(env, "INFO", "Using " + bucket() + " as Amazon S3 storage bucket for environment data.",
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
    if (op.kind == Kind.LAUNCH) {
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
    setHealth(env, op, "Red");
  }

  /** Sets the health an operation ends with; the event names the status from before the operation. */
  private void setHealth(Env env, Operation op, String color) {
    String status = switch (color) {
      case "Green" -> "Ok";
      case "Yellow" -> "Warning";
      case "Red" -> "Severe";
      default -> "Unknown";
    };
    if (!status.equals(op.previousHealthStatus)) {
      event(env, color.equals("Green") ? "INFO" : "WARN", "Environment health has transitioned from "
          + op.previousHealthStatus + " to " + status + ".", op.requestId);
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
    requireApp(app);
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
    x.members("Events", page(found, p), (xml, e) -> {
      xml.text("EventDate", e.date()).text("Message", e.message()).text("ApplicationName", e.application());
      if (!e.versionLabel().isEmpty()) {
        xml.text("VersionLabel", e.versionLabel());
      }
      xml.text("EnvironmentName", e.environment())
          .text("PlatformArn", e.platformArn())
          .text("RequestId", e.requestId())
          .text("Severity", e.severity());
    });
    nextToken(x, found, p);
  }

  private void describeEnvironmentHealth(Params p, Xml x) {
    tick();
    Env env = requireLive(p);
    x.text("EnvironmentName", env.name)
        .text("HealthStatus", env.healthStatus)
        .text("Status", env.status)
        .text("Color", env.health)
        .strings("Causes", env.health.equals("Red")
            ? List.of("Command failed on all instances.", "ELB health is failing or not available for all instances.")
            : List.of())
        .text("RefreshedAt", ctx.now());
  }

  private static <T> List<T> page(List<T> all, Params p) {
    int from = p.optional("NextToken").map(Integer::parseInt).orElse(0);
    int max = p.integer("MaxRecords", 1000);
    return all.subList(Math.min(from, all.size()), Math.min(from + max, all.size()));
  }

  private static void nextToken(Xml x, List<?> all, Params p) {
    int from = p.optional("NextToken").map(Integer::parseInt).orElse(0);
    int next = from + p.integer("MaxRecords", 1000);
    if (next < all.size()) {
      x.text("NextToken", Integer.toString(next));
    }
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
