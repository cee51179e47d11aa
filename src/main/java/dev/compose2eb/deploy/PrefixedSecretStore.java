package dev.compose2eb.deploy;

/**
 * What the two stores share: every variable of an environment is named under one prefix, and its
 * ARN is the service's ARN prefix followed by that name; IAM grants the whole prefix.
 */
abstract class PrefixedSecretStore implements SecretStore {
  final String prefix;
  final String arnPrefix;

  /** {@code resource} is the ARN's resource type with its separator, e.g. {@code "secret:"}. */
  PrefixedSecretStore(String prefix, String partition, String service, String region, String account,
      String resource) {
    this.prefix = prefix;
    this.arnPrefix = "arn:" + partition + ":" + service + ":" + region + ":" + account + ":" + resource;
  }

  @Override
  public final String nameOf(String variable) {
    return prefix + variable;
  }

  @Override
  public final String resourcePattern() {
    return arnPrefix + prefix + "*";
  }
}
