package dev.compose2eb.ebcompose;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.ContainerDependency;
import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.dockerrun.HealthCheck;
import dev.compose2eb.dockerrun.KeyValue;
import dev.compose2eb.dockerrun.LinuxParameters;
import dev.compose2eb.dockerrun.MountPoint;
import dev.compose2eb.dockerrun.PortMapping;
import dev.compose2eb.dockerrun.Volume;
import dev.compose2eb.plan.ManagedPlan;
import dev.compose2eb.plan.VariablePlan;
import dev.compose2eb.yaml.YamlWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The migration aid for teams leaving the ECS platform: a Dockerrun.aws.json v2 as the equivalent
 * docker-compose.yml for the Docker platform. Links become plain service names (compose resolves
 * them on its network; an alias is kept as a link), ECS dependency conditions become compose's,
 * volumes of the bundle ({@code /var/app/current/...}) become relative binds, EB's
 * {@code awseb-logs-<container>} volume becomes its Docker-platform log directory.
 */
public final class DockerrunMigration {
  private static final String BUNDLE_ROOT = "/var/app/current";
  private static final String LOG_VOLUME = "awseb-logs-";
  static final String MARK = "# Migrated by compose2eb";

  private final String file;
  private final Dockerrun dockerrun;
  private final Diagnostics diags = new Diagnostics();
  private final Map<String, Object> namedVolumes = new TreeMap<>();

  private DockerrunMigration(String file, Dockerrun dockerrun) {
    this.file = file;
    this.dockerrun = dockerrun;
  }

  /** The compose file (text) and what changed on the way, in {@link EbCompose#report()}. */
  public static EbCompose migrate(String file, Dockerrun dockerrun) {
    return new DockerrunMigration(file, dockerrun).run();
  }

  private EbCompose run() {
    Map<String, Object> services = new TreeMap<>();
    for (ContainerDefinition c : dockerrun.containerDefinitions()) {
      services.put(c.name(), service(c));
    }
    dockerrun.authentication().ifPresent(a -> diags.warning(at(), "authentication",
        "authentication (s3://" + a.bucket() + "/" + a.key() + ") is not carried over: the Docker"
            + " platform names private registry credentials in a Dockerrun.aws.json v3",
        "ECR images need none (the instance profile reads ECR)"));
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("services", new LinkedHashMap<>(services));
    if (!namedVolumes.isEmpty()) {
      root.put("volumes", new LinkedHashMap<>(namedVolumes));
    }
    String text = MARK + " from " + file + " (Dockerrun.aws.json v2) for Elastic"
        + " Beanstalk's Docker platform\n" + YamlWriter.write(root).replace("$", "$$");
    return new EbCompose(text, VariablePlan.empty(), diags.list(), List.of(), ManagedPlan.none());
  }

  private SourceLocation at() {
    return SourceLocation.ofFile(file);
  }

