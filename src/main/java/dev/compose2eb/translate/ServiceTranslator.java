package dev.compose2eb.translate;

import dev.compose2eb.compose.model.ContainerOptions;
import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Healthcheck;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.normalize.Sizes;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.ContainerDependency;
import dev.compose2eb.dockerrun.HealthCheck;
import dev.compose2eb.dockerrun.HostEntry;
import dev.compose2eb.dockerrun.KeyValue;
import dev.compose2eb.dockerrun.LogConfiguration;
import dev.compose2eb.dockerrun.SystemControl;
import dev.compose2eb.dockerrun.Tmpfs;
import dev.compose2eb.dockerrun.Ulimit;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.TreeMap;

/** The per-container fields: memory, CPU, health check, dependencies, environment and runtime options. */
final class ServiceTranslator {
  static final Set<String> ECS_ULIMITS = Set.of("core", "cpu", "data", "fsize", "locks", "memlock",
      "msgqueue", "nice", "nofile", "nproc", "rss", "rtprio", "rttime", "sigpending", "stack");
  static final Set<String> ECS_LOG_DRIVERS = Set.of("awslogs", "fluentd", "gelf", "json-file",
      "journald", "logentries", "splunk", "syslog", "awsfirelens");
  private static final long MIB = 1024 * 1024;
  private static final Duration COMPOSE_INTERVAL = Duration.ofSeconds(30);
  private static final Duration COMPOSE_TIMEOUT = Duration.ofSeconds(30);

  private final Project project;
  private final TranslateOptions opts;
  private final ContainerNames names;
  private final Diagnostics diags;

  ServiceTranslator(Project project, TranslateOptions opts, ContainerNames names, Diagnostics diags) {
    this.project = project;
    this.opts = opts;
    this.names = names;
    this.diags = diags;
    this.secretLooking = new SecretLookingValues(diags, "Dockerrun.aws.json", "use --env-to-eb:"
        + " deploy then keeps secrets in SSM Parameter Store and the rest as Elastic Beanstalk"
        + " environment properties");
  }

  void cpu(Service s, ContainerDefinition.Builder c) {
    Optional<Double> cpus = s.resources().cpus();
    if (cpus.isPresent()) {
      c.cpu((int) Math.round(cpus.get() * 1024));
      String key = s.keyLocations().containsKey("cpus") ? "cpus" : "deploy.resources.limits.cpus";
      diags.info(s.keyLocation(key), "services." + s.name() + "." + key, "cpus "
          + BigDecimal.valueOf(cpus.get()).stripTrailingZeros().toPlainString() + " becomes "
          + Math.round(cpus.get() * 1024) + " CPU units: a relative share of the instance's CPU when"
          + " containers compete for it, not a cap", "");
      s.resources().cpuShares().ifPresent(shares -> diags.warning(s.keyLocation("cpu_shares"),
          "services." + s.name() + ".cpu_shares", "cpu_shares ignored: cpus already sets the CPU"
              + " units (" + Math.round(cpus.get() * 1024) + ")", "give one of the two"));
    } else {
      s.resources().cpuShares().ifPresent(shares -> c.cpu((int) Math.min(shares, Integer.MAX_VALUE)));
    }
  }

  /** True unless the service is a one-shot (restart "no", on-failure, or a completion target). */
  boolean essentialByDefault(Service s, Set<String> completionTargets) {
    String path = "services." + s.name();
    String restart = s.restart().orElse("");
    if (restart.equals("no") || restart.startsWith("on-failure")) {
      diags.info(s.keyLocation("restart"), path + ".restart", "restart: " + restart + " makes \""
          + s.name() + "\" a one-shot container: essential false, so its exit does not stop the task", "");
      return false;
    }
    Optional<String> cond = s.deploy().flatMap(d -> d.restartPolicy()).flatMap(r -> r.condition());
    if (cond.isPresent() && (cond.get().equals("none") || cond.get().equals("on-failure"))) {
      diags.info(s.keyLocation("deploy"), path + ".deploy.restart_policy.condition", "condition "
          + cond.get() + " makes \"" + s.name() + "\" a one-shot container: essential false", "");
      return false;
    }
    if (completionTargets.contains(s.name())) {
      diags.info(s.location(), path, "other services wait for \"" + s.name() + "\" to complete:"
          + " essential false, so its exit does not stop the task", "");
      return false;
    }
    return true;
  }

  List<ContainerDependency> dependsOn(Service s) {
    List<ContainerDependency> out = new ArrayList<>();
    for (DependsOn d : s.dependsOn().values()) {
      Optional<Service> target = project.service(d.service());
      if (target.isEmpty()) {
        continue;
      }
      String condition = switch (d.condition()) {
        case SERVICE_STARTED -> "START";
        case SERVICE_HEALTHY -> "HEALTHY";
        case SERVICE_COMPLETED_SUCCESSFULLY -> "SUCCESS";
      };
      if (condition.equals("HEALTHY") && !hasHealthcheck(target.get())) {
        diags.error(d.location(), "services." + s.name() + ".depends_on." + d.service(),
            "condition service_healthy needs a healthcheck on \"" + d.service() + "\", which has none",
            "add a healthcheck to " + d.service() + ", e.g. test: [\"CMD\", \"pg_isready\"]");
      }
      out.add(new ContainerDependency(names.of(d.service()), condition));
    }
    return out;
  }

