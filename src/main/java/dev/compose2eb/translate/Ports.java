package dev.compose2eb.translate;

import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.dockerrun.PortMapping;
import dev.compose2eb.plan.Entry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Port mappings. ECS has no host IP (dropped with a warning) and no sctp (an error); a port
 * without a host port gets a dynamic one that EB's load balancer does not route to; a host port may
 * appear once per protocol across all containers, and the ports the ECS agent and SSH use are
 * reserved. The plan's entry is published on host port 80 (its mapping remapped, or added).
 */
final class Ports {
  static final Set<Integer> RESERVED = Set.of(22, 2375, 2376, 51678, 51679, 51680);

  private final Diagnostics diags;
  private final Optional<Entry> entry;
  private final Map<String, String> hostPortOwner = new HashMap<>();

  Ports(Diagnostics diags, Optional<Entry> entry) {
    this.diags = diags;
    this.entry = entry;
  }

  List<PortMapping> of(Service s) {
    List<PortMapping> out = new ArrayList<>();
    String path = "services." + s.name() + ".ports";
    Optional<Entry> mine = entry.filter(e -> e.service().equals(s.name()));
    for (int i = 0; i < s.ports().size(); i++) {
      var p = s.ports().get(i);
      SourceLocation at = p.location();
      if (mine.flatMap(Entry::portIndex).equals(Optional.of(i))) {
        hostPortOwner.put(Entry.HOST_PORT + "/tcp", s.name());
        out.add(new PortMapping(p.target(), Optional.of(Entry.HOST_PORT), "tcp"));
        continue;
      }
      String proto = p.protocol();
      if (proto.equals("sctp")) {
        diags.error(at, path, "port " + p.target() + "/sctp: ECS supports only tcp and udp",
            "use tcp or udp, e.g. \"" + p.target() + ":" + p.target() + "/udp\"");
        continue;
      }
      p.hostIp().filter(ip -> !ip.isEmpty() && !ip.equals("0.0.0.0") && !ip.equals("::"))
          .ifPresent(ip -> diags.warning(at, path, "host IP " + ip + " of port " + p.target()
              + " dropped: ECS binds published ports on every interface",
              "restrict access with the environment's security group instead"));
      Optional<Integer> host = hostPort(p, at, path);
      if (host.isEmpty()) {
        diags.warning(at, path, "container port " + p.target() + " has no host port: ECS picks a"
                + " dynamic one, which Elastic Beanstalk's load balancer does not route to",
            "publish a fixed host port, e.g. \"80:" + p.target() + "\", if the outside must reach it");
      } else {
        int hp = host.get();
        if (RESERVED.contains(hp)) {
          diags.error(at, path, "host port " + hp + " is reserved on Elastic Beanstalk instances"
                  + " (22 SSH, 2375/2376 Docker, 51678-51680 ECS agent)",
              "publish another host port, e.g. \"8080:" + p.target() + "\"");
        } else if (hp >= 32768) {
          diags.warning(at, path, "host port " + hp + " is in the ephemeral range 32768-65535,"
                  + " which ECS uses for dynamic ports", "publish a port below 32768");
        }
        String key = hp + "/" + proto;
        String owner = hostPortOwner.putIfAbsent(key, s.name());
        if (owner != null) {
          diags.error(at, path, "host port " + key + " is already published by service \"" + owner
                  + "\"; on one instance a host port can be bound once",
              "publish another host port, or route through one proxy container");
        }
      }
      out.add(new PortMapping(p.target(), host, proto));
    }
    if (mine.isPresent() && mine.get().portIndex().isEmpty()) {
      hostPortOwner.put(Entry.HOST_PORT + "/tcp", s.name());
      out.add(new PortMapping(mine.get().containerPort(), Optional.of(Entry.HOST_PORT), "tcp"));
    }
    return out;
  }

  private Optional<Integer> hostPort(dev.compose2eb.compose.model.PortMapping p, SourceLocation at,
      String path) {
    if (p.published().isEmpty() || p.published().get().isEmpty()) {
      return Optional.empty();
    }
    String pub = p.published().get();
    if (pub.matches("\\d+")) {
      int v = Integer.parseInt(pub);
      return v == 0 ? Optional.empty() : Optional.of(v);
    }
    if (pub.matches("\\d+-\\d+")) {
      int first = Integer.parseInt(pub.substring(0, pub.indexOf('-')));
      diags.warning(at, path, "host port range " + pub + " for container port " + p.target()
              + " narrowed to " + first + ": ECS needs one host port per mapping",
          "publish a single host port, e.g. \"" + first + ":" + p.target() + "\"");
      return Optional.of(first);
    }
    diags.error(at, path, "invalid published port \"" + pub + "\"", "e.g. published: 8080");
    return Optional.empty();
  }
}
