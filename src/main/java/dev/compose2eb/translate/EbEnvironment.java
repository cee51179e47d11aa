package dev.compose2eb.translate;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.plan.VariablePlan;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * With {@code --env-to-eb}: the values that leave the generated file for Elastic Beanstalk
 * environment properties, which every container of the environment sees. Collected the same way
 * for every platform, and checked against EB's rules so that deploy accepts what convert writes.
 */
public final class EbEnvironment {
  private final Project project;
  private final Diagnostics diags;
  private final Map<String, String> values = new TreeMap<>();
  private final Map<String, String> owners = new LinkedHashMap<>();

  public EbEnvironment(Project project, Diagnostics diags) {
    this.project = project;
    this.diags = diags;
  }

  /** Adds one service's environment; a name two services set differently is an error. */
  public void add(Service s, Map<String, String> environment) {
    for (Map.Entry<String, String> kv : new TreeMap<>(environment).entrySet()) {
      String prev = values.putIfAbsent(kv.getKey(), kv.getValue());
      if (prev != null && !prev.equals(kv.getValue())) {
        diags.error(s.keyLocation("environment"), "services." + s.name() + ".environment."
                + kv.getKey(), "with --env-to-eb every container sees one value of " + kv.getKey()
                + ", but \"" + owners.get(kv.getKey()) + "\" and \"" + s.name()
                + "\" set different ones",
            "rename the variable in one service, or convert without --env-to-eb");
      }
      owners.putIfAbsent(kv.getKey(), s.name());
    }
  }

  /**
   * The variables, each classified plain or secret, after EB's rules: names EB allows, no empty
   * value (setting one to "" removes it, so it is left out), 4,096 bytes in all. The report names
   * the secrets, never their values.
   */
  public VariablePlan variables() {
    VariablePlan variables = VariablePlan.classify(properties());
    reportSecrets(variables);
    return variables;
  }

  /** Names the secrets, never their values, and says where they go. */
  private void reportSecrets(VariablePlan variables) {
    if (variables.secrets().isEmpty()) {
      return;
    }
    List<String> named = new ArrayList<>();
    variables.secrets().forEach((name, why) -> named.add(name + " (" + why.why() + ")"));
    diags.info(null, "environment", "secret: " + String.join(", ", named) + "; deploy stores each"
        + " as a SecureString parameter /compose2eb/<application>/<environment>/NAME and references"
        + " it from aws:elasticbeanstalk:application:environmentsecrets, never as a plain property", "");
  }

  private Map<String, String> properties() {
    Map<String, String> env = new TreeMap<>(values);
    for (Iterator<Map.Entry<String, String>> it = env.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, String> e = it.next();
      Service owner = project.service(owners.get(e.getKey())).orElseThrow();
      SourceLocation at = owner.keyLocation("environment");
      String path = "services." + owner.name() + ".environment." + e.getKey();
      if (!EbProperties.validName(e.getKey())) {
        diags.error(at, path, "with --env-to-eb, " + e.getKey() + " becomes an Elastic Beanstalk"
                + " property, whose names allow only letters, digits and _ . : / + \\ - @ (at most 128)",
            "rename the variable, or convert without --env-to-eb");
      } else if (e.getValue().isEmpty()) {
        it.remove();
        diags.warning(at, path, "empty value of " + e.getKey() + " left out of eb-environment.json:"
                + " setting an Elastic Beanstalk property to the empty string removes it, so the"
                + " containers will not see " + e.getKey(),
            "give it a value, or convert without --env-to-eb");
      }
    }
    int total = EbProperties.bytes(env);
    if (total > EbProperties.LIMIT_BYTES) {
      diags.error(null, "environment", "the environment properties take " + total + " bytes as"
              + " key=value; Elastic Beanstalk allows " + EbProperties.LIMIT_BYTES + " in all",
          "keep large values in SSM Parameter Store or Secrets Manager, or convert without --env-to-eb");
    }
    return env;
  }
}