  private static boolean hasHealthcheck(Service s) {
    // the same test as healthCheck(): a HEALTHY condition must point at a written healthCheck
    return s.healthcheck().filter(h -> !h.disable() && !h.test().isEmpty()
        && !h.test().get(0).equals("NONE")).isPresent();
  }

  Optional<HealthCheck> healthCheck(Service s) {
    if (s.healthcheck().isEmpty()) {
      return Optional.empty();
    }
    Healthcheck h = s.healthcheck().get();
    String path = "services." + s.name() + ".healthcheck";
    SourceLocation at = s.keyLocation("healthcheck");
    if (h.disable() || h.test().isEmpty() || h.test().get(0).equals("NONE")) {
      if (!h.disable() && h.test().isEmpty()) {
        diags.warning(at, path, "healthcheck without test: the image's HEALTHCHECK is not"
            + " visible to ECS, so none is set", "give test:, e.g. [\"CMD\", \"curl\", \"-f\", \"http://localhost/\"]");
      } else {
        String key = s.keyLocations().containsKey("healthcheck.disable") ? "disable" : "test";
        diags.info(s.keyLocation("healthcheck." + key), path + "." + key, "healthcheck disabled:"
            + " no healthCheck is written, so ECS does not check this container", "");
      }
      return Optional.empty();
    }
    // compose's defaults are written out: ECS's own differ (a 5s timeout where compose waits 30s)
    HealthCheck written = new HealthCheck(h.test(),
        seconds(Optional.of(h.interval().orElse(COMPOSE_INTERVAL)), 5, 300,
            s.keyLocation("healthcheck.interval"), path + ".interval"),
        seconds(Optional.of(h.timeout().orElse(COMPOSE_TIMEOUT)), 2, 60,
            s.keyLocation("healthcheck.timeout"), path + ".timeout"),
        Optional.of(clamp(h.retries().orElse(3), 1, 10, s.keyLocation("healthcheck.retries"),
            path + ".retries", "")),
        seconds(h.startPeriod(), 0, 300, s.keyLocation("healthcheck.start_period"),
            path + ".start_period"));
    h.startInterval().ifPresent(d -> diags.warning(s.keyLocation("healthcheck.start_interval"),
        path + ".start_interval", "start_interval ignored: ECS has no such setting", "remove it"));
    return Optional.of(written);
  }

  private Optional<Integer> seconds(Optional<Duration> d, int min, int max, SourceLocation at,
      String path) {
    return d.map(v -> {
      long ms = v.toMillis();
      int s = (int) Math.min(Integer.MAX_VALUE, (ms + 999) / 1000);
      if (ms % 1000 != 0) {
        diags.info(at, path, BigDecimal.valueOf(ms, 3).stripTrailingZeros().toPlainString()
            + "s rounded up to " + s + "s: ECS counts whole seconds", "");
      }
      return clamp(s, min, max, at, path, "s");
    });
  }

  private int clamp(int v, int min, int max, SourceLocation at, String path, String unit) {
    if (v < min || v > max) {
      int c = Math.max(min, Math.min(max, v));
      diags.warning(at, path, v + unit + " is outside the ECS range " + min + "-" + max + unit
          + "; " + c + unit + " used", "give a value in that range");
      return c;
    }
    return v;
  }

  /** Values that look secret: warned per service, or once for services sharing env files. */
  private final SecretLookingValues secretLooking;

  /** The warnings about secret-looking values from env files, after the last service. */
  void reportSharedEnvFiles() {
    secretLooking.report();
  }

  /** Environment values sorted by name; warns once per container about values that look secret. */
  List<KeyValue> environment(Service s) {
    return environment(s, s.environment(), Set.of());
  }

  /**
   * The same for {@code environment}, the service's as the plan leaves it; a value in
   * {@code secretPaths} is where a compose secret arrives, never a secret itself.
   */
  List<KeyValue> environment(Service s, Map<String, String> environment, Set<String> secretPaths) {
    List<KeyValue> out = new ArrayList<>();
    new TreeMap<>(environment).forEach((k, v) -> out.add(new KeyValue(k, v)));
    if (!opts.envToEb()) {
      secretLooking.add(s, environment, secretPaths);
    }
    return out;
  }

