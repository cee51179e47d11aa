package dev.compose2eb.translate;

import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.compose.model.VolumesFrom;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.dockerrun.KeyValue;
import dev.compose2eb.dockerrun.LinuxParameters;
import dev.compose2eb.dockerrun.MountPoint;
import dev.compose2eb.dockerrun.Tmpfs;
import dev.compose2eb.dockerrun.Volume;
import dev.compose2eb.dockerrun.VolumeHost;
import dev.compose2eb.dockerrun.VolumeFrom;
import dev.compose2eb.plan.ContainerMemory;
import dev.compose2eb.plan.DeploymentPlan;
import dev.compose2eb.plan.ManagedPlan;
import dev.compose2eb.plan.Plans;
import dev.compose2eb.plan.SecretPlan;
import dev.compose2eb.plan.VariablePlan;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Translates a loaded compose project into a Dockerrun.aws.json v2 model and a report. */
public final class Translator {
  /**
   * The largest Dockerrun file written: ECS's limit on a task definition, which the containers
   * become, is 64 KiB at most (the validator warns from 32 KiB; see docs/limits.md).
   */
  static final int MAX_DOCKERRUN_BYTES = 64 * 1024;
  /** Bytes of JSON around one environment entry or label, at least: {@code {"name": "", "value": ""}}. */
  private static final int ENTRY_BYTES = 24;

  /** Elastic Beanstalk's limit on containers in one Dockerrun file. */
  static final int MAX_CONTAINERS = 10;
  /** Elastic Beanstalk's limit on all environment properties together, as key=value bytes. */

  private final Project project;
  private final DeploymentPlan plan;
  private final TranslateOptions opts;
  private final ProjectFiles files;
  private final Diagnostics diags = new Diagnostics();

  private Translator(Project project, DeploymentPlan plan, TranslateOptions opts, ProjectFiles files) {
    this.project = project;
    this.plan = plan;
    this.opts = opts;
    this.files = files;
  }

  /** Plans with {@code opts.plan()}, then translates; never throws for a bad project. */
  public static Translation translate(Project project, TranslateOptions opts, ProjectFiles files) {
    return translate(project, opts, files, List.of());
  }

  /**
   * Translates with managed services: those marked {@code x-eb: {managed: ...}} and those named
   * in {@code managed} ({@code --managed}) leave the containers; the rest is planned with
   * {@code opts.plan()} (memory, entry, one-shot services, mounts) and translated as the managed
   * plan rewires it.
   */
  public static Translation translate(Project project, TranslateOptions opts, ProjectFiles files,
      List<String> managed) {
    Plans plans = Plans.of(project, managed, opts.plan(), files);
    return translate(plans.project(), plans.managed(), plans.deployment(), opts, files);
  }

  /**
   * Renders the plans' decisions (managed services, memory, entry port, one-shot services, dropped
   * mounts) with the rest of each service into Dockerrun; {@code project} is the one the managed
   * plan has been applied to, and {@code plan} was made for it. Never throws for a bad project:
   * errors are in the report, the plans' among them.
   */
  public static Translation translate(Project project, ManagedPlan managed, DeploymentPlan plan,
      TranslateOptions opts, ProjectFiles files) {
    Translator t = new Translator(project, plan, opts, files);
    managed.report().forEach(t.diags::add);
    return t.run(managed);
  }

