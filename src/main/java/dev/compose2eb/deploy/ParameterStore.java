package dev.compose2eb.deploy;

import dev.compose2eb.plan.SecretPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.ssm.model.Parameter;
import software.amazon.awssdk.services.ssm.model.ParameterType;

/** Secrets as SecureString parameters, encrypted with the account's default key {@code alias/aws/ssm}. */
final class ParameterStore extends PrefixedSecretStore {
  /** GetParameters takes at most ten names. */
  private static final int BATCH = 10;

  private final SsmClient ssm;

  ParameterStore(SsmClient ssm, String application, String environment, String partition, String region,
      String account) {
    super(new SecretPath(application, environment).prefix(), partition, "ssm", region, account, "parameter");
    this.ssm = ssm;
  }

  @Override
  public String kind() {
    return "SSM parameter";
  }

  @Override
  public String expectedArn(String variable) {
    return arnPrefix + nameOf(variable);
  }

  @Override
  public Map<String, Stored> read(Collection<String> variables) {
    Map<String, Stored> out = new TreeMap<>();
    List<String> names = variables.stream().sorted().map(this::nameOf).toList();
    for (int i = 0; i < names.size(); i += BATCH) {
      List<String> batch = new ArrayList<>(names.subList(i, Math.min(names.size(), i + BATCH)));
      for (Parameter p : ssm.getParameters(b -> b.names(batch).withDecryption(true)).parameters()) {
        out.put(p.name().substring(prefix.length()), new Stored(
            p.arn() != null ? p.arn() : arnPrefix + p.name(), p.value(),
            p.lastModifiedDate() != null ? p.lastModifiedDate() : Instant.EPOCH));
      }
    }
    return out;
  }

  @Override
  public String write(String variable, String value, boolean exists) {
    ssm.putParameter(b -> b.name(nameOf(variable)).value(value).type(ParameterType.SECURE_STRING)
        .overwrite(exists).description("Written by compose2eb"));
    return expectedArn(variable);
  }

  @Override
  public String readAction() {
    return "ssm:GetParameters";
  }

  @Override
  public String kmsService() {
    return "ssm";
  }
}
