package dev.compose2eb.dockerrun;

import java.util.HashMap;
import java.util.Locale;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Port mappings: ranges, protocol, host ports unique per protocol, reserved and dynamic ports. */
final class PortRules {
  static final int EPHEMERAL_FROM = 32768;
  static final int LOAD_BALANCER_PORT = 80;

  private final Check check;
  private final List<Check.Item> containers;

  PortRules(Check check, List<Check.Item> containers) {
    this.check = check;
    this.containers = containers;
  }

  void run() {
    Map<String, String> published = new HashMap<>();
    boolean anyMapping = false;
    for (Check.Item c : containers) {
      for (Check.Item p : Check.objects(c.node(), c.path(), "portMappings")) {
        anyMapping = true;
        mapping(p, published);
      }
    }
    if (!containers.isEmpty() && !published.containsKey(LOAD_BALANCER_PORT + "/tcp")) {
      check.info("containerDefinitions", "no container publishes host port 80"
              + (anyMapping ? "" : " (no port mappings at all)")
              + "; EB's load balancer sends traffic to instance port 80 by default",
          "map the entry container, e.g. {\"containerPort\": 8080, \"hostPort\": 80}");
    }
  }

  private void mapping(Check.Item p, Map<String, String> published) {
    Optional<Long> containerPort = Check.integer(p.node(), "containerPort");
    if (!Check.has(p.node(), "containerPort")) {
      check.missing(p.path(), "containerPort", "port mapping has no containerPort; containerPort is required",
          "e.g. {\"containerPort\": 80, \"hostPort\": 80}");
    }
    containerPort.filter(port -> port < 1 || port > 65535).ifPresent(port ->
        check.error(p.child("containerPort"), "containerPort " + port
            + " is out of range 1-65535", "e.g. \"containerPort\": 80"));

    String protocol = Check.text(p.node(), "protocol").orElse("tcp");
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      check.error(p.child("protocol"), "protocol " + JsonValues.quote(protocol)
          + " is not tcp or udp (lowercase)", "e.g. \"protocol\": \"udp\"");
    }

    String forPort = containerPort.map(port -> " for containerPort " + port).orElse("");
    String dynamicRule = " means a dynamic host port, which EB's load balancer does not route to";
    String dynamicHint = "set \"hostPort\" for a container the load balancer or clients must reach,"
        + " e.g. \"hostPort\": 80; links reach the container without a mapping";
    if (!Check.has(p.node(), "hostPort")) {
      check.warning(p.path(), "no hostPort" + forPort + dynamicRule, dynamicHint);
      return;
    }
    Optional<Long> hostPort = Check.integer(p.node(), "hostPort");
    if (hostPort.isEmpty()) {
      return; // wrong type, already reported
    }
    long port = hostPort.get();
    String path = p.child("hostPort");
    if (port == 0) {
      check.warning(path, "hostPort 0" + forPort + dynamicRule, dynamicHint);
    } else if (port < 0 || port > 65535) {
      check.error(path, "hostPort " + port + " is out of range 0-65535", "e.g. \"hostPort\": 80");
    } else {
      if (reserved(port)) {
        check.error(path, "hostPort " + port + " is reserved on ECS instances (22, 2375, 2376,"
            + " 51678-51680)", "publish another host port, e.g. \"hostPort\": 8080");
      } else if (port >= EPHEMERAL_FROM) {
        check.warning(path, "hostPort " + port + " is in the ephemeral range 32768-65535, where"
                + " dynamic ports are assigned", "pick a port below 32768, e.g. \"hostPort\": 8080");
      }
      String key = port + "/" + protocol.toLowerCase(Locale.ROOT);
      String first = published.putIfAbsent(key, path);
      if (first != null) {
        check.error(path, "hostPort " + key + " is already published at " + first
                + "; a host port can be used once per protocol",
            "pick another host port, e.g. \"hostPort\": " + (port == 8080 ? 8081 : 8080));
      }
    }
  }

  static boolean reserved(long port) {
    return port == 22 || port == 2375 || port == 2376 || (port >= 51678 && port <= 51680);
  }
}
