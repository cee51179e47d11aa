package dev.compose2eb.review;

import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.ContainerDependency;
import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.dockerrun.MountPoint;
import dev.compose2eb.dockerrun.PortMapping;
import dev.compose2eb.dockerrun.Volume;
import dev.compose2eb.dockerrun.VolumeFrom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Draws a Dockerrun file as a Mermaid {@code flowchart LR}: a box per container (name and image),
 * a circle per published host port pointing at its container, a cylinder per volume joined to the
 * containers that mount it, a solid arrow per link (labelled with the alias and any dependsOn
 * condition), a dashed arrow per dependsOn without a link and per volumesFrom. Nodes follow the
 * file's order, ports sort by number; ids are sanitised and never collide.
 */
public final class MermaidGraph {
  private static final String LOG_VOLUME_PREFIX = "awseb-logs-";

  private final Dockerrun dockerrun;
  private final StringBuilder out = new StringBuilder("flowchart LR\n");
  private final Set<String> usedIds = new HashSet<>();
  private final Map<String, String> containerIds = new HashMap<>();
  private final Map<String, String> volumeIds = new HashMap<>();
  /** The same picture as data, recorded while drawing, so that both say the same. */
  private final List<ContainerGraph.Node> nodes = new ArrayList<>();
  private final List<ContainerGraph.Edge> edgeData = new ArrayList<>();

  private MermaidGraph(Dockerrun dockerrun) {
    this.dockerrun = dockerrun;
  }

  /** The diagram text, ending in a newline; the same model always gives the same text. */
  public static String render(Dockerrun dockerrun) {
    return new MermaidGraph(dockerrun).draw();
  }

  /** The nodes and edges the diagram draws, in its order, with the same ids. */
  public static ContainerGraph graph(Dockerrun dockerrun) {
    MermaidGraph g = new MermaidGraph(dockerrun);
    g.draw();
    return new ContainerGraph(g.nodes, g.edgeData);
  }

  private String draw() {
    for (ContainerDefinition c : dockerrun.containerDefinitions()) {
      if (!containerIds.containsKey(c.name())) {
        String id = id("c_", c.name());
        containerIds.put(c.name(), id);
        node(id, "[\"" + label(c.name()) + "<br/>" + label(c.image()) + "\"]");
        nodes.add(new ContainerGraph.Node(id, "container", c.name(), c.image()));
      }
    }
    List<String> edges = new ArrayList<>();
    ports(edges);
    volumes(edges);
    for (ContainerDefinition c : dockerrun.containerDefinitions()) {
      references(c, edges);
    }
    edges.forEach(e -> out.append("  ").append(e).append('\n'));
    return out.toString();
  }

  private void ports(List<String> edges) {
    record Published(PortMapping port, ContainerDefinition container) {}
    List<Published> published = new ArrayList<>();
    for (ContainerDefinition c : dockerrun.containerDefinitions()) {
      c.portMappings().stream().filter(p -> p.hostPort().orElse(0) != 0)
          .forEach(p -> published.add(new Published(p, c)));
    }
    published.sort(Comparator.comparingInt((Published p) -> p.port().hostPort().orElse(0))
        .thenComparing(p -> p.port().protocol()));
    Map<String, String> portIds = new LinkedHashMap<>();
    for (Published p : published) {
      int host = p.port().hostPort().orElse(0);
      String udp = p.port().protocol().equals("tcp") ? "" : "/" + p.port().protocol();
      String text = ":" + host + udp;
      String id = portIds.get(text);
      if (id == null) {
        id = id("p_", host + udp);
        portIds.put(text, id);
        node(id, "((\"" + label(text) + "\"))");
        nodes.add(new ContainerGraph.Node(id, "port", host + udp, ""));
      }
      String to = containerIds.get(p.container().name());
      edges.add(p.port().containerPort() == host ? id + " --> " + to
          : id + " -->|\"" + p.port().containerPort() + "\"| " + to);
      edgeData.add(new ContainerGraph.Edge(id, to, "port",
          p.port().containerPort() == host ? "" : "" + p.port().containerPort()));
    }
  }

