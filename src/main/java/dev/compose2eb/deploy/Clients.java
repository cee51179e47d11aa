package dev.compose2eb.deploy;

import dev.compose2eb.aws.CallLimits;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * The SDK clients a deploy uses, all for one region, and the time limits of their calls (the
 * deploy moves the deadline from phase to phase).
 */
public record Clients(
    ElasticBeanstalkClient eb, S3Client s3, EcrClient ecr, IamClient iam, StsClient sts,
    SsmClient ssm, SecretsManagerClient secretsManager, String region, CallLimits limits) {

  /**
   * Clients built without {@link dev.compose2eb.aws.AwsClients} (tests): a limits holder of their
   * own, which no interceptor of theirs reads.
   */
  public Clients(ElasticBeanstalkClient eb, S3Client s3, EcrClient ecr, IamClient iam,
      StsClient sts, SsmClient ssm, SecretsManagerClient secretsManager, String region) {
    this(eb, s3, ecr, iam, sts, ssm, secretsManager, region, CallLimits.standard());
  }
}