  /** The runtime options that have an ECS field; the rest reported. */
  void options(Service s, ContainerDefinition.Builder c, List<Tmpfs> tmpfs) {
    ContainerOptions o = s.options();
    String path = "services." + s.name();
    s.command().ifPresent(c::command);
    s.entrypoint().ifPresent(c::entryPoint);
    o.workingDir().ifPresent(c::workingDirectory);
    o.user().ifPresent(c::user);
    o.hostname().ifPresent(c::hostname);
    o.privileged().ifPresent(c::privileged);
    o.readOnly().ifPresent(c::readonlyRootFilesystem);
    o.stdinOpen().ifPresent(c::interactive);
    o.tty().ifPresent(c::pseudoTerminal);
    c.dockerLabels(s.labels());
    c.dnsServers(o.dns());
    c.dnsSearchDomains(o.dnsSearch());
    List<HostEntry> hosts = new ArrayList<>();
    for (ContainerOptions.ExtraHost h : o.extraHosts()) {
      if (h.ip().equals("host-gateway")) {
        diags.warning(s.keyLocation("extra_hosts"), path + ".extra_hosts", "extra host " + h.host()
            + ":host-gateway dropped: ECS has no host-gateway", "give the IP address, or use a link");
      } else {
        hosts.add(new HostEntry(h.host(), h.ip()));
      }
    }
    c.extraHosts(hosts);
    List<Ulimit> ulimits = new ArrayList<>();
    for (Map.Entry<String, ContainerOptions.Ulimit> u : o.ulimits().entrySet()) {
      if (ECS_ULIMITS.contains(u.getKey())) {
        ulimits.add(new Ulimit(u.getKey(), (int) Math.min(u.getValue().soft(), Integer.MAX_VALUE),
            (int) Math.min(u.getValue().hard(), Integer.MAX_VALUE)));
      } else {
        diags.warning(s.keyLocation("ulimits"), path + ".ulimits." + u.getKey(), "ulimit \""
            + u.getKey() + "\" dropped: ECS does not support it", "ECS supports " + String.join(", ", ECS_ULIMITS.stream().sorted().toList()));
      }
    }
    c.ulimits(ulimits);
    o.logging().ifPresent(l -> {
      if (l.driver().isEmpty()) {
        if (!l.options().isEmpty()) {
          diags.warning(s.keyLocation("logging.options"), path + ".logging.options", "logging.options"
                  + " dropped: no driver is given, and ECS takes log options only with a logDriver",
              "name the driver they are for, e.g. driver: json-file (Docker's default)");
        }
        return;
      }
      if (ECS_LOG_DRIVERS.contains(l.driver().get())) {
        c.logConfiguration(new LogConfiguration(l.driver().get(), l.options()));
      } else {
        diags.warning(s.keyLocation("logging"), path + ".logging.driver", "log driver \""
            + l.driver().get() + "\" dropped: ECS does not support it",
            "use awslogs, json-file, syslog, fluentd, gelf, journald, splunk or awsfirelens");
      }
    });
    // ECS documents 120 s as the largest stopTimeout
    seconds(o.stopGracePeriod(), 0, 120, s.keyLocation("stop_grace_period"), path + ".stop_grace_period")
        .ifPresent(c::stopTimeout);
    List<SystemControl> sysctls = new ArrayList<>();
    o.sysctls().forEach((k, v) -> sysctls.add(new SystemControl(k, v)));
    c.systemControls(sysctls);
    for (String t : o.tmpfs()) {
      int colon = t.indexOf(':');
      String target = colon < 0 ? t : t.substring(0, colon);
      List<String> mountOptions = new ArrayList<>();
      Optional<Integer> mib = Optional.empty();
      if (colon >= 0) {
        for (String opt : t.substring(colon + 1).split(",")) {
          if (opt.startsWith("size=")) {
            mib = tmpfsMib(opt.substring(5));
            if (mib.isEmpty()) {
              diags.warning(s.keyLocation("tmpfs"), path + ".tmpfs", "tmpfs " + target + " size \""
                  + opt.substring(5) + "\" is not a size; ECS requires one: 64 MiB used",
                  "give bytes or a number with k, m or g, e.g. \"" + target + ":size=64m\"");
              mib = Optional.of(64);
            }
          } else if (TmpfsOptions.accepted(opt.strip())) {
            mountOptions.add(opt.strip());
          } else if (!opt.isBlank()) {
            diags.warning(s.keyLocation("tmpfs"), path + ".tmpfs", "tmpfs " + target + " option \""
                + opt.strip() + "\" dropped: ECS does not accept it in mountOptions", TmpfsOptions.HINT);
          }
        }
      }
      if (mib.isEmpty()) {
        diags.warning(s.keyLocation("tmpfs"), path + ".tmpfs", "tmpfs " + target + " has no size;"
            + " ECS requires one: 64 MiB used", "add a size, e.g. \"" + target + ":size=64m\"");
      }
      tmpfs.add(new Tmpfs(target, mib.orElse(64), mountOptions));
    }
  }

  /** A tmpfs size= value in MiB, rounded up, as docker reads it (go-units, binary multipliers). */
  private static Optional<Integer> tmpfsMib(String size) {
    OptionalLong bytes = Sizes.parse(size.strip());
    if (bytes.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of((int) Math.min(Integer.MAX_VALUE, Math.max(1, (bytes.getAsLong() + MIB - 1) / MIB)));
  }
}
