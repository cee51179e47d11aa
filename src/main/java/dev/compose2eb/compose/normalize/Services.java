package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.Build;
import dev.compose2eb.compose.model.ContainerOptions;
import dev.compose2eb.compose.model.ContainerOptions.Logging;
import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Link;
import dev.compose2eb.compose.model.Resources;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.compose.model.VolumesFrom;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;

/** One service mapping to a {@link Service}, every key in its canonical form. */
final class Services {
  private static final Pattern RESTART = Pattern.compile("no|always|unless-stopped|on-failure(:\\d+)?");

  /** Keys read into the model's fields; every other valid key goes to Service.other. */
  private static final Set<String> MODELLED = Set.of(
      "image", "build", "ports", "volumes", "volumes_from", "environment", "env_file", "command",
      "entrypoint", "depends_on", "links", "healthcheck", "restart", "mem_limit", "mem_reservation",
      "cpus", "cpu_shares", "deploy", "working_dir", "user", "hostname", "container_name",
      "privileged", "read_only", "init", "stdin_open", "tty", "extra_hosts", "dns", "dns_search",
      "ulimits", "logging", "stop_grace_period", "stop_signal", "cap_add", "cap_drop", "shm_size",
      "tmpfs", "sysctls", "expose", "labels", "label_file", "profiles", "extends");

  private final NodeReader in;
  private final HostPaths paths;
  private final Ports ports;
  private final Volumes volumes;
  private final Environment environment;
  private final Builds builds;
  private final Healthchecks healthchecks;
  private final Dependencies dependencies;
  private final Deploys deploys;
  private final SizeReader sizes;
  private final HostsAndUlimits hostsAndUlimits;
  private final ProjectNormalizer.LabelFileReader labelFiles;

  Services(NodeReader in, ProjectNormalizer.Context ctx, HostPaths paths) {
    this.in = in;
    this.paths = paths;
    this.ports = new Ports(in);
    this.volumes = new Volumes(in, paths);
    this.environment = new Environment(in, ctx, paths);
    this.builds = new Builds(in, paths, ctx.projectEnv());
    this.healthchecks = new Healthchecks(in);
    this.dependencies = new Dependencies(in);
    this.deploys = new Deploys(in);
    this.sizes = new SizeReader(in);
    this.hostsAndUlimits = new HostsAndUlimits(in);
    this.labelFiles = ctx.labelFiles();
  }

  Service read(String name, MapNode s, SourceLocation location) {
    String p = "services." + name;
    in.checkKeys(s, p, Keys.SERVICE, true);
    Map<String, Node> other = new LinkedHashMap<>();
    s.entries().forEach((k, v) -> {
      if (Keys.SERVICE.contains(k) && !MODELLED.contains(k)) {
        other.put(k, v);
      }
    });

    Optional<String> image = in.string(s.get("image"), NodeReader.keyPath(s, p, "image"), "image: nginx:1.27");
    if (image.isPresent() && !ImageReferences.valid(image.get())) {
      in.error(s.get("image"), p + ".image", "invalid image reference " + NodeReader.quote(image.get())
              + ": Docker refuses it (invalid reference format)",
          "[registry/]name[:tag][@digest], e.g. nginx:1.27; an unset variable may have"
              + " left it half-written");
      image = Optional.empty();
    }
    Optional<Build> build = builds.read(s.get("build"), NodeReader.keyPath(s, p, "build"));
    if (NodeReader.isNull(s.get("image")) && NodeReader.isNull(s.get("build"))) {
      in.diags.error(location, p, "service " + NodeReader.quote(name) + " has neither an image nor a build context specified",
          "add image: (e.g. image: nginx:1.27) or build: (e.g. build: .)");
    }

    List<Environment.EnvFileEntry> envFiles = environment.envFiles(s.get("env_file"), NodeReader.keyPath(s, p, "env_file"));
    Map<String, String> env = environment.resolve(envFiles, s.get("environment"), NodeReader.keyPath(s, p, "environment"));

    Map<String, DependsOn> dependsOn = dependencies.dependsOn(s.get("depends_on"), NodeReader.keyPath(s, p, "depends_on"));
    List<Link> links = dependencies.links(s.get("links"), NodeReader.keyPath(s, p, "links"));
    List<VolumesFrom> volumesFrom = dependencies.volumesFrom(s.get("volumes_from"), NodeReader.keyPath(s, p, "volumes_from"));
    List<ScalarNode> namespaceRefs = new ArrayList<>();
    for (String key : new String[] {"network_mode", "ipc", "pid", "uts", "cgroup"}) {
      if (s.get(key) instanceof ScalarNode ref && ref.value() instanceof String str && str.startsWith("service:")) {
        namespaceRefs.add(ref);
      }
    }
    Dependencies.addImplied(dependsOn, links, volumesFrom, namespaceRefs);

    Optional<String> restart = in.string(s.get("restart"), NodeReader.keyPath(s, p, "restart"), "restart: unless-stopped");
    // compose reads an empty policy (an unset ${VAR}) as its default, "no": accepted, and kept as
    // "not given", which the translation treats as essential like an absent key
    restart = restart.filter(r -> !r.isEmpty());
    boolean restartValid = restart.isPresent() && RESTART.matcher(restart.get()).matches();
    if (restart.isPresent() && !restartValid) {
      in.error(s.get("restart"), p + ".restart", "invalid restart policy " + NodeReader.quote(restart.get()),
          "one of no, always, on-failure[:N], unless-stopped");
    }

    Deploys.Parsed deploy = deploys.read(s.get("deploy"), NodeReader.keyPath(s, p, "deploy"), other);
    Resources resources = resources(name, s, deploy, location);

    List<ServiceVolume> vols = volumes.read(s.get("volumes"), NodeReader.keyPath(s, p, "volumes"));

    return new Service(
        name,
        location,
        image,
        build,
        ports.read(s.get("ports"), NodeReader.keyPath(s, p, "ports")),
        vols,
        volumesFrom,
        env,
        envFiles.stream().map(Environment.EnvFileEntry::file).toList(),
        command(s, "command", p),
        command(s, "entrypoint", p),
        dependsOn,
        links,
        healthchecks.read(s.get("healthcheck"), NodeReader.keyPath(s, p, "healthcheck")),
        restartValid ? restart : Optional.empty(),
        resources,
        deploy.deploy(),
        options(s, p),
        labels(s, p),
        in.stringList(s.get("profiles"), NodeReader.keyPath(s, p, "profiles"), "profiles: [debug]"),
        other,
        NodeReader.extensions(s),
        keyLocations(s));
  }