  private void volumes(List<String> edges) {
    for (Volume v : dockerrun.volumes()) {
      volumeNode(v.name(), v.host().map(h -> h.sourcePath()).orElse(""));
    }
    for (ContainerDefinition c : dockerrun.containerDefinitions()) {
      for (MountPoint m : c.mountPoints()) {
        String volume = m.sourceVolume();
        if (!volumeIds.containsKey(volume)) {
          // EB creates awseb-logs-<container> itself; other undeclared names are drawn bare
          String owner = volume.startsWith(LOG_VOLUME_PREFIX)
              ? volume.substring(LOG_VOLUME_PREFIX.length()) : null;
          volumeNode(volume, owner == null ? "" : "/var/log/containers/" + owner);
        }
        String text = m.containerPath() + (m.readOnly() ? " (ro)" : "");
        edges.add(volumeIds.get(volume) + " ---|\"" + label(text) + "\"| "
            + containerIds.get(c.name()));
        edgeData.add(new ContainerGraph.Edge(volumeIds.get(volume), containerIds.get(c.name()),
            "mount", text));
      }
    }
  }

  private void volumeNode(String name, String hostPath) {
    if (volumeIds.containsKey(name)) {
      return;
    }
    String id = id("v_", name);
    volumeIds.put(name, id);
    node(id, "[(\"" + label(name) + (hostPath.isEmpty() ? "" : "<br/>" + label(hostPath))
        + "\")]");
    nodes.add(new ContainerGraph.Node(id, "volume", name, hostPath));
  }

  private void references(ContainerDefinition c, List<String> edges) {
    String from = containerIds.get(c.name());
    // one arrow per target: a link (solid) and/or a dependsOn (dashed when there is no link)
    Map<String, List<String>> labels = new LinkedHashMap<>();
    Set<String> linked = new HashSet<>();
    for (String link : c.links()) {
      String[] parts = link.split(":", 2);
      linked.add(parts[0]);
      List<String> l = labels.computeIfAbsent(parts[0], k -> new ArrayList<>());
      if (parts.length == 2) {
        l.add(parts[1]);
      }
    }
    for (ContainerDependency d : c.dependsOn()) {
      labels.computeIfAbsent(d.containerName(), k -> new ArrayList<>()).add(d.condition());
    }
    labels.forEach((target, text) -> {
      String to = containerIds.get(target);
      if (to == null) {
        return; // a dangling reference: the validator reports it, the picture leaves it out
      }
      String arrow = linked.contains(target) ? " -->" : " -.->";
      edges.add(from + arrow + (text.isEmpty() ? "" : "|\"" + label(String.join(", ", text))
          + "\"|") + " " + to);
      edgeData.add(new ContainerGraph.Edge(from, to, linked.contains(target) ? "link" : "dependsOn",
          String.join(", ", text)));
    });
    for (VolumeFrom v : c.volumesFrom()) {
      String to = containerIds.get(v.sourceContainer());
      if (to != null) {
        edges.add(from + " -.->|\"" + (v.readOnly() ? "volumesFrom (ro)" : "volumesFrom") + "\"| "
            + to);
        edgeData.add(new ContainerGraph.Edge(from, to, "volumesFrom", v.readOnly() ? "ro" : ""));
      }
    }
  }

  private void node(String id, String shape) {
    out.append("  ").append(id).append(shape).append('\n');
  }

  /** A Mermaid id from a name: letters, digits and '_' only, unique within the diagram. */
  private String id(String prefix, String name) {
    String base = prefix + name.replaceAll("[^A-Za-z0-9_]", "_");
    String id = base;
    for (int n = 2; !usedIds.add(id); n++) {
      id = base + "_" + n;
    }
    return id;
  }

  /** Text inside a quoted Mermaid label: quotes and angle brackets become entities. */
  private static String label(String text) {
    return text.replace("&", "#amp;").replace("\"", "#quot;").replace("<", "#lt;")
        .replace(">", "#gt;");
  }
}
