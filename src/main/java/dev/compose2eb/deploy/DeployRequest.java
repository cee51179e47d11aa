package dev.compose2eb.deploy;

import dev.compose2eb.plan.Platform;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What to deploy where.
 *
 * @param variables variables to set (from {@code --env} and {@code x-eb}), classified with the
 *     translation's by the one secret rule: plain ones become properties, secret ones go to the
 *     secret store; only changed values are sent
 * @param create create the environment when it does not exist
 * @param createRoles create EB's default instance profile and service role when missing
 * @param pollInterval how often to ask EB for events and status while waiting
 * @param mirrorImages also copy public images (postgres, redis ...) into ECR
 * @param timeout how long Elastic Beanstalk may take (version processing, environment, health),
 *     counted from the end of the image push
 * @param singleInstance a new environment runs one instance without a load balancer
 * @param healthSettle how long a health colour must hold (over at least three reads) before it
 *     decides the outcome; EB changes health only after repeated failed checks
 * @param pushTimeout how long the image pushes may take, apart from {@code timeout}
 * @param platform the platform a new environment runs on, and what the bundle holds
 * @param secretsManager store secret variables in Secrets Manager instead of SSM Parameter Store
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
    boolean mirrorImages,
    boolean singleInstance,
    Duration healthSettle,
    Duration pushTimeout,
    Platform platform,
    boolean secretsManager) {

  /** One minute: EB downgrades health after three failed checks in one minute (see docs/deploy.md). */
  public static final Duration DEFAULT_HEALTH_SETTLE = Duration.ofMinutes(1);
  public static final Duration DEFAULT_PUSH_TIMEOUT = Duration.ofMinutes(30);

  public DeployRequest {
    variables = Collections.unmodifiableMap(new TreeMap<>(variables));
  }

  /** A load-balanced environment, the default settling period and push timeout. */
  public DeployRequest(String application, String environment, Optional<String> versionLabel,
      Map<String, String> variables, boolean create, boolean createRoles, Optional<String> instanceType,
      Optional<String> platformArn, Duration timeout, Duration pollInterval, boolean dryRun,
      boolean rollbackOnFailure, boolean mirrorImages) {
    this(application, environment, versionLabel, variables, create, createRoles, instanceType,
        platformArn, timeout, pollInterval, dryRun, rollbackOnFailure, mirrorImages, false,
        DEFAULT_HEALTH_SETTLE, DEFAULT_PUSH_TIMEOUT, Platform.ECS, false);
  }

  public DeployRequest withSingleInstance(boolean single) {
    return new DeployRequest(application, environment, versionLabel, variables, create, createRoles,
        instanceType, platformArn, timeout, pollInterval, dryRun, rollbackOnFailure, mirrorImages,
        single, healthSettle, pushTimeout, platform, secretsManager);
  }

  public DeployRequest withHealthSettle(Duration settle) {
    return new DeployRequest(application, environment, versionLabel, variables, create, createRoles,
        instanceType, platformArn, timeout, pollInterval, dryRun, rollbackOnFailure, mirrorImages,
        singleInstance, settle, pushTimeout, platform, secretsManager);
  }

  public DeployRequest withPushTimeout(Duration push) {
    return new DeployRequest(application, environment, versionLabel, variables, create, createRoles,
        instanceType, platformArn, timeout, pollInterval, dryRun, rollbackOnFailure, mirrorImages,
        singleInstance, healthSettle, push, platform, secretsManager);
  }

  public DeployRequest withTimeout(Duration eb) {
    return new DeployRequest(application, environment, versionLabel, variables, create, createRoles,
        instanceType, platformArn, eb, pollInterval, dryRun, rollbackOnFailure, mirrorImages,
        singleInstance, healthSettle, pushTimeout, platform, secretsManager);
  }

  /** The same deploy to another platform. */
  public DeployRequest withPlatform(Platform p) {
    return new DeployRequest(application, environment, versionLabel, variables, create, createRoles,
        instanceType, platformArn, timeout, pollInterval, dryRun, rollbackOnFailure, mirrorImages,
        singleInstance, healthSettle, pushTimeout, p, secretsManager);
  }

  public DeployRequest withSecretsManager(boolean sm) {
    return new DeployRequest(application, environment, versionLabel, variables, create, createRoles,
        instanceType, platformArn, timeout, pollInterval, dryRun, rollbackOnFailure, mirrorImages,
        singleInstance, healthSettle, pushTimeout, platform, sm);
  }
}
