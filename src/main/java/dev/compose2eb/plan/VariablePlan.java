package dev.compose2eb.plan;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The environment variables an environment gets, each decided once as plain or secret. Plain ones
 * become Elastic Beanstalk environment properties; secret ones go to a secret store and reach the
 * containers by reference. Writers (Dockerrun, report, buildspec, deploy) read this decision and
 * never make their own.
 *
 * @param values every variable, name to value, sorted by name
 * @param secrets the secret ones, name to the reason, sorted by name; a subset of {@code values}
 */
public record VariablePlan(Map<String, String> values, Map<String, SecretReason> secrets) {
  /**
   * Where the bundle carries the variables when only the bundle reaches Elastic Beanstalk (a
   * CodePipeline deploy action): plain ones by value, secret ones by ARN.
   */
  public static final String EB_CONFIG_PATH = ".ebextensions/compose2eb-env.config";

  public VariablePlan {
    values = Collections.unmodifiableMap(new TreeMap<>(values));
    secrets = Collections.unmodifiableMap(new TreeMap<>(secrets));
    for (String name : secrets.keySet()) {
      if (!values.containsKey(name)) {
        throw new IllegalArgumentException("secret " + name + " has no value");
      }
    }
  }

  public static VariablePlan empty() {
    return new VariablePlan(Map.of(), Map.of());
  }

  /** Classifies each value with {@link SecretRule}. */
  public static VariablePlan classify(Map<String, String> values) {
    Map<String, SecretReason> secrets = new LinkedHashMap<>();
    values.forEach((k, v) -> SecretRule.reason(k, v).ifPresent(r -> secrets.put(k, r)));
    return new VariablePlan(values, secrets);
  }

  /**
   * This plan with {@code more} added (a value of the same name replaced), each classified by the
   * rule; a replaced variable that was secret for a reason the rule cannot see stays secret.
   */
  public VariablePlan plus(Map<String, String> more) {
    Map<String, String> v = new LinkedHashMap<>(values);
    v.putAll(more);
    Map<String, SecretReason> s = new LinkedHashMap<>(secrets);
    for (Map.Entry<String, String> e : more.entrySet()) {
      Optional<SecretReason> r = SecretRule.reason(e.getKey(), e.getValue());
      SecretReason kept = s.get(e.getKey());
      if (r.isPresent()) {
        s.put(e.getKey(), r.get());
      } else if (kept == null || kept == SecretReason.NAME || kept == SecretReason.URL_PASSWORD) {
        s.remove(e.getKey());
      }
    }
    return new VariablePlan(v, s);
  }

  /** This plan with the named variables secret for {@code reason}, whatever the rule says. */
  public VariablePlan withSecret(Map<String, String> more, SecretReason reason) {
    Map<String, String> v = new LinkedHashMap<>(values);
    v.putAll(more);
    Map<String, SecretReason> s = new LinkedHashMap<>(secrets);
    more.keySet().forEach(k -> s.put(k, reason));
    return new VariablePlan(v, s);
  }

  public boolean isSecret(String name) {
    return secrets.containsKey(name);
  }

  /** The plain variables, name to value. */
  public Map<String, String> plain() {
    Map<String, String> out = new TreeMap<>(values);
    out.keySet().removeAll(secrets.keySet());
    return Collections.unmodifiableMap(out);
  }

  /** The secret variables, name to value: only for the code that stores them. */
  public Map<String, String> secretValues() {
    Map<String, String> out = new TreeMap<>(values);
    out.keySet().retainAll(secrets.keySet());
    return Collections.unmodifiableMap(out);
  }

  /** Never the values: a plan printed by mistake shows names only. */
  @Override
  public String toString() {
    return "VariablePlan[plain=" + plain().keySet() + ", secrets=" + secrets.keySet() + "]";
  }
}
