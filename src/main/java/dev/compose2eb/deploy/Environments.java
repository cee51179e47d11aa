package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
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

  /** The current environment properties. */
  Map<String, String> variables(String application, String environment) {
    Map<String, String> out = new LinkedHashMap<>();
    for (ConfigurationSettingsDescription d : clients.eb().describeConfigurationSettings(
        DescribeConfigurationSettingsRequest.builder().applicationName(application)
            .environmentName(environment).build()).configurationSettings()) {
      for (ConfigurationOptionSetting o : d.optionSettings()) {
        if (Variables.NAMESPACE.equals(o.namespace()) && o.value() != null) {
          out.put(o.optionName(), o.value());
        }
      }
    }
    return out;
  }

  /** The newest platform version of EB's ECS on Amazon Linux 2023 branch. */
  String newestPlatform() {
    List<PlatformSummary> found = new ArrayList<>();
    String token = null;
    do {
      var page = clients.eb().listPlatformVersions(ListPlatformVersionsRequest.builder()
          .filters(PlatformFilter.builder().type("PlatformBranchName").operator("=")
              .values(PLATFORM_BRANCH).build())
          .nextToken(token).build());
      found.addAll(page.platformSummaryList());
      token = page.nextToken();
    } while (token != null && !token.isEmpty());
    return found.stream()
        .filter(p -> PLATFORM_BRANCH.equals(p.platformBranchName()))
        .filter(p -> p.platformStatusAsString() == null || "Ready".equals(p.platformStatusAsString()))
        .max(Comparator.comparing(p -> versionKey(p.platformVersion())))
        .map(PlatformSummary::platformArn)
        .orElseThrow(() -> new AwsFailure("find the newest \"" + PLATFORM_BRANCH + "\" platform",
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

  void create(String application, String environment, String label, String platformArn,
      List<ConfigurationOptionSetting> options) {
    clients.eb().createEnvironment(CreateEnvironmentRequest.builder()
        .applicationName(application).environmentName(environment).versionLabel(label)
        .platformArn(platformArn).optionSettings(options)
        .description("Created by compose2eb").build());
  }

  void update(String application, String environment, Optional<String> label,
      List<ConfigurationOptionSetting> options) {
    UpdateEnvironmentRequest.Builder b = UpdateEnvironmentRequest.builder()
        .applicationName(application).environmentName(environment);
    label.ifPresent(b::versionLabel);
    if (!options.isEmpty()) {
      b.optionSettings(options);
    }
    clients.eb().updateEnvironment(b.build());
  }

  /** Waits until the environment is Ready (another deploy may be running); empty on timeout. */
  Optional<EnvironmentDescription> awaitReady(String application, String environment, Instant deadline,
      EventStream events) {
    while (true) {
      Optional<EnvironmentDescription> env = find(application, environment);
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
