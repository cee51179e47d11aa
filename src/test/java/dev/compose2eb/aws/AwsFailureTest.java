package dev.compose2eb.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.UnknownHostException;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.services.elasticbeanstalk.model.ElasticBeanstalkException;

class AwsFailureTest {

  private static AwsServiceException service(int status, String code, String message) {
    return ElasticBeanstalkException.builder().statusCode(status)
        .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage(message).build())
        .build();
  }

  @Test
  void accessDeniedNamesThePermissionProblem() {
    AwsFailure f = AwsFailure.of("create the application web", service(403, "AccessDenied",
        "User: arn:aws:iam::123456789012:user/ci is not authorized to perform:"
            + " elasticbeanstalk:CreateApplication"));
    assertThat(f.getMessage()).isEqualTo("Tried to create the application web but failed because:"
        + " access was denied (AccessDenied: User: arn:aws:iam::123456789012:user/ci is not"
        + " authorized to perform: elasticbeanstalk:CreateApplication); grant the deploying identity"
        + " this permission (see the IAM permissions in README.md)");
  }

  @Test
  void expiredAndRejectedCredentialsAreTold() {
    assertThat(AwsFailure.of("x", service(403, "ExpiredToken", "The security token has expired."))
        .reason()).isEqualTo("the AWS credentials have expired (ExpiredToken: The security token has"
            + " expired)");
    assertThat(AwsFailure.of("x", service(403, "InvalidClientTokenId", "bad token")).reason())
        .startsWith("AWS rejected the credentials");
    assertThat(AwsFailure.of("x", service(403, "SignatureDoesNotMatch", "sig")).fix())
        .contains("system clock");
  }

  @Test
  void throttlingIsRecognised() {
    AwsFailure f = AwsFailure.of("update the environment", service(400, "Throttling", "Rate exceeded"));
    assertThat(f.reason()).isEqualTo("AWS throttled the requests (Throttling: Rate exceeded)");
    assertThat(f.fix()).startsWith("wait a minute");
  }

  @Test
  void otherServiceErrorsKeepCodeAndMessage() {
    assertThat(AwsFailure.of("create version v1", service(400, "InvalidParameterValue",
        "Application Version v1 already exists.")).getMessage())
        .isEqualTo("Tried to create version v1 but failed because: AWS refused the request"
            + " (InvalidParameterValue: Application Version v1 already exists); fix what the message"
            + " names and run again");
  }

  @Test
  void missingCredentialsAndRegionAreTold() {
    assertThat(AwsFailure.of("read the caller identity", SdkClientException.create(
        "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain("
            + "credentialsProviders=[SystemPropertyCredentialsProvider(), ...]) : [...]")).getMessage())
        .isEqualTo("Tried to read the caller identity but failed because: no AWS credentials were"
            + " found; set AWS_PROFILE (or pass --aws-profile), or AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY");
    assertThat(AwsFailure.of("determine the AWS region", SdkClientException.create(
        "Unable to load region from any of the providers in the chain ...")).reason())
        .isEqualTo("no AWS region is configured");
  }

  @Test
  void unknownHostsAreNamed() {
    SdkClientException e = SdkClientException.create("Unable to execute HTTP request: ecr.xx.amazonaws.com",
        new UnknownHostException("ecr.xx-nowhere-1.amazonaws.com"));
    assertThat(AwsFailure.of("x", e).reason())
        .isEqualTo("the host ecr.xx-nowhere-1.amazonaws.com is unknown");
  }

  @Test
  void messagesAreOneLineAndNeverCarryKeys() {
    AwsFailure f = AwsFailure.of("x", service(400, "Weird", "line one\nline two with"
        + " AKIAIOSFODNN7EXAMPLE and aws_secret_access_key=wJalrXUtnFEMI/K7MDENG"));
    assertThat(f.getMessage()).doesNotContain("\n").doesNotContain("IOSFODNN7EXAMPLE")
        .doesNotContain("wJalrXUtnFEMI").contains("line one line two with AKIA****");
  }

  @Test
  void anExistingFailureIsKept() {
    AwsFailure f = new AwsFailure("a", "b", "c", null);
    assertThat(AwsFailure.of("other", f)).isSameAs(f);
    assertThat(f.getMessage()).isEqualTo("Tried to a but failed because: b; c");
  }
}
