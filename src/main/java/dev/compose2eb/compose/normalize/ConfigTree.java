package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.Build;
import dev.compose2eb.compose.model.ContainerOptions;
import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Deploy;
import dev.compose2eb.compose.model.Healthcheck;
import dev.compose2eb.compose.model.NetworkDef;
import dev.compose2eb.compose.model.PortMapping;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Resources;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.compose.model.VolumeDef;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The resolved project as plain nested values, the way {@code docker compose config} prints it:
 * services and the keys inside them sorted by name, ports and volumes in long form, environment as
 * a mapping, durations in Go syntax, sizes in bytes, paths absolute. Memory and CPU appear once,
 * as the resolved service-level keys ({@code mem_limit}, {@code cpus} ...). Values are
 * {@link LinkedHashMap}, {@link List}, {@link String}, {@link Long} or {@link Boolean}.
 */
public final class ConfigTree {

  private ConfigTree() {}

  /** The tree of {@code project}; the same project always gives the same tree. */
  public static Map<String, Object> of(Project project) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("name", project.name());
    Map<String, Object> services = new TreeMap<>();
    project.services().forEach(s -> services.put(s.name(), service(s)));
    out.put("services", ordered(services));
    if (!project.networks().isEmpty()) {
      Map<String, Object> networks = new TreeMap<>();
      project.networks().forEach((k, n) -> networks.put(k, network(project, n)));
      out.put("networks", ordered(networks));
    }
    if (!project.volumes().isEmpty()) {
      Map<String, Object> volumes = new TreeMap<>();
      project.volumes().forEach((k, v) -> volumes.put(k, volume(project, v)));
      out.put("volumes", ordered(volumes));
    }
    new TreeMap<>(project.other()).forEach((k, v) -> out.put(k, plain(v)));
    new TreeMap<>(project.extensions()).forEach((k, v) -> out.put(k, plain(v)));
    return out;
  }

  private static Map<String, Object> service(Service s) {
    Map<String, Object> m = new TreeMap<>();
    s.image().ifPresent(v -> m.put("image", v));
    s.build().ifPresent(b -> m.put("build", build(b)));
    if (!s.ports().isEmpty()) {
      m.put("ports", s.ports().stream().map(ConfigTree::port).toList());
    }
    if (!s.volumes().isEmpty()) {
      m.put("volumes", s.volumes().stream().map(ConfigTree::volume).toList());
    }
    if (!s.volumesFrom().isEmpty()) {
      m.put("volumes_from", s.volumesFrom().stream()
          .map(v -> (v.container() ? "container:" : "") + v.name() + (v.readOnly() ? ":ro" : "")).toList());
    }
    if (!s.environment().isEmpty()) {
      m.put("environment", sorted(s.environment()));
    }
    s.command().ifPresent(c -> m.put("command", List.copyOf(c)));
    s.entrypoint().ifPresent(c -> m.put("entrypoint", List.copyOf(c)));
    if (!s.dependsOn().isEmpty()) {
      Map<String, Object> deps = new TreeMap<>();
      s.dependsOn().forEach((k, d) -> deps.put(k, dependsOn(d)));
      m.put("depends_on", ordered(deps));
    }
    if (!s.links().isEmpty()) {
      m.put("links", s.links().stream().map(l -> l.service() + l.alias().map(a -> ":" + a).orElse("")).toList());
    }
    s.healthcheck().ifPresent(h -> m.put("healthcheck", healthcheck(h)));
    s.restart().ifPresent(r -> m.put("restart", r));
    resources(s.resources(), m);
    // resources already appear as mem_limit/cpus; a deploy with nothing else is not printed
    s.deploy().map(ConfigTree::deploy).filter(d -> !d.isEmpty()).ifPresent(d -> m.put("deploy", d));
    options(s.options(), m);
    if (!s.labels().isEmpty()) {
      m.put("labels", sorted(s.labels()));
    }
    if (!s.profiles().isEmpty()) {
      m.put("profiles", List.copyOf(s.profiles()));
    }
    s.other().forEach((k, v) -> {
      if (!k.contains(".")) {
        m.put(k, plain(v));
      }
    });
    s.extensions().forEach((k, v) -> m.put(k, plain(v)));
    return ordered(m);
  }

  private static Map<String, Object> build(Build b) {
    Map<String, Object> m = new TreeMap<>();
    m.put("context", b.context());
    if (!b.dockerfile().isEmpty()) {
      m.put("dockerfile", b.dockerfile());
    }
    b.dockerfileInline().ifPresent(v -> m.put("dockerfile_inline", v));
    putMap(m, "args", b.args());
    b.target().ifPresent(v -> m.put("target", v));
    putList(m, "platforms", b.platforms());
    putList(m, "cache_from", b.cacheFrom());
    putList(m, "cache_to", b.cacheTo());
    putMap(m, "labels", b.labels());
    putList(m, "tags", b.tags());
    b.network().ifPresent(v -> m.put("network", v));
    putMap(m, "additional_contexts", b.additionalContexts());
    return ordered(m);
  }

  private static Map<String, Object> port(PortMapping p) {
    Map<String, Object> m = new LinkedHashMap<>();
    p.name().ifPresent(v -> m.put("name", v));
    m.put("mode", p.mode().orElse("ingress")); // compose's default, as `docker compose config` prints it
    p.hostIp().ifPresent(v -> m.put("host_ip", v));
    m.put("target", (long) p.target());
    p.published().ifPresent(v -> m.put("published", v));
    m.put("protocol", p.protocol());
    p.appProtocol().ifPresent(v -> m.put("app_protocol", v));
    return m;
  }

  private static Map<String, Object> volume(ServiceVolume v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("type", v.type().yaml());
    v.source().ifPresent(s -> m.put("source", s));
    m.put("target", v.target());
    if (v.readOnly()) {
      m.put("read_only", true);
    }
    Map<String, Object> bind = new LinkedHashMap<>();
    Map<String, Object> volume = new LinkedHashMap<>();
    Map<String, Object> tmpfs = new LinkedHashMap<>();
    for (String option : v.options()) {
      switch (option) {
        case "rprivate", "private", "rshared", "shared", "rslave", "slave" -> bind.put("propagation", option);
        case Volumes.CREATE_HOST_PATH -> bind.put("create_host_path", true);
        case "z", "Z" -> bind.put("selinux", option);
        case "nocopy" -> volume.put("nocopy", true);
        default -> {
          int eq = option.indexOf('=');
          String key = option.substring(0, Math.max(eq, 0));
          String value = option.substring(eq + 1);
          switch (key) {
            case "subpath" -> volume.put("subpath", value);
            case "mode" -> tmpfs.put("mode", value);
            case "recursive" -> bind.put("recursive", value);
            case "consistency" -> m.put("consistency", value);
            default -> {
              // nothing else is written into options
            }
          }
        }
      }
    }
    v.tmpfsSize().ifPresent(size -> tmpfs.put("size", size));
    if (!bind.isEmpty()) {
      m.put("bind", bind);
    }
    if (!volume.isEmpty()) {
      m.put("volume", volume);
    }
    if (!tmpfs.isEmpty()) {
      m.put("tmpfs", tmpfs);
    }
    return m;
  }

  private static Map<String, Object> dependsOn(DependsOn d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("condition", d.condition().yaml());
    m.put("required", d.required());
    if (d.restart()) {
      m.put("restart", true);
    }
    return m;
  }

  private static Map<String, Object> healthcheck(Healthcheck h) {
    Map<String, Object> m = new TreeMap<>();
    if (!h.test().isEmpty()) {
      m.put("test", List.copyOf(h.test()));
    }
    if (h.disable()) {
      m.put("disable", true);
    }
    h.interval().ifPresent(d -> m.put("interval", go(d)));
    h.timeout().ifPresent(d -> m.put("timeout", go(d)));
    h.retries().ifPresent(r -> m.put("retries", (long) r));
    h.startPeriod().ifPresent(d -> m.put("start_period", go(d)));
    h.startInterval().ifPresent(d -> m.put("start_interval", go(d)));
    return ordered(m);
  }

  private static void resources(Resources r, Map<String, Object> m) {
    r.cpuShares().ifPresent(v -> m.put("cpu_shares", v));
    r.cpus().ifPresent(v -> m.put("cpus", number(v)));
    r.memLimit().ifPresent(v -> m.put("mem_limit", v));
    r.memReservation().ifPresent(v -> m.put("mem_reservation", v));
  }

  private static Map<String, Object> deploy(Deploy d) {
    Map<String, Object> m = new TreeMap<>();
    d.mode().ifPresent(v -> m.put("mode", v));
    d.replicas().ifPresent(v -> m.put("replicas", (long) v));
    putMap(m, "labels", d.labels());
    d.restartPolicy().ifPresent(p -> {
      Map<String, Object> rp = new TreeMap<>();
      p.condition().ifPresent(v -> rp.put("condition", v));
      p.delay().ifPresent(v -> rp.put("delay", go(v)));
      p.maxAttempts().ifPresent(v -> rp.put("max_attempts", (long) v));
      p.window().ifPresent(v -> rp.put("window", go(v)));
      m.put("restart_policy", ordered(rp));
    });
    return ordered(m);
  }

  private static void options(ContainerOptions o, Map<String, Object> m) {
    o.workingDir().ifPresent(v -> m.put("working_dir", v));
    o.user().ifPresent(v -> m.put("user", v));
    o.hostname().ifPresent(v -> m.put("hostname", v));
    o.containerName().ifPresent(v -> m.put("container_name", v));
    o.privileged().ifPresent(v -> m.put("privileged", v));
    o.readOnly().ifPresent(v -> m.put("read_only", v));
    o.init().ifPresent(v -> m.put("init", v));
    o.stdinOpen().ifPresent(v -> m.put("stdin_open", v));
    o.tty().ifPresent(v -> m.put("tty", v));
    putList(m, "extra_hosts", o.extraHosts().stream().map(h -> h.host() + "=" + h.ip()).toList());
    putList(m, "dns", o.dns());
    putList(m, "dns_search", o.dnsSearch());
    if (!o.ulimits().isEmpty()) {
      Map<String, Object> ulimits = new TreeMap<>();
      o.ulimits().forEach((k, u) -> ulimits.put(k, u.soft() == u.hard() ? (Object) u.soft()
          : new LinkedHashMap<>(Map.of("soft", u.soft(), "hard", u.hard()))));
      m.put("ulimits", ordered(ulimits));
    }
    o.logging().ifPresent(l -> {
      Map<String, Object> logging = new LinkedHashMap<>();
      l.driver().ifPresent(d -> logging.put("driver", d));
      putMap(logging, "options", l.options());
      if (!logging.isEmpty()) {
        m.put("logging", logging);
      }
    });
    o.stopGracePeriod().ifPresent(d -> m.put("stop_grace_period", go(d)));
    o.stopSignal().ifPresent(v -> m.put("stop_signal", v));
    putList(m, "cap_add", o.capAdd());
    putList(m, "cap_drop", o.capDrop());
    o.shmSize().ifPresent(v -> m.put("shm_size", v));
    putList(m, "tmpfs", o.tmpfs());
    putMap(m, "sysctls", o.sysctls());
    putList(m, "expose", o.expose());
  }

  private static Map<String, Object> network(Project p, NetworkDef n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.externalName().orElse(n.external() ? n.name() : p.name() + "_" + n.name()));
    n.driver().ifPresent(d -> m.put("driver", d));
    if (n.external()) {
      m.put("external", true);
    }
    return m;
  }

  private static Map<String, Object> volume(Project p, VolumeDef v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", v.externalName().orElse(v.external() ? v.name() : p.name() + "_" + v.name()));
    v.driver().ifPresent(d -> m.put("driver", d));
    putMap(m, "driver_opts", v.driverOpts());
    if (v.external()) {
      m.put("external", true);
    }
    putMap(m, "labels", v.labels());
    return m;
  }

  /** A YAML node as plain values (mappings keep their order). */
  static Object plain(Node n) {
    if (n instanceof MapNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, v) -> out.put(k, plain(v)));
      return out;
    }
    if (n instanceof SeqNode s) {
      List<Object> out = new ArrayList<>();
      s.items().forEach(i -> out.add(plain(i)));
      return out;
    }
    Object v = ((ScalarNode) n).value();
    return v instanceof Double d ? number(d) : v;
  }

  private static String go(Duration d) {
    return Durations.format(d);
  }

  /** Non-integral numbers are printed as text ({@code "0.5"}); whole ones as Long. */
  private static Object number(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? (Object) (long) d
        : ScalarNode.of(d, dev.compose2eb.diag.SourceLocation.ofFile("")).asText();
  }

  private static Map<String, Object> sorted(Map<String, String> map) {
    return ordered(new TreeMap<>(map));
  }

  private static void putMap(Map<String, Object> m, String key, Map<String, String> value) {
    if (!value.isEmpty()) {
      m.put(key, sorted(value));
    }
  }

  private static void putList(Map<String, Object> m, String key, Collection<String> value) {
    if (!value.isEmpty()) {
      m.put(key, List.copyOf(value));
    }
  }

  private static <V> Map<String, Object> ordered(Map<String, V> sorted) {
    return new LinkedHashMap<>(sorted);
  }
}
