package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.plan.SecretPath;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;

/**
 * Secret variables: stored in a {@link SecretStore} (written only when the value differs, compared
 * in memory and never printed), then referenced by ARN from
 * {@code aws:elasticbeanstalk:application:environmentsecrets}, which EB resolves on the instances
 * into environment variables. A plain property of the same name is removed so that no value stays
 * in clear text; a reference this tool made to a variable that is now plain is removed too.
 */
final class Secrets {
  static final String NAMESPACE = "aws:elasticbeanstalk:application:environmentsecrets";
  /** What SSM allows in a parameter name (and Secrets Manager in a secret name). */
  private static final Pattern PATH_PART = Pattern.compile("[A-Za-z0-9_.-]+");

  private final SecretStore store;
  private final DeployListener listener;

  Secrets(SecretStore store, DeployListener listener) {
    this.store = store;
    this.listener = listener;
  }

  static void checkNames(String application, String environment, Iterable<String> variables) {
    for (String part : List.of(application, environment)) {
      if (!PATH_PART.matcher(part).matches()) {
        throw new AwsFailure("store secrets under " + new SecretPath(application, environment).path(),
            "\"" + part + "\" has characters a parameter name cannot hold (letters, digits, _ . - only)",
            "rename it, or deploy the secret variables as plain properties with --env", null);
      }
    }
    for (String v : variables) {
      if (!PATH_PART.matcher(v).matches()) {
        throw new AwsFailure("store secret " + v, "a parameter name holds only letters, digits, _ . -",
            "rename the variable", null);
      }
    }
  }

  /**
   * What storing found: name to ARN, the names whose value was written now (sorted), and when the
   * newest value that was already stored was written.
   */
  record Outcome(Map<String, String> arns, List<String> changed, Instant newest) {
    static final Outcome NONE = new Outcome(Map.of(), List.of(), Instant.EPOCH);

    Outcome {
      changed = List.copyOf(changed);
    }

    /** Whether a value was written (or, in a dry run, would be). */
    boolean written() {
      return !changed.isEmpty();
    }

    /**
     * Whether instances started before {@code since} hold stale values: EB fetches them only when
     * an instance starts or the environment is updated. This also catches a deploy that stored a
     * value and was stopped before it could update the environment.
     */
    boolean staleSince(Instant since) {
      return written() || since == null || newest.isAfter(since);
    }
  }

  /**
   * Stores each secret that is missing or different (nothing at all with {@code dryRun}); the plan
   * says create, update or unchanged for each, by name.
   */
  Outcome store(Map<String, String> values, boolean dryRun) {
    Map<String, SecretStore.Stored> current = store.read(values.keySet());
    Map<String, String> arns = new TreeMap<>();
    List<String> changed = new ArrayList<>();
    Instant newest = Instant.EPOCH;
    for (Map.Entry<String, String> e : new TreeMap<>(values).entrySet()) {
      String name = e.getKey();
      SecretStore.Stored now = current.get(name);
      String where = store.kind() + " " + store.nameOf(name);
      if (now != null && now.value().equals(e.getValue())) {
        listener.step("secret", "unchanged", name + " (" + where + ")");
        arns.put(name, now.arn());
        newest = now.written().isAfter(newest) ? now.written() : newest;
        continue;
      }
      listener.step("secret", now == null ? "create" : "update", name + " (" + where + ")");
      changed.add(name);
      arns.put(name, dryRun ? (now != null ? now.arn() : store.expectedArn(name))
          : store.write(name, e.getValue(), now != null));
    }
    return new Outcome(arns, changed, newest);
  }

  /**
   * What the environment's options must change: the references to set ({@code settings}, for the
   * names {@code referenced}), the references to remove ({@code unreferenced}) and the plain
   * properties to remove ({@code plainRemoved}).
   */
  record References(List<ConfigurationOptionSetting> settings, List<String> referenced,
      List<String> unreferenced, List<String> plainRemoved) {
    static final References NONE = new References(List.of(), List.of(), List.of(), List.of());

    boolean isEmpty() {
      return settings.isEmpty() && unreferenced.isEmpty() && plainRemoved.isEmpty();
    }
  }

  /**
   * What the environment's options must change: references to add or repoint, plain properties of
   * secret names to remove, and this tool's references to names that are plain now.
   */
  References references(Map<String, String> currentRefs, Map<String, String> currentPlain,
      Map<String, String> arns, Map<String, String> wantedPlain) {
    List<ConfigurationOptionSetting> settings = new ArrayList<>();
    List<String> referenced = new ArrayList<>();
    List<String> unreferenced = new ArrayList<>();
    List<String> plainRemoved = new ArrayList<>();
    for (Map.Entry<String, String> e : new TreeMap<>(arns).entrySet()) {
      if (!e.getValue().equals(currentRefs.get(e.getKey()))) {
        settings.add(ConfigurationOptionSetting.builder().namespace(NAMESPACE).optionName(e.getKey())
            .value(e.getValue()).build());
        referenced.add(e.getKey());
      }
      if (currentPlain.containsKey(e.getKey())) {
        plainRemoved.add(e.getKey());
      }
    }
    for (Map.Entry<String, String> e : new TreeMap<>(currentRefs).entrySet()) {
      if (wantedPlain.containsKey(e.getKey()) && isOurs(e.getValue(), e.getKey())) {
        unreferenced.add(e.getKey());
      }
    }
    return new References(settings, referenced, unreferenced, plainRemoved);
  }

  /** A reference to this environment's own store entry for that variable (not someone else's). */
  private boolean isOurs(String arn, String variable) {
    String expected = store.expectedArn(variable);
    return arn.equals(expected) || expected.endsWith("-??????")
        && arn.startsWith(expected.substring(0, expected.length() - 6));
  }

  /** Tells the plan what changes in the environment's options, by name only. */
  void report(References refs) {
    if (!refs.referenced().isEmpty()) {
      listener.step("secrets", "update", "reference " + String.join(", ", refs.referenced()) + " from "
          + NAMESPACE);
    }
    if (!refs.plainRemoved().isEmpty()) {
      listener.step("variables", "remove", String.join(", ", refs.plainRemoved())
          + " (now secret: no plain property keeps the value)");
    }
    if (!refs.unreferenced().isEmpty()) {
      listener.step("secrets", "remove", "reference to " + String.join(", ", refs.unreferenced())
          + " (now a plain property)");
    }
  }
}
