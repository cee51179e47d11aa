package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.aws.Deadline;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationSettingsDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.CreateEnvironmentRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.CreateEnvironmentResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentHealthRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEventsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentHealthAttribute;
import software.amazon.awssdk.services.elasticbeanstalk.model.EventDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.OptionSpecification;
import software.amazon.awssdk.services.elasticbeanstalk.model.RebuildEnvironmentRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.UpdateEnvironmentResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeConfigurationSettingsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeEnvironmentsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentStatus;
import software.amazon.awssdk.services.elasticbeanstalk.model.ListPlatformVersionsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.PlatformFilter;
import software.amazon.awssdk.services.elasticbeanstalk.model.PlatformSummary;
import software.amazon.awssdk.services.elasticbeanstalk.model.UpdateEnvironmentRequest;

/** Elastic Beanstalk environments: find, create, update, and wait for Ready. */
final class Environments {
  static final String PLATFORM_BRANCH = "ECS running on 64bit Amazon Linux 2023";

  private final Clients clients;
  private final Waiter waiter;

  Environments(Clients clients, Waiter waiter) {
    this.clients = clients;
    this.waiter = waiter;
  }

  /** The live environment (not Terminated) of that name, if any. */
  Optional<EnvironmentDescription> find(String application, String environment) {
    return clients.eb().describeEnvironments(DescribeEnvironmentsRequest.builder()
            .applicationName(application).environmentNames(environment).includeDeleted(false).build())
        .environments().stream()
        .filter(e -> e.environmentName().equals(environment))
        .filter(e -> e.status() != EnvironmentStatus.TERMINATED && e.status() != EnvironmentStatus.TERMINATING)
        .findFirst();
  }

  /** The environment of that id, whatever its status (Terminated included). */
  Optional<EnvironmentDescription> byId(String application, String id) {
    return clients.eb().describeEnvironments(DescribeEnvironmentsRequest.builder()
            .applicationName(application).environmentIds(id).includeDeleted(true).build())
        .environments().stream().filter(e -> e.environmentId().equals(id)).findFirst();
  }

  /** What a deploy reads of an environment's configuration, in one call. */
  record Settings(Map<String, String> variables, Map<String, String> secretRefs,
      Optional<String> instanceProfile) {}

  static final String LAUNCH_NS = "aws:autoscaling:launchconfiguration";

  Settings settings(String application, String environment) {
    Map<String, String> vars = new LinkedHashMap<>();
    Map<String, String> refs = new LinkedHashMap<>();
    Optional<String> profile = Optional.empty();
    for (ConfigurationSettingsDescription d : clients.eb().describeConfigurationSettings(
        DescribeConfigurationSettingsRequest.builder().applicationName(application)
            .environmentName(environment).build()).configurationSettings()) {
      for (ConfigurationOptionSetting o : d.optionSettings()) {
        if (Variables.NAMESPACE.equals(o.namespace()) && o.value() != null) {
          vars.put(o.optionName(), o.value());
        } else if (Secrets.NAMESPACE.equals(o.namespace()) && o.value() != null) {
          refs.put(o.optionName(), o.value());
        } else if (LAUNCH_NS.equals(o.namespace()) && "IamInstanceProfile".equals(o.optionName())
            && o.value() != null && !o.value().isBlank()) {
          profile = Optional.of(o.value());
        }
      }
    }
    return new Settings(vars, refs, profile);
  }

  /** The current environment properties. */
  Map<String, String> variables(String application, String environment) {
    return settings(application, environment).variables();
  }

  /** Why the environment's health is not Green, as EB's enhanced health tells it. */
  List<String> healthCauses(String environment) {
    return clients.eb().describeEnvironmentHealth(DescribeEnvironmentHealthRequest.builder()
        .environmentName(environment)
        .attributeNames(EnvironmentHealthAttribute.CAUSES).build()).causes();
  }

  /** The newest events of the environment, newest first. */
  List<EventDescription> recentEvents(String application, String environment) {
    return clients.eb().describeEvents(DescribeEventsRequest.builder().applicationName(application)
        .environmentName(environment).maxRecords(100).build()).events();
  }

  /** The newest platform version of EB's ECS on Amazon Linux 2023 branch. */
  String newestPlatform() {
    return newestPlatform(PLATFORM_BRANCH);
  }

