package dev.compose2eb.plan;

import java.util.Optional;

/**
 * The container that serves on host port 80, where Elastic Beanstalk's load balancer (or a single
 * instance's public address) sends traffic.
 *
 * @param service the service
 * @param containerPort its port that host port 80 maps to
 * @param portIndex the index in the service's {@code ports} of the mapping that becomes 80; empty
 *     when the service publishes no such port and the writer adds the mapping
 * @param publishedBefore the host port the service published for it when that was not 80 (it is
 *     remapped); empty when nothing changes or the mapping is new
 */
public record Entry(String service, int containerPort, Optional<Integer> portIndex,
    Optional<String> publishedBefore) {
  /** The host port the entry is published on. */
  public static final int HOST_PORT = 80;
}
