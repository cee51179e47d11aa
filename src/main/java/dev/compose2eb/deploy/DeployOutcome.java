package dev.compose2eb.deploy;

import java.util.List;
import java.util.Optional;

/**
 * How a deploy ended.
 *
 * @param url the environment's URL, when it has one
 * @param next what the user can run next, for the failures
 * @param healthCauses why the health is not Green, as EB's enhanced health reports it
 */
public record DeployOutcome(
    Status status, String versionLabel, Optional<String> health, Optional<String> url, String next,
    List<String> healthCauses) {

  public DeployOutcome {
    healthCauses = List.copyOf(healthCauses);
  }

  public DeployOutcome(
      Status status, String versionLabel, Optional<String> health, Optional<String> url, String next) {
    this(status, versionLabel, health, url, next, List.of());
  }

  /** The end states; the CLI maps them to exit codes 0, 4 and 1. */
  public enum Status {
    /** Ready on the new version and healthy (Green). */
    HEALTHY,
    /** Ready on the new version, but health is not Green. */
    UNHEALTHY,
    /** EB reported a failed deployment. */
    FAILED,
    /** Not Ready on the new version within the timeout. */
    TIMED_OUT,
    /** A dry run: nothing was changed. */
    PLANNED
  }
}