  /** The newest Ready platform version of a platform branch. */
  String newestPlatform(String branch) {
    List<PlatformSummary> found = new ArrayList<>();
    String token = null;
    do {
      var page = clients.eb().listPlatformVersions(ListPlatformVersionsRequest.builder()
          .filters(PlatformFilter.builder().type("PlatformBranchName").operator("=")
              .values(branch).build())
          .nextToken(token).build());
      found.addAll(page.platformSummaryList());
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return found.stream()
        .filter(p -> branch.equals(p.platformBranchName()))
        .filter(p -> p.platformStatusAsString() == null || "Ready".equals(p.platformStatusAsString()))
        .max(Comparator.comparing(p -> versionKey(p.platformVersion())))
        .map(PlatformSummary::platformArn)
        .orElseThrow(() -> new AwsFailure("find the newest \"" + branch + "\" platform",
            "ListPlatformVersions returned none", "pass --platform-arn", null));
  }

  /** "4.10.2" sorts after "4.9.11". */
  static String versionKey(String version) {
    StringBuilder sb = new StringBuilder();
    for (String part : (version == null ? "" : version).split("\\.")) {
      sb.append(String.format("%010d", part.matches("\\d{1,9}") ? Integer.parseInt(part) : 0));
    }
    return sb.toString();
  }

  /** An operation EB accepted: the environment's id and EB's own time for it. */
  record Started(String environmentId, Instant serverTime) {}

  Started create(String application, String environment, String label, String platformArn,
      List<ConfigurationOptionSetting> options) {
    CreateEnvironmentResponse r = clients.eb().createEnvironment(CreateEnvironmentRequest.builder()
        .applicationName(application).environmentName(environment).versionLabel(label)
        .platformArn(platformArn).optionSettings(options)
        .description("Created by compose2eb").build());
    return new Started(r.environmentId(), r.dateCreated());
  }

  Started update(String application, String environment, Optional<String> label,
      List<ConfigurationOptionSetting> options, List<String> removeVariables) {
    return update(application, environment, label, options, removeVariables, List.of());
  }

  /** As above, also removing the named secret references (environmentsecrets). */
  Started update(String application, String environment, Optional<String> label,
      List<ConfigurationOptionSetting> options, List<String> removeVariables,
      List<String> removeSecretRefs) {
    UpdateEnvironmentRequest.Builder b = UpdateEnvironmentRequest.builder()
        .applicationName(application).environmentName(environment);
    label.ifPresent(b::versionLabel);
    if (!options.isEmpty()) {
      b.optionSettings(options);
    }
    List<OptionSpecification> remove = new ArrayList<>();
    removeVariables.forEach(n -> remove.add(OptionSpecification.builder()
        .namespace(Variables.NAMESPACE).optionName(n).build()));
    removeSecretRefs.forEach(n -> remove.add(OptionSpecification.builder()
        .namespace(Secrets.NAMESPACE).optionName(n).build()));
    if (!remove.isEmpty()) {
      b.optionsToRemove(remove);
    }
    UpdateEnvironmentResponse r = clients.eb().updateEnvironment(b.build());
    return new Started(r.environmentId(), r.dateUpdated());
  }

  /** Deletes and recreates the environment's resources (a launch that failed gets a new start). */
  void rebuild(String application, String environment) {
    clients.eb().rebuildEnvironment(RebuildEnvironmentRequest.builder()
        .environmentName(environment).build());
  }

  /** Waits until the environment is Ready (another deploy may be running); empty on timeout. */
  Optional<EnvironmentDescription> awaitReady(String application, String environment, Deadline deadline,
      EventStream events) {
    while (true) {
      Optional<EnvironmentDescription> env = find(application, environment);
      env.ifPresent(e -> events.startAt(e.dateUpdated()));
      events.poll();
      if (env.isEmpty()) {
        throw new AwsFailure("wait for environment " + environment, "it no longer exists",
            "run the deploy again with --create", null);
      }
      if (env.get().status() == EnvironmentStatus.READY) {
        return env;
      }
      if (!waiter.pause(deadline)) {
        return Optional.empty();
      }
    }
  }
}
