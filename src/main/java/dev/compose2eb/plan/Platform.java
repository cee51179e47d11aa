package dev.compose2eb.plan;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * The Elastic Beanstalk platform a project is deployed to: a fact of the target that the plan and
 * its writers take as given, chosen with {@code --platform} or {@code x-eb: {platform: ...}}.
 */
public enum Platform {
  /** "ECS running on 64bit Amazon Linux 2023": reads Dockerrun.aws.json v2 (the default). */
  ECS("ecs", "Dockerrun.aws.json", "ECS running on 64bit Amazon Linux 2023"),
  /** "Docker running on 64bit Amazon Linux 2023": runs docker-compose.yml with Docker Compose. */
  DOCKER("docker", "docker-compose.yml", "Docker running on 64bit Amazon Linux 2023");

  private final String id;
  private final String descriptor;
  private final String branch;

  Platform(String id, String descriptor, String branch) {
    this.id = id;
    this.descriptor = descriptor;
    this.branch = branch;
  }

  /** The name on the command line and in {@code x-eb}. */
  public String id() {
    return id;
  }

  /** The file the platform reads at the root of the source bundle. */
  public String descriptor() {
    return descriptor;
  }

  /** The platform branch name that ListPlatformVersions filters on. */
  public String branch() {
    return branch;
  }

  /** The platform named {@code id} ("ecs", "docker"), any case. */
  public static Optional<Platform> of(String id) {
    return Arrays.stream(values())
        .filter(p -> p.id.equals(id.trim().toLowerCase(Locale.ROOT))).findFirst();
  }
}
