package dev.compose2eb.fake;

import java.net.URI;
import java.util.function.Consumer;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;

/** Builds real SDK v2 clients aimed at a {@link FakeAws}. */
public final class Sdk {
  private Sdk() {}

  /**
   * The clients the deploy code uses. {@code s3} goes to {@link FakeAws#s3Endpoint()} when set (path-style,
   * for s3proxy), else to the fake, which answers S3 with NotImplemented. Close to release the HTTP client.
   */
  public record Clients(
      ElasticBeanstalkClient eb, IamClient iam, StsClient sts, EcrClient ecr, S3Client s3, SsmClient ssm,
      SecretsManagerClient secretsManager, SdkHttpClient http)
      implements AutoCloseable {
    @Override
    public void close() {
      eb.close();
      iam.close();
      sts.close();
      ecr.close();
      s3.close();
      ssm.close();
      secretsManager.close();
      http.close();
    }
  }

  /** Clients with the SDK's default retry and timeout behaviour. */
  public static Clients clients(FakeAws fake) {
    return clients(fake, o -> {});
  }

  /**
   * Clients with overrides applied on top of the defaults (retry strategy, attempt timeouts, ...). IAM, a
   * global service, signs for us-east-1 as the real one does.
   */
  public static Clients clients(FakeAws fake, Consumer<ClientOverrideConfiguration.Builder> overrides) {
    SdkHttpClient http = UrlConnectionHttpClient.builder().build();
    StaticCredentialsProvider credentials = StaticCredentialsProvider.create(
        AwsBasicCredentials.create(fake.accessKeyId(), fake.secretAccessKey()));
    Region region = Region.of(fake.region());
    URI endpoint = fake.endpoint();
    ClientOverrideConfiguration config = ClientOverrideConfiguration.builder().applyMutation(overrides).build();
    return new Clients(
        ElasticBeanstalkClient.builder().httpClient(http).credentialsProvider(credentials).region(region)
            .endpointOverride(endpoint).overrideConfiguration(config).build(),
        IamClient.builder().httpClient(http).credentialsProvider(credentials).region(Region.US_EAST_1)
            .endpointOverride(endpoint).overrideConfiguration(config).build(),
        StsClient.builder().httpClient(http).credentialsProvider(credentials).region(region)
            .endpointOverride(endpoint).overrideConfiguration(config).build(),
        EcrClient.builder().httpClient(http).credentialsProvider(credentials).region(region)
            .endpointOverride(endpoint).overrideConfiguration(config).build(),
        S3Client.builder().httpClient(http).credentialsProvider(credentials).region(region)
            .endpointOverride(fake.s3Endpoint().orElse(endpoint)).forcePathStyle(true)
            // s3proxy rejects the aws-chunked trailing checksums the SDK sends by default
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
            .overrideConfiguration(config).build(),
        SsmClient.builder().httpClient(http).credentialsProvider(credentials).region(region)
            .endpointOverride(endpoint).overrideConfiguration(config).build(),
        SecretsManagerClient.builder().httpClient(http).credentialsProvider(credentials).region(region)
            .endpointOverride(endpoint).overrideConfiguration(config).build(),
        http);
  }
}
