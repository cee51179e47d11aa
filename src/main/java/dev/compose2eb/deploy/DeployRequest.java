package dev.compose2eb.deploy;

import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What to deploy where.
 *
 * @param variables environment properties to set (from {@code --env}, {@code --env-to-eb} and
 *     {@code x-eb}); only changed values are sent, and nothing else is ever removed
 * @param create create the environment when it does not exist
 * @param createRoles create EB's default instance profile and service role when missing
 * @param pollInterval how often to ask EB for events and status while waiting
 * @param mirrorImages also copy public images (postgres, redis ...) into ECR
 */
public record DeployRequest(
    String application,
    String environment,
    Optional<String> versionLabel,
    Map<String, String> variables,
    boolean create,
    boolean createRoles,
    Optional<String> instanceType,
    Optional<String> platformArn,
    Duration timeout,
    Duration pollInterval,
    boolean dryRun,
    boolean rollbackOnFailure,
    boolean mirrorImages) {

  public DeployRequest {
    variables = Collections.unmodifiableMap(new TreeMap<>(variables));
  }
}
