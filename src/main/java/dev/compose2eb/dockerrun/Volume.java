package dev.compose2eb.dockerrun;

import java.util.Objects;
import java.util.Optional;

/** A task volume; with a host path it is a bind mount of that instance directory. */
public record Volume(String name, Optional<VolumeHost> host) {

  public Volume {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
  }

  public static Volume host(String name, String sourcePath) {
    return new Volume(name, Optional.of(new VolumeHost(sourcePath)));
  }
}
