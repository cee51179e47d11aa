package dev.compose2eb.deploy;

import dev.compose2eb.plan.Platform;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
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
 * @param managed the services {@code --managed} names (x-eb's are read from the project): they
 *     run as RDS or ElastiCache, created by the environment's stack from the bundle's config
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
    boolean secretsManager,
    List<String> managed) {

  /** One minute: EB downgrades health after three failed checks in one minute (see docs/deploy.md). */
  public static final Duration DEFAULT_HEALTH_SETTLE = Duration.ofMinutes(1);
  public static final Duration DEFAULT_PUSH_TIMEOUT = Duration.ofMinutes(30);

  public DeployRequest {
    variables = Collections.unmodifiableMap(new TreeMap<>(variables));
    managed = List.copyOf(managed);
  }

  /** A request with every setting but the names at its default; see {@link Builder}. */
  public static Builder builder(String application, String environment) {
    return new Builder(application, environment);
  }

  /** A builder seeded with this request, to make a copy that differs in a few settings. */
  public Builder toBuilder() {
    return new Builder(application, environment).versionLabel(versionLabel).variables(variables)
        .create(create).createRoles(createRoles).instanceType(instanceType).platformArn(platformArn)
        .timeout(timeout).pollInterval(pollInterval).dryRun(dryRun).rollbackOnFailure(rollbackOnFailure)
        .mirrorImages(mirrorImages).singleInstance(singleInstance).healthSettle(healthSettle)
        .pushTimeout(pushTimeout).platform(platform).secretsManager(secretsManager)
        .managed(managed);
  }

  /**
   * The one place that knows the defaults: an existing load-balanced ECS environment, secrets in
   * Parameter Store, the CLI's timeouts, nothing created, mirrored or rolled back.
   */
  public static final class Builder {
    private final String application;
    private final String environment;
    private Optional<String> versionLabel = Optional.empty();
    private Map<String, String> variables = Map.of();
    private boolean create;
    private boolean createRoles;
    private Optional<String> instanceType = Optional.empty();
    private Optional<String> platformArn = Optional.empty();
    private Duration timeout = Duration.ofMinutes(20);
    private Duration pollInterval = Duration.ofSeconds(5);
    private boolean dryRun;
    private boolean rollbackOnFailure;
    private boolean mirrorImages;
    private boolean singleInstance;
    private Duration healthSettle = DEFAULT_HEALTH_SETTLE;
    private Duration pushTimeout = DEFAULT_PUSH_TIMEOUT;
    private Platform platform = Platform.ECS;
    private boolean secretsManager;
    private List<String> managed = List.of();

    private Builder(String application, String environment) {
      this.application = application;
      this.environment = environment;
    }

    public Builder versionLabel(Optional<String> v) { versionLabel = v; return this; }
    public Builder variables(Map<String, String> v) { variables = v; return this; }
    public Builder create(boolean v) { create = v; return this; }
    public Builder createRoles(boolean v) { createRoles = v; return this; }
    public Builder instanceType(Optional<String> v) { instanceType = v; return this; }
    public Builder platformArn(Optional<String> v) { platformArn = v; return this; }
    public Builder timeout(Duration v) { timeout = v; return this; }
    public Builder pollInterval(Duration v) { pollInterval = v; return this; }
    public Builder dryRun(boolean v) { dryRun = v; return this; }
    public Builder rollbackOnFailure(boolean v) { rollbackOnFailure = v; return this; }
    public Builder mirrorImages(boolean v) { mirrorImages = v; return this; }
    public Builder singleInstance(boolean v) { singleInstance = v; return this; }
    public Builder healthSettle(Duration v) { healthSettle = v; return this; }
    public Builder pushTimeout(Duration v) { pushTimeout = v; return this; }
    public Builder platform(Platform v) { platform = v; return this; }
    public Builder secretsManager(boolean v) { secretsManager = v; return this; }
    public Builder managed(List<String> v) { managed = v; return this; }

    public DeployRequest build() {
      return new DeployRequest(application, environment, versionLabel, variables, create, createRoles,
          instanceType, platformArn, timeout, pollInterval, dryRun, rollbackOnFailure, mirrorImages,
          singleInstance, healthSettle, pushTimeout, platform, secretsManager, managed);
    }
  }
}
