package dev.compose2eb.dockerrun;

import java.util.Objects;

/** Mounts every volume of another container of the task. */
public record VolumeFrom(String sourceContainer, boolean readOnly) {

  public VolumeFrom {
    Objects.requireNonNull(sourceContainer, "sourceContainer");
  }
}
