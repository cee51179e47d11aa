package dev.compose2eb.fake;

import java.util.List;

/**
 * An Elastic Beanstalk platform version the fake lists in ListPlatformVersions.
 *
 * @param branch platform branch name, also the platform name in the ARN
 *     ("ECS running on 64bit Amazon Linux 2023")
 * @param version platform version, e.g. "4.10.0"
 * @param solutionStack solution stack name ("64bit Amazon Linux 2023 v4.10.0 running ECS")
 * @param recommended PlatformLifecycleState "recommended" (the newest of its branch, in real EB)
 */
public record Platform(String branch, String version, String solutionStack, boolean recommended) {

  /** {@code arn:aws:elasticbeanstalk:<region>::platform/<branch>/<version>}. */
  public String arn(String region) {
    return "arn:aws:elasticbeanstalk:" + region + "::platform/" + branch + "/" + version;
  }

  /**
   * The default catalogue: several ECS on AL2023 versions, deliberately unsorted and with 4.9.1 before
   * 4.10.0 so that neither the first nor the lexically greatest is the newest, plus other branches.
   */
  public static List<Platform> defaults() {
    String ecs = "ECS running on 64bit Amazon Linux 2023";
    return List.of(
        new Platform(ecs, "4.9.1", "64bit Amazon Linux 2023 v4.9.1 running ECS", false),
        new Platform("Docker running on 64bit Amazon Linux 2023", "4.11.0",
            "64bit Amazon Linux 2023 v4.11.0 running Docker", true),
        new Platform(ecs, "4.10.0", "64bit Amazon Linux 2023 v4.10.0 running ECS", true),
        new Platform("ECS running on 64bit Amazon Linux 2", "3.9.4",
            "64bit Amazon Linux 2 v3.9.4 running ECS", true),
        new Platform(ecs, "4.0.0", "64bit Amazon Linux 2023 v4.0.0 running ECS", false),
        new Platform("Node.js 20 running on 64bit Amazon Linux 2023", "6.6.0",
            "64bit Amazon Linux 2023 v6.6.0 running Node.js 20", true),
        new Platform(ecs, "4.3.12", "64bit Amazon Linux 2023 v4.3.12 running ECS", false));
  }
}
