package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.aws.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.OptionSpecification;
import software.amazon.awssdk.services.elasticbeanstalk.model.UpdateEnvironmentRequest;

/**
 * An environment's properties, like {@code eb printenv} / {@code eb setenv}: list them, set some
 * (only changed values are sent), unset named ones (never any other). A change updates the
 * environment, so it waits for Ready as a deploy does.
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

  /** Sets the values that differ; returns the names sent (empty: nothing to do, no call made). */
  public List<String> set(Map<String, String> values) {
    return call("set properties of " + environment, () -> {
      existing();
      Map<String, String> current = envs.variables(application, environment);
      Variables.check(current, values);
      Variables.Changes changes = Variables.diff(current, values);
      if (changes.isEmpty()) {
        listener.step("variables", "skip", "already set");
        return List.of();
      }
      List<String> names = new ArrayList<>(changes.added());
      names.addAll(changes.changed());
      listener.step("variables", "update", String.join(", ", names.stream().sorted().toList()));
      update(changes.settings(), List.of());
      return names.stream().sorted().toList();
    });
  }

  /** Removes the named properties that exist; returns their names. */
  public List<String> unset(List<String> names) {
    return call("unset properties of " + environment, () -> {
      existing();
      Map<String, String> current = envs.variables(application, environment);
      List<String> present = names.stream().filter(current::containsKey).sorted().distinct().toList();
      if (present.isEmpty()) {
        listener.step("variables", "skip", "none of them is set");
        return List.of();
      }
      listener.step("variables", "remove", String.join(", ", present));
      List<OptionSpecification> remove = present.stream().map(n -> OptionSpecification.builder()
          .namespace(Variables.NAMESPACE).optionName(n).build()).toList();
      update(List.of(), remove);
      return present;
    });
  }

  private EnvironmentDescription existing() {
    return envs.find(application, environment).orElseThrow(() -> new AwsFailure(
        "use environment " + environment, "it does not exist in application " + application,
        "check --application and --environment", null));
  }

  private void update(List<ConfigurationOptionSetting> set, List<OptionSpecification> remove) {
    Deadline deadline = Deadline.in(timeout, clock);
    EventStream events = new EventStream(clients, application, environment, listener);
    if (envs.awaitReady(application, environment, deadline, events).isEmpty()) {
      throw new AwsFailure("update environment " + environment, "it did not become Ready in " + timeout,
          "wait for the running operation to finish, then run this again", null);
    }
    UpdateEnvironmentRequest.Builder b = UpdateEnvironmentRequest.builder()
        .applicationName(application).environmentName(environment);
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
