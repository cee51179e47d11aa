package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.PortMapping;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code ports} in both syntaxes, to one long-form mapping per container port, like compose-go's
 * {@code ParsePortConfig} over docker's go-connections {@code nat.ParsePortSpec}.
 */
final class Ports {
  static final String EXPECTED = "expected [HOST:]CONTAINER[/PROTOCOL], e.g. \"8080:80\"";

  private final NodeReader in;

  Ports(NodeReader in) {
    this.in = in;
  }

  List<PortMapping> read(Node node, String path) {
    List<PortMapping> out = new ArrayList<>();
    Optional<SeqNode> seq = in.seq(node, path, "ports: [\"8080:80\"]");
    if (seq.isEmpty()) {
      return out;
    }
    for (int i = 0; i < seq.get().size(); i++) {
      Node item = seq.get().get(i);
      // a string's key path is built only when it fails to parse, below
      String at = item instanceof ScalarNode s && s.isString() ? null : path + "[" + i + "]";
      if (item instanceof MapNode m) {
        longForm(m, at).ifPresent(out::add);
      } else if (item instanceof ScalarNode s && s.value() instanceof Long l) {
        if (l < 0 || l > 65535) {
          in.error(item, at, "invalid port " + l + ": a port is 0 to 65535", "e.g. 80");
        } else {
          out.add(new PortMapping(l.intValue(), Optional.empty(), Optional.empty(), "tcp",
              Optional.empty(), Optional.empty(), Optional.empty(), item.location()));
        }
      } else if (item instanceof ScalarNode s && s.isString()) {
        String spec = (String) s.value();
        try {
          for (Spec p : parse(spec)) {
            out.add(new PortMapping(p.target, p.published, p.hostIp, p.protocol,
                Optional.empty(), Optional.empty(), Optional.empty(), item.location()));
          }
        } catch (IllegalArgumentException e) {
          String reason = e.getMessage();
          in.error(item, path + "[" + i + "]", "invalid port " + NodeReader.quote(spec)
              + (reason.isEmpty() ? "" : " (" + reason + ")"), EXPECTED);
        }
      } else {
        in.typeError(item, at, "a port string, a number or a mapping", "\"8080:80\"");
      }
    }
    return out;
  }

