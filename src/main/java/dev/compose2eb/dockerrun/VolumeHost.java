package dev.compose2eb.dockerrun;

import java.util.Objects;

/** The instance directory behind a volume; absolute (source bundle files live under /var/app/current). */
public record VolumeHost(String sourcePath) {

  public VolumeHost {
    Objects.requireNonNull(sourcePath, "sourcePath");
  }
}