  private Translation run(ManagedPlan managed) {
    if (project.services().size() > MAX_CONTAINERS) {
      diags.error(project.services().get(MAX_CONTAINERS).location(), "services",
          project.services().size() + " services, but a Dockerrun file holds at most "
              + MAX_CONTAINERS + " containers",
          "move databases and caches to RDS / ElastiCache, or split the app into environments");
      // nothing more to say, not even the plan's findings: for thousands of services they would
      // bury this one error (a memory error alone would name every service)
      return new Translation(new Dockerrun(List.of(), List.of()), VariablePlan.empty(),
          diags.list(), List.of(), managed);
    }
    diags.addAll(plan.report());
    if (project.services().isEmpty()) {
      diags.error(SourceLocation.ofFile(project.composeFiles().isEmpty() ? "compose.yaml"
          : project.composeFiles().get(0)), "services", "no services to deploy"
          + (project.disabledServices().isEmpty() ? "" : " (all are disabled by profiles)"),
          "define a service, or enable a profile with --profile");
    }
    if (tooBig()) { // before anything is rendered: 300,000 variables would be megabytes of JSON
      return new Translation(new Dockerrun(List.of(), List.of()), VariablePlan.empty(),
          diags.list(), List.of(), managed);
    }
    reportTopLevel();
    ContainerNames names = new ContainerNames(project, diags);
    Map<String, List<String>> links = new LinkPlanner(project, names, files, diags, plan.oneShot()).plan();
    ServiceTranslator st = new ServiceTranslator(project, opts, names, diags);
    Ports ports = new Ports(diags, plan.entry());
    Volumes volumes = new Volumes(project, diags, plan);
    Set<String> completionTargets = plan.oneShot();
    EbEnvironment ebEnv = new EbEnvironment(project, diags);

    List<ContainerDefinition.Builder> builders = new ArrayList<>();
    List<Optional<Boolean>> forcedEssential = new ArrayList<>();
    for (Service s : project.services()) {
      String container = names.of(s.name());
      XEb xeb = XEb.of(s, diags);
      String image = ImageNames.of(project, s, opts, diags);
      if (image.isEmpty()) {
        diags.error(s.location(), "services." + s.name(), "no image", "give image: or build:");
      }
      ImageNames.statefulKind(image).filter(k -> s.build().isEmpty()).ifPresent(kind ->
          diags.info(s.keyLocation("image"), "services." + s.name() + ".image", "\"" + s.name()
              + "\" runs " + image + " in a container: its data lives on one instance and is lost"
              + " when the instance is replaced", "on Elastic Beanstalk a managed " + kind
              + " instance is the durable choice" + (kind.equals("DocumentDB")
                  ? "; point the app at it through an environment variable"
                  : ": x-eb: {managed: true} on the service, or --managed " + s.name()
                      + ", creates it and rewires the app (docs/managed.md)")));
      ContainerDefinition.Builder c = ContainerDefinition.builder(container, image);
      c.essential(xeb.essential().orElseGet(() -> st.essentialByDefault(s, completionTargets)));
      if (xeb.essential().orElse(false) && completionTargets.contains(s.name())) {
        diags.error(s.extensions().get("x-eb").location(), "services." + s.name() + ".x-eb.essential",
            "\"" + s.name() + "\" is essential, but other services wait for it to complete"
                + " (service_completed_successfully), and ECS refuses a SUCCESS dependency on an"
                + " essential container",
            "leave essential unset (or false) for one-shot jobs, or wait with service_started");
      }
      forcedEssential.add(xeb.essential());
      ContainerMemory memory = plan.memory().get(s.name());
      c.memory(memory.limitMib().orElse(null)).memoryReservation(memory.reservationMib().orElse(null));
      st.cpu(s, c);
      c.portMappings(ports.of(s));
      c.links(links.getOrDefault(s.name(), List.of()));
      c.dependsOn(st.dependsOn(s));
      st.healthCheck(s).ifPresent(c::healthCheck);
      // without the X_FILE variables whose secret arrives as X
      Map<String, String> environment = plan.secrets().environment(s);
      List<KeyValue> env = st.environment(s, environment, plan.secrets().targets(s.name()));
      if (opts.envToEb()) {
        ebEnv.add(s, environment);
      } else {
        c.environment(env);
      }
      List<Tmpfs> tmpfs = new ArrayList<>();
      List<MountPoint> mounts = new ArrayList<>(volumes.mounts(s, container, tmpfs));
      xeb.logs().ifPresent(dir -> mounts.add(new MountPoint("awseb-logs-" + container, dir, false)));
      plan.secrets().of(s.name()).stream().filter(d -> !d.asVariable()).forEach(d ->
          mounts.add(new MountPoint(secretVolume(d.secret()), d.target(), true)));
      c.mountPoints(mounts);
      c.volumesFrom(volumesFrom(s, names));
      st.options(s, c, tmpfs);
      LinuxParameters lp = new LinuxParameters(capabilities(s.options().capAdd()),
          capabilities(s.options().capDrop()),
          s.options().init(),
          // 0 means "not set" in compose (docker's default size), as for memory
          s.options().shmSize().filter(b -> b > 0).map(b -> (int) ((b + (1 << 20) - 1) >> 20)), tmpfs);
      if (!lp.isEmpty()) {
        c.linuxParameters(lp);
      }
      reportServiceKeys(s);
      builders.add(c);
    }
    st.reportSharedEnvFiles();
    VariablePlan variables = opts.envToEb() ? ebEnv.variables() : VariablePlan.empty();
    ensureOneEssential(builders, forcedEssential, completionTargets);
    List<ContainerDefinition> containers = builders.stream().map(ContainerDefinition.Builder::build).toList();
    List<Volume> taskVolumes = new ArrayList<>(volumes.volumes());
    // each file secret: the file the platform hook writes on the instance
    plan.secrets().files().keySet().forEach(name -> taskVolumes.add(new Volume(secretVolume(name),
        Optional.of(new VolumeHost(SecretPlan.hostPath(name))))));
    Dockerrun dockerrun = new Dockerrun(taskVolumes, containers);
    return new Translation(dockerrun, variables, diags.list(), plan.bundlePaths(), managed);
  }

