package dev.compose2eb.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.localstack.LocalStackContainer;
import org.testcontainers.containers.localstack.LocalStackContainer.Service;
import org.testcontainers.utility.DockerImageName;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The S3, IAM and STS calls the deploy code makes, against LocalStack, as a cross-check of the fake's
 * answers. Needs a Docker engine: skipped, with that reason, where there is none.
 */
class LocalStackTest {
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  @Test
  void s3IamAndStsRoundTrip() {
    Assumptions.assumeTrue(DockerClientFactory.instance().isDockerAvailable(),
        "no Docker engine on this machine: LocalStack tests skipped");
    try (LocalStackContainer localstack = new LocalStackContainer(DockerImageName.parse("localstack/localstack:3.8"))
        .withServices(Service.S3, Service.IAM, Service.STS)) {
      localstack.start();
      StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
          AwsBasicCredentials.create(localstack.getAccessKey(), localstack.getSecretKey()));
      Region region = Region.of(localstack.getRegion());
      try (SdkHttpClient http = UrlConnectionHttpClient.builder().build();
          StsClient sts = StsClient.builder().httpClient(http).credentialsProvider(credentials).region(region)
              .endpointOverride(localstack.getEndpoint()).build();
          IamClient iam = IamClient.builder().httpClient(http).credentialsProvider(credentials)
              .region(Region.US_EAST_1).endpointOverride(localstack.getEndpoint()).build();
          S3Client s3 = S3Client.builder().httpClient(http).credentialsProvider(credentials).region(region)
              .endpointOverride(localstack.getEndpoint()).forcePathStyle(true).build()) {
        String account = sts.getCallerIdentity().account();
        assertThat(account).matches("\\d{12}");

        String bucket = "elasticbeanstalk-" + region.id() + "-" + account;
        s3.createBucket(r -> r.bucket(bucket));
        s3.putObject(r -> r.bucket(bucket).key("shop/v1.zip"), RequestBody.fromString("bundle"));
        assertThat(s3.getObjectAsBytes(r -> r.bucket(bucket).key("shop/v1.zip")).asString(StandardCharsets.UTF_8))
            .isEqualTo("bundle");

        NoSuchEntityException missing = org.assertj.core.api.Assertions.catchThrowableOfType(
            NoSuchEntityException.class, () -> iam.getRole(r -> r.roleName("aws-elasticbeanstalk-ec2-role")));
        assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
        iam.createRole(r -> r.roleName("aws-elasticbeanstalk-ec2-role").assumeRolePolicyDocument(TRUST));
        iam.createInstanceProfile(r -> r.instanceProfileName("aws-elasticbeanstalk-ec2-role"));
        iam.addRoleToInstanceProfile(r -> r.instanceProfileName("aws-elasticbeanstalk-ec2-role")
            .roleName("aws-elasticbeanstalk-ec2-role"));
        assertThat(iam.getInstanceProfile(r -> r.instanceProfileName("aws-elasticbeanstalk-ec2-role"))
            .instanceProfile().roles()).extracting(role -> role.roleName())
            .containsExactly("aws-elasticbeanstalk-ec2-role");
      }
    }
  }
}
