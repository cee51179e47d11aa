package dev.compose2eb.dockerrun;

import java.util.Objects;

/** One /etc/hosts line added to the container. */
public record HostEntry(String hostname, String ipAddress) {

  public HostEntry {
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(ipAddress, "ipAddress");
  }
}