  /** Keys whose sub-keys get their own positions, for reports on a sub-key ({@code build.ssh}). */
  private static final List<String> NESTED = List.of("build", "deploy", "healthcheck", "logging", "depends_on");

  /** The service's key positions, plus those of the sub-keys of {@link #NESTED} keys (dotted). */
  private static Map<String, SourceLocation> keyLocations(MapNode s) {
    if (NESTED.stream().noneMatch(k -> s.get(k) instanceof MapNode)) {
      return s.keyLocations();
    }
    Map<String, SourceLocation> out = new LinkedHashMap<>(s.keyLocations());
    for (String key : NESTED) {
      if (s.get(key) instanceof MapNode m) {
        addNested(out, key, m, 3);
      }
    }
    return out;
  }

  private static void addNested(Map<String, SourceLocation> out, String prefix, MapNode m, int depth) {
    m.keyLocations().forEach((k, at) -> out.put(prefix + "." + k, at));
    if (depth > 1) {
      m.entries().forEach((k, v) -> {
        if (v instanceof MapNode child) {
          addNested(out, prefix + "." + k, child, depth - 1);
        }
      });
    }
  }

  /**
   * {@code label_file} read as compose-go's {@code WithServicesLabelsResolved} does: the files in
   * order (later wins, each resolving {@code $VAR} against the labels read so far), then
   * {@code labels} on top.
   */
  private Map<String, String> labels(MapNode s, String p) {
    Map<String, String> labels = in.stringMap(s.get("labels"), NodeReader.keyPath(s, p, "labels"), "labels: {team: web}");
    Node files = s.get("label_file");
    if (NodeReader.isNull(files)) {
      return labels;
    }
    String path = p + ".label_file";
    Map<String, String> out = new LinkedHashMap<>();
    SeqNode seq = files instanceof SeqNode sq ? sq : null;
    List<String> written = in.stringOrList(files, path, "label_file: ./app.labels");
    for (int i = 0; i < written.size(); i++) {
      Node at = seq != null && i < seq.size() ? seq.get(i) : files;
      Optional<Path> resolved = paths.file(written.get(i));
      if (resolved.isEmpty()) {
        in.error(at, path, "invalid label file path " + NodeReader.quote(written.get(i)), "e.g. ./app.labels");
        continue;
      }
      Path file = resolved.get();
      Optional<String> problem = HostPaths.notAFile(file);
      if (problem.isPresent()) {
        in.error(at, path, "label file " + written.get(i) + " " + problem.get() + " (" + file + ")",
            "create it, or remove it from label_file");
        continue;
      }
      Map<String, String> sofar = Map.copyOf(out);
      out.putAll(labelFiles.read(file, written.get(i), k -> Optional.ofNullable(sofar.get(k)), in.diags));
    }
    out.putAll(labels);
    return out;
  }

