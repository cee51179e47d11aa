package dev.compose2eb.dockerrun;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Dockerrun.aws.json v2 file: the ECS task definition Elastic Beanstalk registers on every instance.
 * The version is not a field: it is always 2.
 */
public record Dockerrun(
    List<Volume> volumes,
    List<ContainerDefinition> containerDefinitions,
    Optional<Authentication> authentication) {

  public Dockerrun {
    volumes = List.copyOf(volumes);
    containerDefinitions = List.copyOf(containerDefinitions);
    Objects.requireNonNull(authentication, "authentication");
  }

  public Dockerrun(List<Volume> volumes, List<ContainerDefinition> containerDefinitions) {
    this(volumes, containerDefinitions, Optional.empty());
  }

  /** The container with this name, if any. */
  public Optional<ContainerDefinition> container(String name) {
    return containerDefinitions.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