  /**
   * Whether the values that can grow without bound (environment, unless --env-to-eb moves it out,
   * and labels) already pass {@link #MAX_DOCKERRUN_BYTES}; if so, reports it at the compose key of
   * the biggest contributor. A lower bound of the size, computed from the model, so the check
   * holds whichever writer renders the JSON.
   */
  private boolean tooBig() {
    long total = 0;
    long most = -1;
    Service biggest = null;
    String biggestKey = "";
    int entries = 0;
    for (Service s : project.services()) {
      long env = 0;
      if (!opts.envToEb()) {
        for (Map.Entry<String, String> e : s.environment().entrySet()) {
          env += e.getKey().length() + e.getValue().length() + ENTRY_BYTES;
        }
      }
      long labels = 0;
      for (Map.Entry<String, String> e : s.labels().entrySet()) {
        labels += e.getKey().length() + e.getValue().length() + ENTRY_BYTES;
      }
      total += env + labels;
      if (Math.max(env, labels) > most) {
        most = Math.max(env, labels);
        biggest = s;
        biggestKey = env >= labels ? "environment" : "labels";
        entries = env >= labels ? s.environment().size() : s.labels().size();
      }
    }
    if (total <= MAX_DOCKERRUN_BYTES) {
      return false;
    }
    diags.error(biggest.keyLocation(biggestKey), "services." + biggest.name() + "." + biggestKey,
        "the Dockerrun file would be over " + total / 1024 + " KiB, past the " + MAX_DOCKERRUN_BYTES
            / 1024 + " KiB of an ECS task definition; the biggest part: " + biggestKey + " of "
            + biggest.name() + " (" + entries + " entries, " + most / 1024 + " KiB)",
        biggestKey.equals("environment") ? "move the values into EB environment properties"
            + " (--env-to-eb) or into a file the container reads" : "keep fewer labels");
    return true;
  }

  /** ECS names capabilities without the {@code CAP_} prefix compose also accepts. */
  private static List<String> capabilities(List<String> caps) {
    return caps.stream().map(c -> c.toUpperCase(java.util.Locale.ROOT).replaceFirst("^CAP_", ""))
        .toList();
  }

