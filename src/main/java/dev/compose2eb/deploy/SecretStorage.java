package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.plan.VariablePlan;
import java.util.Map;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Stores an environment's secret variables without touching the environment (for a build that
 * hands the references to a CodePipeline deploy action): written only when changed, never printed.
 */
public final class SecretStorage {
  private final Clients clients;
  private final String application;
  private final String environment;
  private final DeployListener listener;

  public SecretStorage(Clients clients, String application, String environment, DeployListener listener) {
    this.clients = clients;
    this.application = application;
    this.environment = environment;
    this.listener = listener;
  }

  /** Stores the plan's secrets; returns name to ARN (empty when the plan has none, no call made). */
  public Map<String, String> store(VariablePlan variables, boolean secretsManager) {
    if (variables.secrets().isEmpty()) {
      return Map.of();
    }
    Secrets.checkNames(application, environment, variables.secrets().keySet());
    try {
      var me = clients.sts().getCallerIdentity();
      SecretStore store = SecretStore.of(clients, secretsManager, application, environment,
          Partition.ofArn(me.arn()), me.account());
      return new Secrets(store, listener).store(variables.secretValues(), false).arns();
    } catch (SdkException e) {
      throw AwsFailure.of("store the secret variables of " + environment, e);
    }
  }
}
