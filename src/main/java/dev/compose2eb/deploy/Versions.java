package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationVersionDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationVersionStatus;
import software.amazon.awssdk.services.elasticbeanstalk.model.CreateApplicationRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.CreateApplicationVersionRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeApplicationVersionsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.DescribeApplicationsRequest;
import software.amazon.awssdk.services.elasticbeanstalk.model.S3Location;

/** The application and its versions: created when missing, reused when they already match. */
final class Versions {
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

  void createApplication(String application) {
    clients.eb().createApplication(CreateApplicationRequest.builder()
        .applicationName(application)
        .description("Created by compose2eb").build());
  }

  Optional<ApplicationVersionDescription> version(String application, String label) {
    List<ApplicationVersionDescription> found = clients.eb().describeApplicationVersions(
        DescribeApplicationVersionsRequest.builder().applicationName(application)
            .versionLabels(label).build()).applicationVersions();
    return found.stream().filter(v -> v.versionLabel().equals(label)).findFirst();
  }

  void createVersion(String application, String label, String bucket, String key, String sha256) {
    clients.eb().createApplicationVersion(CreateApplicationVersionRequest.builder()
        .applicationName(application).versionLabel(label)
        .description(description(sha256))
        .sourceBundle(S3Location.builder().s3Bucket(bucket).s3Key(key).build())
        .process(true).build());
  }

  /** The description records the bundle hash, so a later deploy can tell the same bundle from another. */
  static String description(String sha256) {
    return "compose2eb bundle sha256:" + sha256;
  }

  /** Waits until EB has processed the version (it validates the bundle); FAILED is an error. */
  void awaitProcessed(String application, String label, Instant deadline) {
    while (true) {
      ApplicationVersionStatus status = version(application, label)
          .map(ApplicationVersionDescription::status).orElse(ApplicationVersionStatus.UNPROCESSED);
      if (status == ApplicationVersionStatus.PROCESSED) {
        return;
      }
      if (status == ApplicationVersionStatus.FAILED) {
        throw new AwsFailure("process application version " + label,
            "Elastic Beanstalk marked it FAILED (the bundle or its Dockerrun.aws.json was rejected)",
            "run `compose2eb validate` on the Dockerrun file, and see the application's events in the console", null);
      }
      if (!waiter.pause(deadline)) {
        throw new AwsFailure("process application version " + label,
            "it was still " + status + " when the timeout ran out", "run the deploy again; it reuses the version", null);
      }
    }
  }
}