  private Map<String, Object> service(ContainerDefinition c) {
    String path = "containerDefinitions." + c.name();
    Map<String, Object> m = new TreeMap<>();
    m.put("image", c.image());
    c.memory().ifPresent(v -> m.put("mem_limit", v + "m"));
    c.memoryReservation().ifPresent(v -> m.put("mem_reservation", v + "m"));
    c.cpu().filter(v -> v > 0).ifPresent(v -> m.put("cpu_shares", (long) v));
    if (!c.essential()) {
      diags.info(at(), path + ".essential", "essential: false has no compose equivalent: compose"
          + " keeps the other services running when " + c.name() + " stops", "");
    }
    if (!c.portMappings().isEmpty()) {
      m.put("ports", c.portMappings().stream().map(DockerrunMigration::port).toList());
    }
    List<String> aliases = c.links().stream().filter(l -> l.contains(":")).toList();
    if (!aliases.isEmpty()) {
      m.put("links", aliases);
    }
    if (c.links().size() > aliases.size()) {
      diags.info(at(), path + ".links", "links to " + String.join(", ", c.links().stream()
          .filter(l -> !l.contains(":")).toList()) + " dropped: services reach each other by name"
          + " on the compose network", "");
    }
    if (!c.dependsOn().isEmpty()) {
      Map<String, Object> deps = new TreeMap<>();
      for (ContainerDependency d : c.dependsOn()) {
        deps.put(d.containerName(), Map.of("condition", condition(d, path)));
      }
      m.put("depends_on", new LinkedHashMap<>(deps));
    }
    if (!c.environment().isEmpty()) {
      Map<String, Object> env = new TreeMap<>();
      for (KeyValue kv : c.environment()) {
        env.put(kv.name(), kv.value());
      }
      m.put("environment", new LinkedHashMap<>(env));
    }
    List<Object> volumes = new ArrayList<>();
    for (MountPoint mp : c.mountPoints()) {
      mount(c, mp, path).ifPresent(volumes::add);
    }
    c.linuxParameters().map(LinuxParameters::tmpfs).orElse(List.of())
        .forEach(t -> volumes.add(Map.of("type", "tmpfs", "target", t.containerPath(),
            "tmpfs", Map.of("size", (long) t.size() << 20))));
    if (!volumes.isEmpty()) {
      m.put("volumes", volumes);
    }
    if (!c.volumesFrom().isEmpty()) {
      m.put("volumes_from", c.volumesFrom().stream()
          .map(v -> v.sourceContainer() + (v.readOnly() ? ":ro" : "")).toList());
    }
    c.command().ifPresent(v -> m.put("command", v));
    c.entryPoint().ifPresent(v -> m.put("entrypoint", v));
    c.workingDirectory().ifPresent(v -> m.put("working_dir", v));
    c.user().ifPresent(v -> m.put("user", v));
    c.hostname().ifPresent(v -> m.put("hostname", v));
    c.privileged().ifPresent(v -> m.put("privileged", v));
    c.readonlyRootFilesystem().ifPresent(v -> m.put("read_only", v));
    c.interactive().ifPresent(v -> m.put("stdin_open", v));
    c.pseudoTerminal().ifPresent(v -> m.put("tty", v));
    if (!c.dockerLabels().isEmpty()) {
      m.put("labels", new LinkedHashMap<>(c.dockerLabels()));
    }
    if (!c.dnsServers().isEmpty()) {
      m.put("dns", c.dnsServers());
    }
    if (!c.dnsSearchDomains().isEmpty()) {
      m.put("dns_search", c.dnsSearchDomains());
    }
    if (!c.extraHosts().isEmpty()) {
      m.put("extra_hosts", c.extraHosts().stream().map(h -> h.hostname() + "=" + h.ipAddress()).toList());
    }
    if (!c.ulimits().isEmpty()) {
      Map<String, Object> u = new TreeMap<>();
      c.ulimits().forEach(l -> u.put(l.name(),
          Map.of("soft", (long) l.softLimit(), "hard", (long) l.hardLimit())));
      m.put("ulimits", new LinkedHashMap<>(u));
    }
    c.logConfiguration().ifPresent(l -> {
      Map<String, Object> logging = new LinkedHashMap<>();
      logging.put("driver", l.logDriver());
      if (!l.options().isEmpty()) {
        logging.put("options", new LinkedHashMap<>(l.options()));
      }
      m.put("logging", logging);
    });
    c.healthCheck().ifPresent(h -> m.put("healthcheck", healthcheck(h)));
    c.stopTimeout().ifPresent(v -> m.put("stop_grace_period", v + "s"));
    c.linuxParameters().ifPresent(lp -> {
      if (!lp.capabilitiesAdd().isEmpty()) {
        m.put("cap_add", lp.capabilitiesAdd());
      }
      if (!lp.capabilitiesDrop().isEmpty()) {
        m.put("cap_drop", lp.capabilitiesDrop());
      }
      lp.initProcessEnabled().ifPresent(v -> m.put("init", v));
      lp.sharedMemorySize().ifPresent(v -> m.put("shm_size", v + "m"));
    });
    if (!c.systemControls().isEmpty()) {
      Map<String, Object> s = new TreeMap<>();
      c.systemControls().forEach(sc -> s.put(sc.namespace(), sc.value()));
      m.put("sysctls", new LinkedHashMap<>(s));
    }
    return new LinkedHashMap<>(m);
  }

  private static String port(PortMapping p) {
    String proto = p.protocol().equals("tcp") ? "" : "/" + p.protocol();
    return p.hostPort().filter(h -> h > 0).map(h -> h + ":" + p.containerPort() + proto)
        .orElse(p.containerPort() + proto);
  }

  /** ECS conditions as compose's; COMPLETE (any exit code) has no exact equivalent. */
  private String condition(ContainerDependency d, String path) {
    return switch (d.condition()) {
      case "HEALTHY" -> "service_healthy";
      case "SUCCESS" -> "service_completed_successfully";
      case "COMPLETE" -> {
        diags.info(at(), path + ".dependsOn." + d.containerName(), "condition COMPLETE written as"
            + " service_completed_successfully: compose has no condition for any exit code", "");
        yield "service_completed_successfully";
      }
      default -> "service_started";
    };
  }

  private Optional<Object> mount(ContainerDefinition c, MountPoint mp, String path) {
    String ro = mp.readOnly() ? ":ro" : "";
    if (mp.sourceVolume().startsWith(LOG_VOLUME)) {
      return Optional.of(EbComposeWriter.LOG_ROOT + "/" + c.name() + ":" + mp.containerPath() + ro);
    }
    Optional<Volume> v = dockerrun.volumes().stream()
        .filter(x -> x.name().equals(mp.sourceVolume())).findFirst();
    if (v.isEmpty()) {
      diags.warning(at(), path + ".mountPoints", "volume " + mp.sourceVolume() + " is not declared;"
          + " the mount at " + mp.containerPath() + " is left out", "declare it under volumes");
      return Optional.empty();
    }
    if (v.get().host().isEmpty()) {
      namedVolumes.put(v.get().name(), new LinkedHashMap<>());
      return Optional.of(v.get().name() + ":" + mp.containerPath() + ro);
    }
    String source = v.get().host().get().sourcePath();
    if (source.equals(BUNDLE_ROOT) || source.startsWith(BUNDLE_ROOT + "/")) {
      String rel = source.substring(BUNDLE_ROOT.length()).replaceFirst("^/", "");
      return Optional.of((rel.isEmpty() ? "." : "./" + rel) + ":" + mp.containerPath() + ro);
    }
    return Optional.of(source + ":" + mp.containerPath() + ro);
  }

  private static Map<String, Object> healthcheck(HealthCheck h) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("test", h.command());
    h.interval().ifPresent(v -> m.put("interval", v + "s"));
    h.timeout().ifPresent(v -> m.put("timeout", v + "s"));
    h.retries().ifPresent(v -> m.put("retries", (long) v));
    h.startPeriod().ifPresent(v -> m.put("start_period", v + "s"));
    return m;
  }
}
