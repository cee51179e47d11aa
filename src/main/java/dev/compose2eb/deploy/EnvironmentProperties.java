package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.aws.Deadline;
import dev.compose2eb.plan.VariablePlan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.OptionSpecification;
import software.amazon.awssdk.services.elasticbeanstalk.model.UpdateEnvironmentRequest;

/**
 * An environment's properties, like {@code eb printenv} / {@code eb setenv}: list them, set some
 * (only changed values are sent), unset named ones (never any other). A change updates the
 * environment, so it waits for Ready as a deploy does. Secret variables (by the one secret rule,
 * or declared so) go to the secret store and are referenced from environmentsecrets, as deploy
 * does; their values are never listed.
 */
public final class EnvironmentProperties {
  private final Clients clients;
  private final String application;
  private final String environment;
  private final DeployListener listener;
  private final Environments envs;
  private final Clock clock;
  private final Duration timeout;

  public EnvironmentProperties(Clients clients, String application, String environment,
      DeployListener listener, Clock clock, Duration pollInterval, Duration timeout) {
    this.clients = clients;
    this.application = application;
    this.environment = environment;
    this.listener = listener;
    this.clock = clock;
    this.timeout = timeout;
    this.envs = new Environments(clients, Waiter.every(pollInterval, clock));
  }

  /** The properties, sorted by name. */
  public Map<String, String> list() {
    return call("read the properties of " + environment, () -> {
      existing();
      return new TreeMap<>(envs.variables(application, environment));
    });
  }

  /** The secret variables, name to the ARN EB fetches the value from, sorted by name. */
  public Map<String, String> secrets() {
    return call("read the secret references of " + environment, () -> {
      existing();
      return new TreeMap<>(envs.settings(application, environment).secretRefs());
    });
  }

  /** Sets the values that differ, each plain or secret by the one rule; see {@link #set(VariablePlan, boolean)}. */
  public List<String> set(Map<String, String> values) {
    return set(VariablePlan.classify(values), false);
  }

  /**
   * Sets what differs: plain variables as properties, secret ones in the store (SSM Parameter
   * Store, or Secrets Manager) referenced from environmentsecrets, with a plain property of the
   * same name removed. Returns the names that changed (empty: nothing to do, no write made).
   */
  public List<String> set(VariablePlan variables, boolean secretsManager) {
    return call("set properties of " + environment, () -> {
      EnvironmentDescription env = existing();
      Map<String, String> plain = variables.plain();
      Environments.Settings settings = envs.settings(application, environment);
      Map<String, String> current = settings.variables();
      Secrets.Outcome stored = Secrets.Outcome.NONE;
      Secrets.References refs = Secrets.References.NONE;
      if (!variables.secrets().isEmpty()) {
        Secrets.checkNames(application, environment, variables.secrets().keySet());
        var me = clients.sts().getCallerIdentity();
        SecretStore store = SecretStore.of(clients, secretsManager, application, environment,
            Partition.ofArn(me.arn()), me.account());
        Secrets secrets = new Secrets(store, listener);
        stored = secrets.store(variables.secretValues(), false);
        refs = secrets.references(settings.secretRefs(), current, stored.arns(), plain);
        secrets.report(refs);
      }
      Map<String, String> kept = new TreeMap<>(current);
      kept.keySet().removeAll(refs.plainRemoved());
      Variables.check(kept, plain);
      Variables.Changes changes = Variables.diff(current, plain);
      boolean refresh = !variables.secrets().isEmpty() && stored.staleSince(env.dateUpdated());
      if (changes.isEmpty() && refs.isEmpty() && !refresh) {
        listener.step("variables", "skip", "already set");
        return List.of();
      }
      List<String> names = new ArrayList<>(changes.added());
      names.addAll(changes.changed());
      if (!names.isEmpty()) {
        listener.step("variables", "update", String.join(", ", names.stream().sorted().toList()));
      }
      Set<String> changed = new TreeSet<>(names);
      changed.addAll(refs.referenced());
      changed.addAll(refs.unreferenced());
      if (stored.written()) {
        changed.addAll(variables.secrets().keySet()); // names only: which values changed stays unsaid
      }
      List<ConfigurationOptionSetting> set = new ArrayList<>(changes.settings());
      set.addAll(refs.settings());
      List<OptionSpecification> remove = new ArrayList<>();
      refs.plainRemoved().forEach(n -> remove.add(option(Variables.NAMESPACE, n)));
      refs.unreferenced().forEach(n -> remove.add(option(Secrets.NAMESPACE, n)));
      // a new secret value under the same reference reaches the instances only by a redeploy
      boolean redeploy = set.isEmpty() && remove.isEmpty();
      update(set, remove, redeploy ? Optional.ofNullable(env.versionLabel()) : Optional.empty());
      return List.copyOf(changed);
    });
  }

