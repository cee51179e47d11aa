package dev.compose2eb.deploy;

import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** The SDK clients a deploy uses, all for one region. */
public record Clients(
    ElasticBeanstalkClient eb, S3Client s3, EcrClient ecr, IamClient iam, StsClient sts,
    SsmClient ssm, SecretsManagerClient secretsManager, String region) {}
