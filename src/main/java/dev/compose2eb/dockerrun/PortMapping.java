package dev.compose2eb.dockerrun;

import java.util.Objects;
import java.util.Optional;

/** A published port; without a host port (or 0) ECS picks a dynamic one. Protocol is tcp or udp. */
public record PortMapping(int containerPort, Optional<Integer> hostPort, String protocol) {

  public PortMapping {
    Objects.requireNonNull(hostPort, "hostPort");
    Objects.requireNonNull(protocol, "protocol");
  }

  public static PortMapping tcp(int hostPort, int containerPort) {
    return new PortMapping(containerPort, Optional.of(hostPort), "tcp");
  }
}