  private void ensureOneEssential(List<ContainerDefinition.Builder> builders,
      List<Optional<Boolean>> forced, Set<String> completionTargets) {
    List<ContainerDefinition> built = builders.stream().map(ContainerDefinition.Builder::build).toList();
    if (built.isEmpty() || built.stream().anyMatch(ContainerDefinition::essential)) {
      return;
    }
    for (int i = 0; i < built.size(); i++) {
      Service s = project.services().get(i);
      // a service others wait for to complete cannot be essential: ECS refuses SUCCESS on one
      if (forced.get(i).isEmpty() && !completionTargets.contains(s.name())) {
        builders.get(i).essential(true);
        diags.warning(s.location(), "services." + s.name(), "every container would be"
                + " non-essential; \"" + s.name() + "\" is made essential, as ECS needs at least one",
            "mark the container whose failure should restart the task with x-eb: {essential: true}");
        return;
      }
    }
    Service s = project.services().get(0);
    if (forced.stream().allMatch(f -> f.equals(Optional.of(false)))) {
      diags.error(s.location(), "services", "x-eb marks every container non-essential; ECS needs at"
          + " least one essential container", "set x-eb: {essential: true} on the main service");
    } else {
      diags.error(s.location(), "services", "every container is a one-shot job or marked"
          + " non-essential; ECS needs at least one essential container", "set x-eb: {essential:"
          + " true} on the main service (not on one that others wait for to complete)");
    }
  }

  private List<VolumeFrom> volumesFrom(Service s, ContainerNames names) {
    List<VolumeFrom> out = new ArrayList<>();
    for (VolumesFrom v : s.volumesFrom()) {
      if (v.container()) {
        diags.warning(v.location(), "services." + s.name() + ".volumes_from", "volumes_from"
            + " container:" + v.name() + " dropped: only containers of this task exist on EB",
            "take the volumes from a service of the project");
      } else {
        out.add(new VolumeFrom(names.of(v.name()), v.readOnly()));
      }
    }
    return out;
  }

