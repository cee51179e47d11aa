package dev.compose2eb.aws;

import java.util.Map;
import java.util.Optional;

/**
 * What the user chose for AWS access: {@code --region} and {@code --profile} when given, and the
 * process environment (the caller's map, so that tests and embedders decide what the tool sees).
 */
public record AwsSettings(Optional<String> region, Optional<String> profile, Map<String, String> env) {
  public AwsSettings {
    region = region.filter(r -> !r.isBlank());
    profile = profile.filter(p -> !p.isBlank());
    env = Map.copyOf(env);
  }

  /** Settings taken from the environment alone. */
  public static AwsSettings fromEnvironment(Map<String, String> env) {
    return new AwsSettings(Optional.empty(), Optional.empty(), env);
  }
}
