package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.translate.EbProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;

/**
 * Environment properties ({@code aws:elasticbeanstalk:application:environment}). Only added or
 * changed values are sent; a property this tool did not name is never touched; EB's 4,096-byte
 * limit on all of them together (as {@code key=value}) is checked before any call.
 */
final class Variables {
  static final String NAMESPACE = "aws:elasticbeanstalk:application:environment";

  private Variables() {}

  /** What changes: names added and names changed, each sorted. */
  record Changes(List<String> added, List<String> changed, List<ConfigurationOptionSetting> settings) {
    boolean isEmpty() {
      return settings.isEmpty();
    }
  }

  static Changes diff(Map<String, String> current, Map<String, String> wanted) {
    List<String> added = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<ConfigurationOptionSetting> settings = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(wanted).entrySet()) {
      String now = current.get(e.getKey());
      if (now == null) {
        added.add(e.getKey());
      } else if (!now.equals(e.getValue())) {
        changed.add(e.getKey());
      } else {
        continue;
      }
      settings.add(setting(e.getKey(), e.getValue()));
    }
    return new Changes(added, changed, settings);
  }

  static ConfigurationOptionSetting setting(String name, String value) {
    return ConfigurationOptionSetting.builder().namespace(NAMESPACE).optionName(name).value(value).build();
  }

  /** Checks names, empty values and the total size of what the environment will hold. */
  static void check(Map<String, String> current, Map<String, String> wanted) {
    for (Map.Entry<String, String> e : wanted.entrySet()) {
      if (!EbProperties.validName(e.getKey())) {
        throw new AwsFailure("set environment property " + e.getKey(),
            "EB allows only letters, digits and _ . : / + \\ - @ in names (at most 128)", "rename it", null);
      }
      if (e.getValue().isEmpty()) {
        throw new AwsFailure("set environment property " + e.getKey(),
            "an empty value removes a property in Elastic Beanstalk",
            "give it a value, or remove it with `compose2eb env unset " + e.getKey() + "`", null);
      }
    }
    Map<String, String> after = new TreeMap<>(current);
    after.putAll(wanted);
    int total = EbProperties.bytes(after);
    if (total > EbProperties.LIMIT_BYTES) {
      throw new AwsFailure("set " + wanted.size() + " environment properties",
          "all properties together would take " + total + " bytes as key=value, over EB's limit of "
              + EbProperties.LIMIT_BYTES,
          "keep large values in SSM Parameter Store or Secrets Manager and read them at start-up", null);
    }
  }
}