  private void reportServiceKeys(Service s) {
    String path = "services." + s.name();
    for (Map.Entry<String, Node> e : s.other().entrySet()) {
      if (e.getKey().equals("scale") && isOne(e.getValue())) {
        continue; // one task per instance is what EB runs anyway, as for deploy.replicas: 1
      }
      if (e.getKey().equals("secrets")) {
        continue; // delivered as the plan decides, reported by it
      }
      String[] why = Unsupported.SERVICE_KEYS.getOrDefault(e.getKey(),
          new String[] {"Dockerrun.aws.json has no equivalent", "remove it"});
      diags.warning(s.keyLocation(e.getKey()), path + "." + e.getKey(), e.getKey()
          + " ignored: " + why[0], why[1]);
    }
    if (s.options().containerName().isPresent()) {
      String[] why = Unsupported.SERVICE_KEYS.get("container_name");
      diags.warning(s.keyLocation("container_name"), path + ".container_name",
          "container_name ignored: " + why[0], why[1]);
    }
    if (!s.options().expose().isEmpty()) {
      diags.info(s.keyLocation("expose"), path + ".expose", "expose ignored: "
          + Unsupported.SERVICE_KEYS.get("expose")[0], "");
    }
    if (s.options().stopSignal().isPresent()) {
      String[] why = Unsupported.SERVICE_KEYS.get("stop_signal");
      diags.warning(s.keyLocation("stop_signal"), path + ".stop_signal",
          "stop_signal ignored: " + why[0], why[1]);
    }
    s.deploy().flatMap(d -> d.replicas()).filter(r -> r != 1).ifPresent(r ->
        diags.warning(s.keyLocation("deploy.replicas"), path + ".deploy.replicas", "replicas: " + r
            + " ignored: EB runs one copy of the task per instance",
            "scale with the environment's Auto Scaling group (min/max instances)"));
    s.deploy().flatMap(d -> d.mode()).filter(m -> !m.equals("replicated")).ifPresent(m ->
        diags.info(s.keyLocation("deploy.mode"), path + ".deploy.mode", "mode " + m + " ignored: EB runs"
            + " one copy of the task on every instance", ""));
    s.deploy().flatMap(d -> d.restartPolicy()).ifPresent(r -> {
      if (r.delay().isPresent() || r.maxAttempts().isPresent() || r.window().isPresent()) {
        diags.info(s.keyLocation("deploy.restart_policy"), path + ".deploy.restart_policy", "delay, max_attempts"
            + " and window ignored: ECS replaces a task whose essential container stops", "");
      }
    });
    s.deploy().filter(d -> !d.labels().isEmpty()).ifPresent(d -> diags.info(s.keyLocation("deploy.labels"),
        path + ".deploy.labels", "deploy.labels ignored: they label the swarm service, not the"
            + " container; container labels go to dockerLabels", ""));
    for (var p : s.ports()) {
      if (p.name().isPresent() || p.appProtocol().isPresent()) {
        diags.info(p.location(), path + ".ports", "port name and app_protocol ignored: ECS port"
            + " mappings on EB have neither", "");
      }
      p.mode().ifPresent(m -> diags.info(p.location(), path + ".ports", "port mode " + m
          + " of container port " + p.target() + " ignored: each instance publishes the port"
          + " itself, and Elastic Beanstalk's load balancer spreads requests over the instances", ""));
    }
    for (var v : s.volumes()) {
      if (v.options().contains("labels")) {
        diags.info(v.location(), path + ".volumes", "volume labels of " + v.target()
            + " ignored: ECS task volumes have no labels", "");
      }
      // create_host_path is what compose's short syntax implies, not a user choice; on EB a project
      // path must exist anyway (it goes into the bundle); a tmpfs mode becomes a mount option
      List<String> opts = v.options().stream()
          .filter(o -> !o.equals("ro") && !o.equals("rw") && !o.equals("create_host_path")
              && !o.equals("labels"))
          .filter(o -> v.type() != ServiceVolume.Type.TMPFS || !o.startsWith("mode="))
          .toList();
      if (!opts.isEmpty()) {
        diags.warning(v.location(), path + ".volumes", "mount options " + String.join(",", opts)
                + " of " + v.target() + " ignored: ECS mount points have only readOnly",
            opts.stream().anyMatch(o -> o.startsWith("subpath"))
                ? "mount the sub-directory itself: ECS mounts the whole volume" : "");
      }
    }
    s.resources().cpuReservation().ifPresent(r -> diags.info(s.keyLocation("deploy.resources.reservations.cpus"),
        path + ".deploy.resources.reservations.cpus", "CPU reservation ignored: ECS container"
            + " cpu units are a share, taken from cpus or cpu_shares", ""));
    for (DependsOn d : s.dependsOn().values()) {
      // only a restart written by the user: the loader sets it on the entries links imply
      String key = "depends_on." + d.service() + ".restart";
      if (d.restart() && s.keyLocations().containsKey(key)) {
        diags.info(s.keyLocation(key), path + "." + key, "restart: true ignored: ECS does not"
            + " restart a container when \"" + d.service() + "\" restarts", "");
      }
    }
    for (String x : s.extensions().keySet()) {
      if (!x.equals("x-eb")) {
        diags.info(s.keyLocation(x), path + "." + x, x + " ignored: of the service extensions"
            + " only x-eb is read", "");
      }
    }
    s.build().ifPresent(b -> {
      if (b.remoteContext()) {
        diags.warning(b.location(), path + ".build.context", "remote build context " + b.context()
            + ": the buildspec builds it as is", "");
      }
    });
  }

  private static boolean isOne(Node n) {
    return n instanceof ScalarNode sc && "1".equals(sc.asText());
  }

