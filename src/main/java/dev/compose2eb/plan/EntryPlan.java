package dev.compose2eb.plan;

import dev.compose2eb.compose.model.PortMapping;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Which container serves on host port 80, where Elastic Beanstalk's load balancer sends traffic.
 * A service publishing 80 is the entry. Otherwise the one service that publishes a port (other than
 * a database's or a cache's) has its first published port remapped to 80; with several, the user
 * chooses ({@code --entry}, {@code x-eb: {entry}}). Published database and cache ports on other
 * services are warned about: they open the instance to the database.
 */
final class EntryPlan {
  /** Well-known ports of databases, caches and brokers, with what listens there. */
  static final Map<Integer, String> DATABASE_PORTS = Map.ofEntries(Map.entry(5432, "PostgreSQL"),
      Map.entry(3306, "MySQL"), Map.entry(27017, "MongoDB"), Map.entry(6379, "Redis"),
      Map.entry(11211, "Memcached"), Map.entry(1433, "SQL Server"), Map.entry(1521, "Oracle"),
      Map.entry(9042, "Cassandra"), Map.entry(9200, "Elasticsearch"), Map.entry(5672, "RabbitMQ"),
      Map.entry(26257, "CockroachDB"), Map.entry(8086, "InfluxDB"));

  private EntryPlan() {}

  static Optional<Entry> of(Project project, PlanSettings settings, Diagnostics diags) {
    Optional<Entry> entry = settings.entry().isPresent()
        ? chosen(project, settings.entry().get(), settings.entryAt(), diags)
        : automatic(project, diags);
    String entryService = entry.map(Entry::service).orElse("");
    for (Service s : project.services()) {
      if (s.name().equals(entryService)) {
        continue;
      }
      for (PortMapping p : s.ports()) {
        Optional<Integer> host = hostPort(p);
        if (host.isPresent() && DATABASE_PORTS.containsKey(host.get())) {
          diags.warning(p.location(), "services." + s.name() + ".ports", "host port " + host.get()
                  + " of \"" + s.name() + "\" publishes " + DATABASE_PORTS.get(host.get()) + " on the"
                  + " instance: anyone the security group lets in can reach it",
              "remove the published port; the other containers reach " + s.name()
                  + " by name without it");
        }
      }
    }
    return entry;
  }

  /** The entry named by {@code --entry} or {@code x-eb: {entry}}: {@code SERVICE[:PORT]}. */
  private static Optional<Entry> chosen(Project project, String spec, SourceLocation at,
      Diagnostics diags) {
    String where = at == null ? "--entry" : "x-eb.entry";
    int colon = spec.lastIndexOf(':');
    String name = colon < 0 ? spec : spec.substring(0, colon);
    Optional<Integer> port = Optional.empty();
    if (colon >= 0) {
      String p = spec.substring(colon + 1);
      if (!p.matches("\\d{1,5}") || Integer.parseInt(p) < 1 || Integer.parseInt(p) > 65535) {
        diags.error(at, where, "entry \"" + spec + "\": " + p + " is not a port",
            "give SERVICE or SERVICE:PORT, e.g. web:3000");
        return Optional.empty();
      }
      port = Optional.of(Integer.parseInt(p));
    }
    Optional<Service> service = project.service(name);
    if (service.isEmpty()) {
      diags.error(at, where, "entry \"" + name + "\" is not a service of the project",
          "choose one of " + project.services().stream().map(Service::name)
              .collect(Collectors.joining(", ")));
      return Optional.empty();
    }
    Service s = service.get();
    for (Service other : project.services()) {
      for (PortMapping p : other.ports()) {
        if (!other.name().equals(name) && isHost80(p)) {
          diags.error(p.location(), "services." + other.name() + ".ports", "\"" + other.name()
                  + "\" publishes host port 80, but the entry is \"" + name + "\"",
              "publish " + other.name() + " on another port, or make it the entry");
          return Optional.empty();
        }
      }
    }
    List<PortMapping> ports = s.ports();
    for (int i = 0; i < ports.size(); i++) {
      PortMapping p = ports.get(i);
      if (p.protocol().equals("tcp") && (port.isEmpty() || port.get() == p.target())) {
        return Optional.of(remap(s, i, p, "it is the chosen entry (" + where + ")", diags));
      }
    }
    if (port.isEmpty()) {
      diags.error(at, where, "entry \"" + name + "\" has no tcp port to serve on",
          "give its port: --entry " + name + ":PORT");
      return Optional.empty();
    }
    diags.info(s.location(), "services." + name + ".ports", "\"" + name + "\" serves on host port 80"
        + " from container port " + port.get() + ": it is the chosen entry (" + where + ")", "");
    return Optional.of(new Entry(name, port.get(), Optional.empty(), Optional.empty()));
  }

