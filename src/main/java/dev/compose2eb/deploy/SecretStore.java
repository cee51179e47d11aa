package dev.compose2eb.deploy;

import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/**
 * Where secret variables live: SSM Parameter Store (SecureString parameters) or Secrets Manager (one
 * secret per variable), under {@code /compose2eb/<application>/<environment>/<NAME>}. Values pass
 * through here only to be compared and written; nothing here prints or logs them.
 */
interface SecretStore {

  /**
   * A stored secret: its ARN (what EB references), its current value (only to compare) and when
   * that value was written (to tell whether the environment has fetched it since).
   */
  record Stored(String arn, String value, Instant written) {
    @Override
    public String toString() {
      return "Stored[" + arn + "]"; // never the value
    }
  }

  /** SSM Parameter Store, or Secrets Manager when {@code secretsManager}, for one environment. */
  static SecretStore of(Clients clients, boolean secretsManager, String application,
      String environment, Partition partition, String account) {
    return secretsManager
        ? new SecretsManagerStore(clients.secretsManager(), application, environment, partition.id(),
            clients.region(), account)
        : new ParameterStore(clients.ssm(), application, environment, partition.id(), clients.region(),
            account);
  }

  /** "SSM parameter" or "Secrets Manager secret", for the plan. */
  String kind();

  /** The store's name for the variable, e.g. {@code /compose2eb/shop/shop-prod/DB_PASSWORD}. */
  String nameOf(String variable);

  /** The ARN the variable will have, when it can be known before it exists. */
  String expectedArn(String variable);

  /** The variables of {@code variables} that exist, with their ARN and current value. */
  Map<String, Stored> read(Collection<String> variables);

  /** Creates or overwrites; returns the ARN. */
  String write(String variable, String value, boolean exists);

  /** The IAM action that reads a value, for the instance and task execution roles. */
  String readAction();

  /** The resource pattern covering every variable of this environment, for IAM. */
  String resourcePattern();

  /** The service KMS decrypts for, for the kms:ViaService condition. */
  String kmsService();
}
