package dev.compose2eb.fake;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;

/**
 * Elastic Beanstalk applications, application versions (processed after a number of
 * DescribeApplicationVersions polls when created with Process=true) and the storage location.
 */
final class EbApplications {
  private static final class App {
    final String name;
    final String description;
    final Instant created;
    /** ResourceLifecycleConfig as sent, flattened ("VersionLifecycleConfig.MaxCountRule.MaxCount" to "200"). */
    Map<String, String> lifecycle = Map.of();

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

  private final Context ctx;
  private final BiFunction<String, String, List<String>> usersOf;
  private final Map<String, BiConsumer<Params, Xml>> actions = new LinkedHashMap<>();
  private final Map<String, App> apps = new LinkedHashMap<>();
  private final List<Version> versions = new ArrayList<>();
  private boolean storageCreated;
  private int pollsToProcess = 2;
  private int maxVersions = 1000;
  private int failNextProcessing;

  /** {@code usersOf(application, label)} names the live environments running that version. */
  EbApplications(Context ctx, BiFunction<String, String, List<String>> usersOf) {
    this.ctx = ctx;
    this.usersOf = usersOf;
    actions.put("CreateStorageLocation", this::createStorageLocation);
    actions.put("CreateApplication", this::createApplication);
    actions.put("DescribeApplications", this::describeApplications);
    actions.put("CreateApplicationVersion", this::createApplicationVersion);
    actions.put("DescribeApplicationVersions", this::describeApplicationVersions);
    actions.put("DeleteApplicationVersion", this::deleteApplicationVersion);
  }

  Map<String, BiConsumer<Params, Xml>> actions() {
    return actions;
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

  String bucket() {
    return "elasticbeanstalk-" + ctx.region() + "-" + ctx.account();
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

  private void createStorageLocation(Params p, Xml x) {
    if (!storageCreated) {
      storageCreated = true;
      ctx.changed();
      ctx.storageCreated.accept(bucket());
    }
    x.text("S3Bucket", bucket());
  }

  private void createApplication(Params p, Xml x) {
    String name = p.required("ApplicationName");
    if (apps.containsKey(name)) {
      throw AwsError.invalidParameter("Application " + name + " already exists.");
    }
    App app = addApp(name, p.optional("Description").orElse(""));
    Map<String, String> lifecycle = new java.util.TreeMap<>();
    String prefix = "ResourceLifecycleConfig.";
    p.values().forEach((k, v) -> {
      if (k.startsWith(prefix)) {
        lifecycle.put(k.substring(prefix.length()), v);
      }
    });
    app.lifecycle = Map.copyOf(lifecycle);
    x.start("Application");
    application(x, app);
    x.end("Application");
  }

  /** The lifecycle configuration the application was created with, flattened; empty when none. */
  Map<String, String> lifecycle(String application) {
    return Optional.ofNullable(apps.get(application)).map(a -> a.lifecycle).orElse(Map.of());
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

  App requireApp(String name) {
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

  boolean versionExists(String app, String label) {
    return findVersion(app, label).isPresent();
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
    x.members("ApplicationVersions", p.page(found), this::version);
    p.nextToken(x, found);
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
    List<String> users = usersOf.apply(app, label);
    if (!users.isEmpty()) {
      throw AwsError.invalidParameter("Unable to delete application version " + label
          + " because it is being used by environment(s) " + String.join(", ", users) + ".");
    }
    versions.remove(v);
    ctx.changed();
  }
}