  private static OptionSpecification option(String namespace, String name) {
    return OptionSpecification.builder().namespace(namespace).optionName(name).build();
  }

  /**
   * Removes the named properties and secret references that exist; returns their names. A secret's
   * stored value stays in its store (other environments or a rollback may still read it).
   */
  public List<String> unset(List<String> names) {
    return call("unset properties of " + environment, () -> {
      existing();
      Environments.Settings settings = envs.settings(application, environment);
      Map<String, String> current = settings.variables();
      Map<String, String> refs = settings.secretRefs();
      List<String> present = names.stream().filter(n -> current.containsKey(n) || refs.containsKey(n))
          .sorted().distinct().toList();
      if (present.isEmpty()) {
        listener.step("variables", "skip", "none of them is set");
        return List.of();
      }
      listener.step("variables", "remove", String.join(", ", present));
      List<OptionSpecification> remove = new ArrayList<>();
      for (String n : present) {
        if (current.containsKey(n)) {
          remove.add(option(Variables.NAMESPACE, n));
        }
        if (refs.containsKey(n)) {
          remove.add(option(Secrets.NAMESPACE, n));
        }
      }
      update(List.of(), remove, Optional.empty());
      return present;
    });
  }

  private EnvironmentDescription existing() {
    return envs.find(application, environment).orElseThrow(() -> new AwsFailure(
        "use environment " + environment, "it does not exist in application " + application,
        "check --application and --environment", null));
  }

  private void update(List<ConfigurationOptionSetting> set, List<OptionSpecification> remove,
      Optional<String> redeploy) {
    Deadline deadline = Deadline.in(timeout, clock);
    EventStream events = new EventStream(clients, application, environment, listener);
    if (envs.awaitReady(application, environment, deadline, events).isEmpty()) {
      throw new AwsFailure("update environment " + environment, "it did not become Ready in " + timeout,
          "wait for the running operation to finish, then run this again", null);
    }
    UpdateEnvironmentRequest.Builder b = UpdateEnvironmentRequest.builder()
        .applicationName(application).environmentName(environment);
    redeploy.ifPresent(b::versionLabel);
    if (!set.isEmpty()) {
      b.optionSettings(set);
    }
    if (!remove.isEmpty()) {
      b.optionsToRemove(remove);
    }
    events.clearFailure(); // only what this update causes counts
    events.startAt(clients.eb().updateEnvironment(b.build()).dateUpdated());
    // EB answers at once with the environment Updating; it is done when Ready again
    Optional<EnvironmentDescription> ready = envs.awaitReady(application, environment, deadline, events);
    if (ready.isEmpty()) {
      throw new AwsFailure("update environment " + environment, "it did not become Ready again in "
          + timeout, "watch its events; the update goes on", null);
    }
    events.failure().ifPresent(f -> {
      throw new AwsFailure("update environment " + environment, "Elastic Beanstalk reported: " + f,
          "see the events above", null);
    });
  }

  private <T> T call(String action, java.util.function.Supplier<T> work) {
    try {
      return work.get();
    } catch (SdkException e) {
      throw AwsFailure.of(action, e);
    }
  }
}