  private void reportTopLevel() {
    project.volumes().values().stream().filter(v -> v.externalName().isPresent())
        .forEach(v -> diags.info(v.location(), "volumes." + v.name() + ".name", "name "
            + v.externalName().get() + " of volume \"" + v.name() + "\" ignored: the instance"
            + " directory is named after the key, " + Volumes.volumeName(v.name()), ""));
    project.volumes().values().stream()
        .filter(v -> v.driver().isPresent() || !v.driverOpts().isEmpty() || !v.labels().isEmpty())
        .forEach(v -> diags.warning(v.location(), "volumes." + v.name(), "driver, driver_opts and"
                + " labels of volume \"" + v.name() + "\" ignored: it becomes an instance directory",
            "for shared or durable storage mount EFS on the instances (.ebextensions) instead"));
    for (Map.Entry<String, Node> e : project.other().entrySet()) {
      if (e.getKey().equals("secrets")) {
        continue; // the services' are delivered as the plan decides; the buildspec reports on build secrets
      }
      String[] why = Unsupported.TOP_LEVEL.getOrDefault(e.getKey(),
          new String[] {"Dockerrun.aws.json has no equivalent", "remove it"});
      diags.warning(e.getValue().location(), e.getKey(), "top-level " + e.getKey() + " ignored: "
          + why[0], why[1]);
    }
    if (!project.networks().isEmpty()
        && project.networks().keySet().stream().anyMatch(n -> !n.equals("default"))) {
      String[] why = Unsupported.TOP_LEVEL.get("networks");
      SourceLocation at = project.networks().values().iterator().next().location();
      diags.warning(at, "networks", "top-level networks ignored: " + why[0], why[1]);
    }
  }

  /** The task volume of a file secret: ECS volume names allow letters, digits, _ and -. */
  static String secretVolume(String secret) {
    return "compose2eb-secret-" + secret.replaceAll("[^A-Za-z0-9_-]", "-");
  }

  /** The {@code x-eb} service extension: {@code essential}, {@code logs}. */
  public record XEb(Optional<Boolean> essential, Optional<String> logs) {
    public static XEb of(Service s, Diagnostics diags) {
      Node n = s.extensions().get("x-eb");
      if (n == null || n instanceof ScalarNode sc && sc.isNull()) {
        return new XEb(Optional.empty(), Optional.empty());
      }
      String path = "services." + s.name() + ".x-eb";
      if (!(n instanceof MapNode m)) {
        diags.error(n.location(), path, "x-eb must be a mapping", "e.g. x-eb: {essential: false}");
        return new XEb(Optional.empty(), Optional.empty());
      }
      Optional<Boolean> essential = Optional.empty();
      Optional<String> logs = Optional.empty();
      for (Map.Entry<String, Node> e : m.entries().entrySet()) {
        Node v = e.getValue();
        switch (e.getKey()) {
          case "essential" -> {
            if (v instanceof ScalarNode b && b.value() instanceof Boolean bool) {
              essential = Optional.of(bool);
            } else if (v instanceof ScalarNode b && ("true".equals(b.asText()) || "false".equals(b.asText()))) {
              essential = Optional.of(Boolean.parseBoolean(b.asText()));
            } else {
              diags.error(v.location(), path + ".essential", "essential must be true or false",
                  "e.g. x-eb: {essential: false}");
            }
          }
          case "logs" -> {
            if (v instanceof ScalarNode p && p.asText().startsWith("/")) {
              logs = Optional.of(p.asText());
            } else {
              diags.error(v.location(), path + ".logs", "logs must be an absolute path in the"
                  + " container", "e.g. x-eb: {logs: /var/log/nginx}");
            }
          }
          case "managed" -> { } // a plan decision: ManagedPlanner reads it
          default -> diags.warning(m.keyLocation(e.getKey()), path + "." + e.getKey(),
              "unknown x-eb key \"" + e.getKey() + "\" ignored",
              "x-eb on a service knows essential, logs and managed");
        }
      }
      return new XEb(essential, logs);
    }
  }
}
