package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.Deploy;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code deploy}: mode, replicas, restart_policy and labels into {@link Deploy}; resources into
 * {@link Parsed} for the consistency checks; the rest (placement, update_config ...) into
 * Service.other as {@code deploy.<key>}.
 */
final class Deploys {
  private final NodeReader in;
  private final SizeReader sizes;

  Deploys(NodeReader in) {
    this.in = in;
    this.sizes = new SizeReader(in);
  }

  /** What deploy.resources says; {@code limitsGiven} mirrors compose-go's non-nil Limits. */
  record Parsed(
      Optional<Deploy> deploy,
      boolean limitsGiven,
      OptionalLong memLimit,
      Optional<Double> cpus,
      Optional<Long> pids,
      boolean reservationsGiven,
      OptionalLong memReservation,
      Optional<Double> cpuReservation,
      Optional<Node> limitsNode,
      Optional<Node> reservationsNode) {

    static Parsed none() {
      return new Parsed(Optional.empty(), false, OptionalLong.empty(), Optional.empty(), Optional.empty(),
          false, OptionalLong.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }
  }

  Parsed read(Node node, String path, Map<String, Node> other) {
    Optional<MapNode> map = in.map(node, path, "deploy: {replicas: 2}");
    if (map.isEmpty()) {
      return Parsed.none();
    }
    MapNode m = map.get();
    in.checkKeys(m, path, Keys.DEPLOY);
    Optional<Long> replicas = in.integer(m.get("replicas"), path + ".replicas", "replicas: 2");
    replicas.filter(r -> r < 0 || r > Integer.MAX_VALUE).ifPresent(r ->
        in.error(m.get("replicas"), path + ".replicas", "invalid replicas " + r + ": must not be negative", "e.g. replicas: 2"));
    Optional<Deploy.RestartPolicy> restartPolicy = restartPolicy(m.get("restart_policy"), path + ".restart_policy");
    for (String key : new String[] {"update_config", "rollback_config"}) {
      in.map(m.get(key), path + "." + key, key + ": {parallelism: 1}").ifPresent(u -> in.checkKeys(u, path + "." + key, Keys.UPDATE_CONFIG));
    }
    in.map(m.get("placement"), path + ".placement", "placement: {constraints: [\"node.role==manager\"]}")
        .ifPresent(p -> in.checkKeys(p, path + ".placement", Keys.PLACEMENT));
    in.string(m.get("endpoint_mode"), path + ".endpoint_mode", "endpoint_mode: vip");
    for (String key : new String[] {"endpoint_mode", "update_config", "rollback_config", "placement"}) {
      if (m.has(key)) {
        other.put("deploy." + key, m.get(key));
      }
    }
    Deploy deploy = new Deploy(
        in.string(m.get("mode"), path + ".mode", "mode: replicated"),
        replicas.filter(r -> r >= 0 && r <= Integer.MAX_VALUE).map(Long::intValue),
        restartPolicy,
        in.stringMap(m.get("labels"), path + ".labels", "labels: {team: web}"));

    Optional<MapNode> resources = in.map(m.get("resources"), path + ".resources", "resources: {limits: {memory: 512m}}");
    resources.ifPresent(r -> in.checkKeys(r, path + ".resources", Keys.RESOURCES));
    String lp = path + ".resources.limits";
    String rp = path + ".resources.reservations";
    Optional<MapNode> limits = resources.flatMap(r -> in.map(r.get("limits"), lp, "limits: {memory: 512m}"));
    Optional<MapNode> reservations = resources.flatMap(r -> in.map(r.get("reservations"), rp, "reservations: {memory: 256m}"));
    limits.ifPresent(l -> in.checkKeys(l, lp, Keys.LIMITS));
    reservations.ifPresent(r -> in.checkKeys(r, rp, Keys.RESERVATIONS));
    limits.filter(l -> l.has("pids")).ifPresent(l -> other.put("deploy.resources.limits.pids", l.get("pids")));
    reservations.ifPresent(r -> {
      for (String key : new String[] {"devices", "generic_resources"}) {
        if (r.has(key)) {
          other.put("deploy.resources.reservations." + key, r.get(key));
        }
      }
    });
    return new Parsed(
        Optional.of(deploy),
        limits.isPresent(),
        limits.map(l -> sizes.read(l.get("memory"), lp + ".memory", "memory: 512m")).orElse(OptionalLong.empty()),
        limits.flatMap(l -> cpus(l.get("cpus"), lp + ".cpus")),
        limits.flatMap(l -> in.integer(l.get("pids"), lp + ".pids", "pids: 100")),
        reservations.isPresent(),
        reservations.map(r -> sizes.read(r.get("memory"), rp + ".memory", "memory: 256m")).orElse(OptionalLong.empty()),
        reservations.flatMap(r -> cpus(r.get("cpus"), rp + ".cpus")),
        limits.map(l -> l),
        reservations.map(r -> r));
  }

  Optional<Double> cpus(Node node, String path) {
    Optional<Double> cpus = in.number(node, path, "cpus: 0.5");
    if (cpus.isPresent() && cpus.get() < 0) {
      in.error(node, path, "invalid cpus " + cpus.get() + ": must not be negative", "e.g. cpus: 0.5");
      return Optional.empty();
    }
    return cpus;
  }

  private Optional<Deploy.RestartPolicy> restartPolicy(Node node, String path) {
    return in.map(node, path, "restart_policy: {condition: on-failure}").map(p -> {
      in.checkKeys(p, path, Keys.RESTART_POLICY);
      Optional<Long> attempts = in.integer(p.get("max_attempts"), path + ".max_attempts", "max_attempts: 3");
      return new Deploy.RestartPolicy(
          in.string(p.get("condition"), path + ".condition", "condition: on-failure"),
          Healthchecks.readDuration(in, p.get("delay"), path + ".delay"),
          attempts.filter(a -> a >= 0 && a <= Integer.MAX_VALUE).map(Long::intValue),
          Healthchecks.readDuration(in, p.get("window"), path + ".window"));
    });
  }
}