  private Optional<PortMapping> longForm(MapNode m, String path) {
    in.checkKeys(m, path, Keys.PORT);
    Optional<Long> target = in.integer(m.get("target"), path + ".target", "target: 80");
    if (!m.has("target") || NodeReader.isNull(m.get("target"))) {
      in.error(m, path, "a port in long form needs a target", "e.g. {target: 80, published: \"8080\"}");
      return Optional.empty();
    }
    if (target.isEmpty()) {
      return Optional.empty();
    }
    if (target.get() < 0 || target.get() > 65535) {
      in.error(m.get("target"), path + ".target", "invalid port " + target.get() + ": a port is 0 to 65535", "e.g. target: 80");
      return Optional.empty();
    }
    Optional<String> published = in.text(m.get("published"), path + ".published", "published: \"8080\"");
    if (published.isPresent()) {
      if (published.get().isEmpty()) {
        published = Optional.empty();
      } else {
        try {
          range(published.get());
        } catch (IllegalArgumentException e) {
          in.error(m.get("published"), path + ".published",
              "invalid published port " + NodeReader.quote(published.get()) + " (" + e.getMessage() + ")",
              "a port or a range, e.g. \"8080\" or \"8000-8010\"");
          return Optional.empty();
        }
      }
    }
    Optional<String> protocol = in.string(m.get("protocol"), path + ".protocol", "protocol: udp");
    String proto = protocol.map(p -> p.toLowerCase(Locale.ROOT)).orElse("tcp");
    if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
      in.error(m.get("protocol"), path + ".protocol", "invalid protocol " + NodeReader.quote(protocol.get()),
          "one of tcp, udp, sctp");
      return Optional.empty();
    }
    Optional<String> hostIp = in.string(m.get("host_ip"), path + ".host_ip", "host_ip: 127.0.0.1");
    Optional<String> mode = in.string(m.get("mode"), path + ".mode", "mode: host");
    Optional<String> name = in.string(m.get("name"), path + ".name", "name: http");
    Optional<String> appProtocol = in.string(m.get("app_protocol"), path + ".app_protocol", "app_protocol: http");
    return Optional.of(new PortMapping(target.get().intValue(), published, hostIp, proto,
        mode, name, appProtocol, m.location()));
  }

  record Spec(int target, Optional<String> published, Optional<String> hostIp, String protocol) {}

  /** Parses one short-form spec; throws with the reason ("" for plain syntax errors). */
  static List<Spec> parse(String raw) {
    String[] parts = raw.split(":", -1);
    String ip;
    String hostPort;
    String containerPort;
    switch (parts.length) {
      case 1 -> {
        ip = "";
        hostPort = "";
        containerPort = parts[0];
      }
      case 2 -> {
        ip = "";
        hostPort = parts[0];
        containerPort = parts[1];
      }
      case 3 -> {
        ip = parts[0];
        hostPort = parts[1];
        containerPort = parts[2];
      }
      default -> {
        int n = parts.length;
        ip = String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2));
        hostPort = parts[n - 2];
        containerPort = parts[n - 1];
      }
    }
    String proto = "tcp";
    int slash = containerPort.indexOf('/');
    if (slash >= 0) {
      proto = containerPort.substring(slash + 1).toLowerCase(Locale.ROOT);
      containerPort = containerPort.substring(0, slash);
      if (proto.isEmpty()) {
        proto = "tcp";
      }
    }
    if (!proto.equals("tcp") && !proto.equals("udp") && !proto.equals("sctp")) {
      throw new IllegalArgumentException("invalid protocol " + NodeReader.quote(proto) + "; use tcp, udp or sctp");
    }
    if (!ip.isEmpty() && ip.charAt(0) == '[') {
      if (!ip.endsWith("]")) {
        throw new IllegalArgumentException("invalid IP address " + ip);
      }
      ip = ip.substring(1, ip.length() - 1);
    }
    if (!ip.isEmpty() && !IpAddresses.valid(ip)) {
      throw new IllegalArgumentException("invalid IP address " + ip);
    }
    if (containerPort.isEmpty()) {
      throw new IllegalArgumentException("");
    }
    int[] container = rangeOr(containerPort);
    int[] host = null;
    if (!hostPort.isEmpty()) {
      host = rangeOr(hostPort);
      if (container[1] - container[0] != host[1] - host[0] && container[1] != container[0]) {
        throw new IllegalArgumentException(
            "the host range " + hostPort + " and the container range " + containerPort + " differ in length");
      }
    }
    int count = container[1] - container[0] + 1;
    List<String[]> keyed = new ArrayList<>();
    List<Spec> out = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      Optional<String> published = Optional.empty();
      if (host != null) {
        String h = Integer.toString(host[0] + i);
        if (count == 1 && host[0] != host[1]) {
          h += "-" + host[1]; // a single container port may take any port of the host range
        }
        published = Optional.of(h);
      }
      out.add(new Spec(container[0] + i, published, ip.isEmpty() ? Optional.empty() : Optional.of(ip), proto));
    }
    // compose-go sorts the expanded ports by their "port/proto" text, as Go's sort.Strings does
    out.sort(Comparator.comparing(s -> s.target() + "/" + s.protocol()));
    return out;
  }

  /** A port or range of a short spec; a malformed one is a plain syntax error (no extra reason). */
  private static int[] rangeOr(String text) {
    try {
      return range(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("");
    }
  }

  /** {@code 80} or {@code 8000-8010}: the start and end port. */
  static int[] range(String text) {
    int dash = text.indexOf('-');
    if (dash < 0) {
      int p = port(text);
      return new int[] {p, p};
    }
    int start = port(text.substring(0, dash));
    int end = port(text.substring(dash + 1));
    if (end < start) {
      throw new IllegalArgumentException("the range " + text + " ends before it starts");
    }
    return new int[] {start, end};
  }

  private static boolean digits(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) < '0' || text.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }

  private static int port(String text) {
    if (text.isEmpty() || text.length() > 5 || !digits(text)) {
      throw new IllegalArgumentException("not a port number: " + NodeReader.quote(text));
    }
    int p = Integer.parseInt(text);
    if (p > 65535) {
      throw new IllegalArgumentException("a port is 0 to 65535");
    }
    return p;
  }
}
