package dev.compose2eb.deploy;

import dev.compose2eb.plan.SecretPath;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Secrets as Secrets Manager secrets, one per variable, for teams that rotate there. Secret names
 * cannot start with a slash, so the path is {@code compose2eb/<application>/<environment>/<NAME>}.
 */
final class SecretsManagerStore extends PrefixedSecretStore {
  private final SecretsManagerClient sm;

  SecretsManagerStore(SecretsManagerClient sm, String application, String environment, String partition,
      String region, String account) {
    super(new SecretPath(application, environment).prefix().substring(1), partition, "secretsmanager",
        region, account, "secret:");
    this.sm = sm;
  }

  @Override
  public String kind() {
    return "Secrets Manager secret";
  }

  /** Secrets Manager appends six random characters to the ARN: known only once it exists. */
  @Override
  public String expectedArn(String variable) {
    return arnPrefix + nameOf(variable) + "-??????";
  }

  @Override
  public Map<String, Stored> read(Collection<String> variables) {
    Map<String, Stored> out = new TreeMap<>();
    for (String v : variables) {
      try {
        GetSecretValueResponse r = sm.getSecretValue(b -> b.secretId(nameOf(v)));
        out.put(v, new Stored(r.arn(), r.secretString() == null ? "" : r.secretString(),
            r.createdDate() != null ? r.createdDate() : Instant.EPOCH));
      } catch (ResourceNotFoundException e) {
        // not stored yet
      }
    }
    return out;
  }

  @Override
  public String write(String variable, String value, boolean exists) {
    if (exists) {
      return sm.putSecretValue(b -> b.secretId(nameOf(variable)).secretString(value)).arn();
    }
    return sm.createSecret(b -> b.name(nameOf(variable)).secretString(value)
        .description("Written by compose2eb")).arn();
  }

  @Override
  public String readAction() {
    return "secretsmanager:GetSecretValue";
  }

  @Override
  public String kmsService() {
    return "secretsmanager";
  }
}
