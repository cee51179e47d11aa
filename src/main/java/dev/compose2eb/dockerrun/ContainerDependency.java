package dev.compose2eb.dockerrun;

import java.util.Objects;

/** A startup dependency; condition is START, COMPLETE, SUCCESS or HEALTHY. */
public record ContainerDependency(String containerName, String condition) {

  public ContainerDependency {
    Objects.requireNonNull(containerName, "containerName");
    Objects.requireNonNull(condition, "condition");
  }
}
