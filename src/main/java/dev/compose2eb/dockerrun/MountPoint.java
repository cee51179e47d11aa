package dev.compose2eb.dockerrun;

import java.util.Objects;

/** Mounts a declared volume (or EB's awseb-logs-&lt;container&gt;) at an absolute container path. */
public record MountPoint(String sourceVolume, String containerPath, boolean readOnly) {

  public MountPoint {
    Objects.requireNonNull(sourceVolume, "sourceVolume");
    Objects.requireNonNull(containerPath, "containerPath");
  }
}
