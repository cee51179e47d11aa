package dev.compose2eb.dockerrun;

import java.util.List;
import java.util.Objects;

/** A tmpfs mount; size in MiB. */
public record Tmpfs(String containerPath, int size, List<String> mountOptions) {

  public Tmpfs {
    Objects.requireNonNull(containerPath, "containerPath");
    mountOptions = List.copyOf(mountOptions);
  }
}
