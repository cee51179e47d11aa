package dev.compose2eb.fake;

import java.util.Map;

/**
 * A snapshot of one environment, for assertions.
 *
 * @param optionSettings every option as "namespace:OptionName" to value
 * @param variables the {@code aws:elasticbeanstalk:application:environment} options, name to value
 */
public record EnvironmentState(
    String name,
    String id,
    String application,
    String status,
    String health,
    String healthStatus,
    String versionLabel,
    String platformArn,
    String cname,
    Map<String, String> optionSettings,
    Map<String, String> variables) {

  public EnvironmentState {
    optionSettings = Map.copyOf(optionSettings);
    variables = Map.copyOf(variables);
  }
}