  /** A string is split like compose splits it; a list is kept; {@code []} stays an explicit empty list. */
  private Optional<List<String>> command(MapNode s, String key, String servicePath) {
    Node node = s.get(key);
    if (NodeReader.isNull(node)) {
      return Optional.empty();
    }
    String path = servicePath + "." + key;
    if (node instanceof ScalarNode sc && sc.isString()) {
      String line = (String) sc.value();
      Optional<ShellWords.Result> words = ShellWords.split(line);
      if (words.isEmpty()) {
        in.error(node, path, "invalid command line " + NodeReader.quote(line) + ": unbalanced quotes or parentheses",
            "close every quote, or write the " + key + " as a list, e.g. [\"sh\", \"-c\", \"...\"]");
        return Optional.empty();
      }
      words.get().cutAt().ifPresent(at -> in.warning(node, path,
          "compose stops reading the " + key + " at " + NodeReader.quote(line.substring(at))
              + " and ignores the rest; the container gets " + words.get().words(),
          "to run it in a shell write [\"sh\", \"-c\", " + NodeReader.quote(line) + "]"));
      return Optional.of(words.get().words());
    }
    if (node instanceof SeqNode) {
      return Optional.of(in.stringList(node, path, key + ": [\"npm\", \"start\"]"));
    }
    in.typeError(node, path, "a string or a list of strings", key + ": [\"npm\", \"start\"]");
    return Optional.empty();
  }

  /** mem_limit, cpus ... with deploy.resources, and compose-go's checks that both agree. */
  private Resources resources(String name, MapNode s, Deploys.Parsed d, SourceLocation location) {
    String p = "services." + name;
    OptionalLong memLimit = sizes.read(s.get("mem_limit"), NodeReader.keyPath(s, p, "mem_limit"), "mem_limit: 512m");
    OptionalLong memReservation = sizes.read(s.get("mem_reservation"), NodeReader.keyPath(s, p, "mem_reservation"), "mem_reservation: 256m");
    Optional<Double> cpus = deploys.cpus(s.get("cpus"), NodeReader.keyPath(s, p, "cpus"));
    Optional<Long> cpuShares = in.integer(s.get("cpu_shares"), NodeReader.keyPath(s, p, "cpu_shares"), "cpu_shares: 512");
    Optional<Long> pidsLimit = in.integer(s.get("pids_limit"), NodeReader.keyPath(s, p, "pids_limit"), "pids_limit: 100");
    Optional<Long> scale = in.integer(s.get("scale"), NodeReader.keyPath(s, p, "scale"), "scale: 2");

    // compose-go: a non-zero service value and a present limits/reservations block must agree, an
    // absent key inside the block counting as a different value
    if (memLimit.orElse(0) != 0 && d.limitsGiven() && d.memLimit().orElse(0) != memLimit.getAsLong()) {
      conflict(s, "mem_limit", p, "deploy.resources.limits.memory");
    }
    if (cpus.orElse(0.0) != 0 && d.limitsGiven() && (float) (double) d.cpus().orElse(0.0) != (float) (double) cpus.get()) {
      conflict(s, "cpus", p, "deploy.resources.limits.cpus");
    }
    if (memReservation.orElse(0) != 0 && d.reservationsGiven()
        && d.memReservation().orElse(0) != memReservation.getAsLong()) {
      conflict(s, "mem_reservation", p, "deploy.resources.reservations.memory");
    }
    if (pidsLimit.orElse(0L) != 0 && d.limitsGiven() && !d.pids().orElse(0L).equals(pidsLimit.get())) {
      conflict(s, "pids_limit", p, "deploy.resources.limits.pids");
    }
    if (scale.isPresent() && d.deploy().flatMap(x -> x.replicas()).isPresent()
        && d.deploy().get().replicas().get().longValue() != scale.get()) {
      conflict(s, "scale", p, "deploy.replicas");
    }

    OptionalLong limit = memLimit.isPresent() && memLimit.getAsLong() != 0 ? memLimit : d.memLimit();
    OptionalLong reservation = memReservation.isPresent() && memReservation.getAsLong() != 0 ? memReservation : d.memReservation();
    Optional<Double> cpuLimit = cpus.filter(c -> c != 0).or(d::cpus);
    if (limit.isPresent() && reservation.isPresent() && limit.getAsLong() != 0 && reservation.getAsLong() > limit.getAsLong()) {
      in.diags.error(location, p, "the memory reservation " + Sizes.human(reservation.getAsLong())
              + " is greater than the memory limit " + Sizes.human(limit.getAsLong()),
          "a reservation must not exceed the limit, e.g. mem_reservation: 256m with mem_limit: 512m");
    }
    if (cpuLimit.isPresent() && d.cpuReservation().isPresent() && cpuLimit.get() != 0
        && d.cpuReservation().get() > cpuLimit.get()) {
      in.diags.error(location, p, "the cpu reservation " + ScalarNode.of(d.cpuReservation().get(), location).asText()
              + " is greater than the cpu limit " + ScalarNode.of(cpuLimit.get(), location).asText(),
          "a reservation must not exceed the limit, e.g. reservations.cpus: 0.25 with limits.cpus: 0.5");
    }
    return new Resources(
        limit.isPresent() ? Optional.of(limit.getAsLong()) : Optional.empty(),
        reservation.isPresent() ? Optional.of(reservation.getAsLong()) : Optional.empty(),
        cpuLimit,
        d.cpuReservation(),
        cpuShares);
  }

