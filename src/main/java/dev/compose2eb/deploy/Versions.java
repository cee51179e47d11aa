package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.aws.Deadline;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationVersionDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationVersionStatus;
import software.amazon.awssdk.services.elasticbeanstalk.model.CreateApplicationRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.CreateApplicationVersionRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeApplicationVersionsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeApplicationsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationResourceLifecycleConfig;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationVersionLifecycleConfig;
import software.amazon.awssdk.services.elasticbeanstalk.model.MaxCountRule;
import software.amazon.awssdk.services.elasticbeanstalk.model.S3Location;
import software.amazon.awssdk.services.elasticbeanstalk.model.TooManyApplicationVersionsException;

/**
 * The application and its versions: created when missing, reused when they already match. EB keeps
 * at most 1,000 application versions per region; a new application gets a version lifecycle rule
 * (keep the newest {@link #KEEP_VERSIONS}, leave their bundles in S3) when EB's service role exists to
 * apply it.
 */
final class Versions {
  static final int KEEP_VERSIONS = 200;

  private final Clients clients;
  private final Waiter waiter;

  Versions(Clients clients, Waiter waiter) {
    this.clients = clients;
    this.waiter = waiter;
  }

  boolean applicationExists(String application) {
    return !clients.eb().describeApplications(DescribeApplicationsRequest.builder()
        .applicationNames(application).build()).applications().isEmpty();
  }

  /** Creates the application; with {@code lifecycleRole} (an IAM role ARN) also its version lifecycle. */
  void createApplication(String application, Optional<String> lifecycleRole) {
    CreateApplicationRequest.Builder b = CreateApplicationRequest.builder()
        .applicationName(application).description("Created by compose2eb");
    lifecycleRole.ifPresent(role -> b.resourceLifecycleConfig(ApplicationResourceLifecycleConfig.builder()
        .serviceRole(role)
        .versionLifecycleConfig(ApplicationVersionLifecycleConfig.builder()
            .maxCountRule(MaxCountRule.builder().enabled(true).maxCount(KEEP_VERSIONS)
                .deleteSourceFromS3(false).build()).build()).build()));
    clients.eb().createApplication(b.build());
  }

  Optional<ApplicationVersionDescription> version(String application, String label) {
    List<ApplicationVersionDescription> found = clients.eb().describeApplicationVersions(
        DescribeApplicationVersionsRequest.builder().applicationName(application)
            .versionLabels(label).build()).applicationVersions();
    return found.stream().filter(v -> v.versionLabel().equals(label)).findFirst();
  }

  void createVersion(String application, String label, String bucket, String key, String sha256) {
    try {
      clients.eb().createApplicationVersion(CreateApplicationVersionRequest.builder()
          .applicationName(application).versionLabel(label)
          .description(description(sha256))
          .sourceBundle(S3Location.builder().s3Bucket(bucket).s3Key(key).build())
          .process(true).build());
    } catch (TooManyApplicationVersionsException e) {
      throw new AwsFailure("create application version " + label,
          "the region already holds Elastic Beanstalk's maximum of application versions (1,000 per region)",
          "delete old versions (`aws elasticbeanstalk delete-application-version`), or set a lifecycle rule:"
              + " `aws elasticbeanstalk update-application-resource-lifecycle --application-name "
              + application + " --resource-lifecycle-config 'ServiceRole=<role arn>,VersionLifecycleConfig="
              + "{MaxCountRule={Enabled=true,MaxCount=" + KEEP_VERSIONS + ",DeleteSourceFromS3=false}}'`", e);
    }
  }

  /** The description records the bundle hash, so a later deploy can tell the same bundle from another. */
  static String description(String sha256) {
    return "compose2eb bundle sha256:" + sha256;
  }

  /** Waits until EB has processed the version (it validates the bundle); FAILED is an error. */
  void awaitProcessed(String application, String label, Deadline deadline) {
    while (true) {
      ApplicationVersionStatus status = version(application, label)
          .map(ApplicationVersionDescription::status).orElse(ApplicationVersionStatus.UNPROCESSED);
      if (status == ApplicationVersionStatus.PROCESSED) {
        return;
      }
      if (status == ApplicationVersionStatus.FAILED) {
        throw new AwsFailure("process application version " + label,
            "Elastic Beanstalk marked it FAILED: it could not read the bundle or its configuration files"
                + " (processing validates the zip, .ebextensions/*.config and env.yaml, not Dockerrun.aws.json)",
            "check the .ebextensions files of the project and that the bundle is a readable zip; the"
                + " application's events (`aws elasticbeanstalk describe-events --application-name "
                + application + " --version-label " + label + "`) name the file", null);
      }
      if (!waiter.pause(deadline)) {
        throw new AwsFailure("process application version " + label,
            "it was still " + status + " when the timeout ran out", "run the deploy again; it reuses the version", null);
      }
    }
  }
}