  private static Optional<Entry> automatic(Project project, Diagnostics diags) {
    List<Service> candidates = new ArrayList<>();
    for (Service s : project.services()) {
      List<PortMapping> ports = s.ports();
      for (int i = 0; i < ports.size(); i++) {
        if (isHost80(ports.get(i))) {
          return Optional.of(new Entry(s.name(), ports.get(i).target(), Optional.of(i),
              Optional.empty()));
        }
      }
      if (ports.stream().anyMatch(p -> p.protocol().equals("tcp") && hostPort(p).isPresent()
          && !DATABASE_PORTS.containsKey(hostPort(p).get()))) {
        candidates.add(s);
      }
    }
    if (candidates.isEmpty()) {
      if (!project.services().isEmpty()) {
        diags.warning(project.services().get(0).location(), "services", "no container publishes"
                + " host port 80, where Elastic Beanstalk's load balancer sends traffic",
            "publish the entry container on 80, e.g. ports: [\"80:3000\"], or choose it with"
                + " --entry SERVICE:PORT");
      }
      return Optional.empty();
    }
    if (candidates.size() > 1) {
      diags.error(candidates.get(1).keyLocation("ports"), "services", "no container publishes host"
              + " port 80, and " + candidates.stream().map(s -> "\"" + s.name() + "\"")
              .collect(Collectors.joining(", ")) + " all publish ports: which one should Elastic"
              + " Beanstalk's load balancer reach?",
          "choose it with x-eb: {entry: " + candidates.get(0).name() + "} at the top level, or --entry "
              + candidates.get(0).name() + "[:PORT]");
      return Optional.empty();
    }
    Service s = candidates.get(0);
    List<PortMapping> ports = s.ports();
    for (int i = 0; i < ports.size(); i++) {
      PortMapping p = ports.get(i);
      if (p.protocol().equals("tcp") && hostPort(p).isPresent()
          && !DATABASE_PORTS.containsKey(hostPort(p).get())) {
        return Optional.of(remap(s, i, p, "it is the only service that publishes a port", diags));
      }
    }
    throw new IllegalStateException("a candidate without a published port");
  }

  /** The entry on the mapping {@code p}, reporting the change of its host port. */
  private static Entry remap(Service s, int index, PortMapping p, String why, Diagnostics diags) {
    Optional<String> before = p.published().filter(h -> !h.isEmpty() && !h.equals("80"));
    if (before.isPresent() || p.published().filter(h -> !h.isEmpty()).isEmpty()) {
      String what = before.isPresent()
          ? "host port " + before.get() + " of \"" + s.name() + "\" (container port " + p.target()
              + ") becomes 80"
          : "container port " + p.target() + " of \"" + s.name() + "\" is published on host port 80";
      diags.info(p.location(), "services." + s.name() + ".ports", what + ": Elastic Beanstalk's"
          + " load balancer sends traffic to port 80, and " + why, "");
    }
    return new Entry(s.name(), p.target(), Optional.of(index), before);
  }

  private static boolean isHost80(PortMapping p) {
    return p.protocol().equals("tcp") && hostPort(p).equals(Optional.of(Entry.HOST_PORT));
  }

  /** The published host port: a single port, or the first of a range; empty when none or 0. */
  static Optional<Integer> hostPort(PortMapping p) {
    String pub = p.published().orElse("");
    if (pub.matches("\\d{1,5}")) {
      int v = Integer.parseInt(pub);
      return v == 0 ? Optional.empty() : Optional.of(v);
    }
    if (pub.matches("\\d{1,5}-\\d{1,5}")) {
      return Optional.of(Integer.parseInt(pub.substring(0, pub.indexOf('-'))));
    }
    return Optional.empty();
  }
}