  private void conflict(MapNode s, String key, String path, String deployKey) {
    in.diags.error(s.keyLocation(key), path,
        "can't set distinct values on '" + key + "' and '" + deployKey + "'",
        "set it in one place only, or give both the same value");
  }

  private ContainerOptions options(MapNode s, String p) {
    return new ContainerOptions(
        in.string(s.get("working_dir"), NodeReader.keyPath(s, p, "working_dir"), "working_dir: /app"),
        in.string(s.get("user"), NodeReader.keyPath(s, p, "user"), "user: \"1000:1000\""),
        in.string(s.get("hostname"), NodeReader.keyPath(s, p, "hostname"), "hostname: web"),
        in.string(s.get("container_name"), NodeReader.keyPath(s, p, "container_name"), "container_name: web"),
        in.bool(s.get("privileged"), NodeReader.keyPath(s, p, "privileged"), "privileged: true"),
        in.bool(s.get("read_only"), NodeReader.keyPath(s, p, "read_only"), "read_only: true"),
        in.bool(s.get("init"), NodeReader.keyPath(s, p, "init"), "init: true"),
        in.bool(s.get("stdin_open"), NodeReader.keyPath(s, p, "stdin_open"), "stdin_open: true"),
        in.bool(s.get("tty"), NodeReader.keyPath(s, p, "tty"), "tty: true"),
        hostsAndUlimits.extraHosts(s.get("extra_hosts"), NodeReader.keyPath(s, p, "extra_hosts")),
        in.stringOrList(s.get("dns"), NodeReader.keyPath(s, p, "dns"), "dns: [8.8.8.8]"),
        in.stringOrList(s.get("dns_search"), NodeReader.keyPath(s, p, "dns_search"), "dns_search: [example.com]"),
        hostsAndUlimits.ulimits(s.get("ulimits"), NodeReader.keyPath(s, p, "ulimits")),
        logging(s.get("logging"), NodeReader.keyPath(s, p, "logging")),
        Healthchecks.readDuration(in, s.get("stop_grace_period"), NodeReader.keyPath(s, p, "stop_grace_period")),
        in.string(s.get("stop_signal"), NodeReader.keyPath(s, p, "stop_signal"), "stop_signal: SIGINT"),
        in.stringList(s.get("cap_add"), NodeReader.keyPath(s, p, "cap_add"), "cap_add: [NET_ADMIN]"),
        in.stringList(s.get("cap_drop"), NodeReader.keyPath(s, p, "cap_drop"), "cap_drop: [ALL]"),
        boxed(sizes.read(s.get("shm_size"), NodeReader.keyPath(s, p, "shm_size"), "shm_size: 256m")),
        in.stringOrList(s.get("tmpfs"), NodeReader.keyPath(s, p, "tmpfs"), "tmpfs: [/run]"),
        in.stringMap(s.get("sysctls"), NodeReader.keyPath(s, p, "sysctls"), "sysctls: {net.core.somaxconn: 1024}"),
        in.textList(s.get("expose"), NodeReader.keyPath(s, p, "expose"), "expose: [\"3000\"]"));
  }

  private static Optional<Long> boxed(OptionalLong v) {
    return v.isPresent() ? Optional.of(v.getAsLong()) : Optional.empty();
  }

  private Optional<Logging> logging(Node node, String path) {
    return in.map(node, path, "logging: {driver: json-file}").map(m -> {
      in.checkKeys(m, path, Keys.LOGGING);
      Map<String, String> options = new LinkedHashMap<>();
      String optionsPath = NodeReader.keyPath(m, path, "options");
      in.map(m.get("options"), optionsPath, "options: {max-size: 10m}").ifPresent(o -> o.entries().forEach((k, v) -> {
        if (v instanceof ScalarNode sv && !sv.isNull()) {
          options.put(k, sv.asText()); // a scalar is always text: nothing to report
        } else if (!NodeReader.isNull(v)) {
          in.text(v, optionsPath + "." + k, "max-size: 10m").ifPresent(t -> options.put(k, t));
        }
      }));
      return new Logging(in.string(m.get("driver"), NodeReader.keyPath(m, path, "driver"), "driver: json-file"), options);
    });
  }
}
