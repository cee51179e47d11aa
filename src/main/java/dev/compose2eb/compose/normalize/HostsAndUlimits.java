package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.ContainerOptions.ExtraHost;
import dev.compose2eb.compose.model.ContainerOptions.Ulimit;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.SeqNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@code extra_hosts} and {@code ulimits}, which a service and its {@code build} both have. */
final class HostsAndUlimits {
  private final NodeReader in;

  HostsAndUlimits(NodeReader in) {
    this.in = in;
  }

  /** {@code host:ip}, {@code host=ip} (several IPs comma-separated) or a mapping; IPv6 brackets dropped. */
  List<ExtraHost> extraHosts(Node node, String path) {
    List<ExtraHost> out = new ArrayList<>();
    if (NodeReader.isNull(node)) {
      return out;
    }
    if (node instanceof MapNode m) {
      m.entries().forEach((host, v) -> {
        List<String> ips = v instanceof SeqNode ? in.stringList(v, path + "." + host, "[\"10.0.0.1\"]")
            : in.text(v, path + "." + host, "\"10.0.0.1\"").map(List::of).orElse(List.of(""));
        ips.forEach(ip -> out.add(new ExtraHost(host, unbracket(ip))));
      });
      return out;
    }
    List<String> entries = in.stringList(node, path, "extra_hosts: [\"db=10.0.0.5\"]");
    SeqNode seq = node instanceof SeqNode sq ? sq : null;
    for (int i = 0; i < entries.size(); i++) {
      String e = entries.get(i);
      int eq = e.indexOf('=');
      int sep = eq >= 0 ? eq : e.indexOf(':');
      if (sep < 0) {
        in.error(seq != null ? seq.get(i) : node, path + "[" + i + "]",
            "invalid additional host, missing IP: " + NodeReader.quote(e), "expected HOST=IP or HOST:IP, e.g. \"db=10.0.0.5\"");
        continue;
      }
      String host = e.substring(0, sep);
      for (String ip : e.substring(sep + 1).split(",", -1)) {
        out.add(new ExtraHost(host, unbracket(ip)));
      }
    }
    return out;
  }

  private static String unbracket(String ip) {
    return ip.length() >= 2 && ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
  }

  /** {@code nofile: 1024} sets both limits; {@code nofile: {soft, hard}} sets each. */
  Map<String, Ulimit> ulimits(Node node, String path) {
    Map<String, Ulimit> out = new LinkedHashMap<>();
    in.map(node, path, "ulimits: {nofile: {soft: 1024, hard: 4096}}").ifPresent(m -> m.entries().forEach((k, v) -> {
      String at = path + "." + k;
      if (v instanceof MapNode limits) {
        in.checkKeys(limits, at, Keys.ULIMIT);
        Optional<Long> soft = in.integer(limits.get("soft"), at + ".soft", "soft: 1024");
        Optional<Long> hard = in.integer(limits.get("hard"), at + ".hard", "hard: 4096");
        if (NodeReader.isNull(limits.get("soft")) || NodeReader.isNull(limits.get("hard"))) {
          in.error(limits, at, "a ulimit needs both soft and hard", "e.g. " + k + ": {soft: 1024, hard: 4096}");
        } else if (soft.isPresent() && hard.isPresent()) {
          if (soft.get() > hard.get()) {
            in.error(limits, at, "the soft limit " + soft.get() + " is greater than the hard limit " + hard.get(),
                "e.g. " + k + ": {soft: 1024, hard: 4096}");
          }
          out.put(k, new Ulimit(soft.get(), hard.get()));
        }
      } else {
        in.integer(v, at, k + ": 65535").ifPresent(n -> out.put(k, new Ulimit(n, n)));
      }
    }));
    return out;
  }
}
