package dev.compose2eb.deploy;

import dev.compose2eb.yaml.YamlWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code .ebextensions/compose2eb-env.config}: an environment's variables as option settings, for
 * a deploy that carries only a source bundle (a CodePipeline Elastic Beanstalk deploy action).
 * Plain variables by value, secret ones only by the ARN Elastic Beanstalk fetches them from.
 */
public final class EnvironmentConfig {
  private EnvironmentConfig() {}

  public static String render(Map<String, String> plain, Map<String, String> secretArns) {
    Map<String, Object> settings = new LinkedHashMap<>();
    if (!plain.isEmpty()) {
      settings.put(Variables.NAMESPACE, new TreeMap<>(plain));
    }
    if (!secretArns.isEmpty()) {
      settings.put(Secrets.NAMESPACE, new TreeMap<>(secretArns));
    }
    return "# Written by compose2eb env ebextensions: the environment's variables. Secret values are"
        + " not here,\n# only the ARNs Elastic Beanstalk fetches them from. Regenerate it rather than"
        + " editing it.\n" + YamlWriter.write(Map.of("option_settings", settings));
  }
}
