package dev.compose2eb.dockerrun;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A Dockerrun.aws.json v2 file: the ECS task definition Elastic Beanstalk registers on every instance.
 * The version is not a field: it is always 2.
 *
 * @param executionRoleArn the ECS task execution role, which the ECS agent uses to fetch secrets
 *     (Elastic Beanstalk's environmentsecrets) for the containers
 */
public record Dockerrun(
    List<Volume> volumes,
    List<ContainerDefinition> containerDefinitions,
    Optional<Authentication> authentication,
    Optional<String> executionRoleArn) {

  public Dockerrun {
    volumes = List.copyOf(volumes);
    containerDefinitions = List.copyOf(containerDefinitions);
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(executionRoleArn, "executionRoleArn");
  }

  public Dockerrun(List<Volume> volumes, List<ContainerDefinition> containerDefinitions) {
    this(volumes, containerDefinitions, Optional.empty(), Optional.empty());
  }

  public Dockerrun(List<Volume> volumes, List<ContainerDefinition> containerDefinitions,
      Optional<Authentication> authentication) {
    this(volumes, containerDefinitions, authentication, Optional.empty());
  }

  public Dockerrun withExecutionRoleArn(String arn) {
    return new Dockerrun(volumes, containerDefinitions, authentication, Optional.of(arn));
  }

  /** The container with this name, if any. */
  public Optional<ContainerDefinition> container(String name) {
    return containerDefinitions.stream().filter(c -> c.name().equals(name)).findFirst();
  }
}
