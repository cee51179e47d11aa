package dev.compose2eb.review;

import java.util.List;

/**
 * What {@link MermaidGraph} draws, as data: nodes (containers, published host ports, volumes) and
 * the edges between them, in the diagram's order and with its ids.
 */
public record ContainerGraph(List<Node> nodes, List<Edge> edges) {

  public ContainerGraph {
    nodes = List.copyOf(nodes);
    edges = List.copyOf(edges);
  }

  /**
   * @param kind {@code container}, {@code port} or {@code volume}
   * @param name the container or volume name, or the port ({@code 80}, {@code 53/udp})
   * @param detail the container's image, the volume's host path, or empty
   */
  public record Node(String id, String kind, String name, String detail) {}

  /**
   * @param kind {@code port} (host port to container), {@code mount} (volume to container),
   *     {@code link}, {@code dependsOn} (without a link) or {@code volumesFrom}
   * @param label the container port when it differs from the host port, the mount's path (and
   *     "(ro)"), the link's aliases and dependsOn conditions, "ro" for a read-only volumesFrom
   */
  public record Edge(String from, String to, String kind, String label) {}
}
