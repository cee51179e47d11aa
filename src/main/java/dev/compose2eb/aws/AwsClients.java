package dev.compose2eb.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.ProfileCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.SdkClient;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.elasticbeanstalk.ElasticBeanstalkClient;
import software.amazon.awssdk.services.iam.IamClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.ssm.SsmClient;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/**
 * The AWS SDK v2 clients one run uses, sharing one HTTP client, one region and one credentials
 * provider. Region and credentials come from the SDK default chains (after {@code --region} /
 * {@code --profile} and the caller's environment); endpoint overrides from
 * {@code AWS_ENDPOINT_URL[_<SERVICE>]} as the AWS CLI reads them. Clients are built on first use.
 */
public final class AwsClients implements AutoCloseable {
  /** Attempts per call (standard retry mode; the SDK's default is 3). */
  public static final int MAX_ATTEMPTS = 5;

  private final Region region;
  private final AwsCredentialsProvider credentials;
  private final Endpoints endpoints;
  private final SdkHttpClient http;
  private final ClientOverrideConfiguration overrides;
  private final CallLimits limits;
  private final CallWatch watch;

  private ElasticBeanstalkClient elasticBeanstalk;
  private S3Client s3;
  private EcrClient ecr;
  private IamClient iam;
  private StsClient sts;
  private SsmClient ssm;
  private SecretsManagerClient secretsManager;

  private AwsClients(Region region, AwsCredentialsProvider credentials, Endpoints endpoints,
      CallLimits limits, Consumer<String> notes) {
    this.region = region;
    this.credentials = credentials;
    this.endpoints = endpoints;
    this.limits = limits;
    // the socket's own limits back the per-attempt one (a body being sent has no attempt limit)
    this.http = UrlConnectionHttpClient.builder()
        .connectionTimeout(shorter(CONNECT_TIMEOUT, limits.attempt()))
        .socketTimeout(limits.attempt())
        .build();
    this.watch = new CallWatch(limits, MAX_ATTEMPTS, notes);
    this.overrides = ClientOverrideConfiguration.builder()
        .retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
            .maxAttempts(MAX_ATTEMPTS).build())
        .addExecutionInterceptor(watch)
        .build();
  }

  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

  private static Duration shorter(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /**
   * Resolves region and credentials for {@code settings}. Throws {@link AwsFailure} when no region
   * can be found or an endpoint override is not a URL; missing credentials surface on the first call.
   */
  public static AwsClients create(AwsSettings settings) {
    return create(settings, CallLimits.standard(), note -> { });
  }

  /**
   * As {@link #create(AwsSettings)}, with the calls' time limits and where to say what a slow call
   * waits for and when it is tried again ({@code notes}, called from any thread).
   */
  public static AwsClients create(AwsSettings settings, CallLimits limits, Consumer<String> notes) {
    Endpoints endpoints = new Endpoints(settings.env());
    for (String service : new String[] {"Elastic Beanstalk", "S3", "ECR", "IAM", "STS", "SSM",
        "Secrets Manager"}) {
      endpoints.override(service); // a malformed override fails here, before any client exists
    }
    return new AwsClients(region(settings), credentials(settings), endpoints, limits, notes);
  }

  /** The region every client talks to. */
  public Region region() {
    return region;
  }

  /** The time limits of every call these clients make; the deploy moves their deadline. */
  public CallLimits limits() {
    return limits;
  }

  /** The endpoint override for a service id ("S3", "Elastic Beanstalk", ...), when one is set. */
  public Optional<URI> endpointOverride(String serviceId) {
    return endpoints.override(serviceId);
  }

  public synchronized ElasticBeanstalkClient elasticBeanstalk() {
    if (elasticBeanstalk == null) {
      elasticBeanstalk = build(ElasticBeanstalkClient.builder(), "Elastic Beanstalk").build();
    }
    return elasticBeanstalk;
  }

  public synchronized S3Client s3() {
    if (s3 == null) {
      var builder = build(S3Client.builder(), "S3");
      if (endpoints.override("S3").isPresent()) {
        // S3-compatible servers (s3proxy, MinIO, LocalStack) answer on one host, and many do not
        // accept the aws-chunked uploads with trailing CRC checksums the SDK sends by default.
        builder.forcePathStyle(true)
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
      }
      s3 = builder.build();
    }
    return s3;
  }

  public synchronized EcrClient ecr() {
    if (ecr == null) {
      ecr = build(EcrClient.builder(), "ECR").build();
    }
    return ecr;
  }

  public synchronized IamClient iam() {
    if (iam == null) {
      iam = build(IamClient.builder(), "IAM").build();
    }
    return iam;
  }

  public synchronized StsClient sts() {
    if (sts == null) {
      sts = build(StsClient.builder(), "STS").build();
    }
    return sts;
  }

  public synchronized SsmClient ssm() {
    if (ssm == null) {
      ssm = build(SsmClient.builder(), "SSM").build();
    }
    return ssm;
  }

  public synchronized SecretsManagerClient secretsManager() {
    if (secretsManager == null) {
      secretsManager = build(SecretsManagerClient.builder(), "Secrets Manager").build();
    }
    return secretsManager;
  }

  @Override
  public synchronized void close() {
    for (SdkClient c : new SdkClient[] {elasticBeanstalk, s3, ecr, iam, sts, ssm, secretsManager}) {
      if (c != null) {
        c.close();
      }
    }
    http.close(); // shared clients are not closed by the service clients
    watch.close();
    if (credentials instanceof SdkAutoCloseable c) {
      c.close(); // the default chain may hold refreshing threads (SSO, container credentials)
    }
  }

  private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B build(B builder,
      String serviceId) {
    builder.region(region)
        .credentialsProvider(credentials)
        .httpClient(http)
        .overrideConfiguration(overrides);
    endpoints.override(serviceId).ifPresent(builder::endpointOverride);
    return builder;
  }

  private static Region region(AwsSettings settings) {
    Optional<String> explicit = settings.region()
        .or(() -> nonBlank(settings.env(), "AWS_REGION"))
        .or(() -> nonBlank(settings.env(), "AWS_DEFAULT_REGION")); // the AWS CLI honours it too
    if (explicit.isPresent()) {
      return Region.of(explicit.get());
    }
    Optional<String> profile = settings.profile().or(() -> nonBlank(settings.env(), "AWS_PROFILE"));
    Supplier<Region> chain = () -> profile
        .map(p -> DefaultAwsRegionProviderChain.builder().profileName(p).build())
        .orElseGet(DefaultAwsRegionProviderChain::new)
        .getRegion();
    try {
      return chain.get();
    } catch (SdkException e) {
      throw AwsFailure.of("determine the AWS region", e);
    }
  }

  /**
   * An explicit {@code --profile} wins over key variables, as in the AWS CLI. Otherwise keys in the
   * caller's environment are used as the SDK's environment provider would use them, and anything
   * else is left to the SDK default chain (profile, SSO, web identity, container, instance).
   */
  private static AwsCredentialsProvider credentials(AwsSettings settings) {
    Map<String, String> env = settings.env();
    if (settings.profile().isPresent()) {
      return ProfileCredentialsProvider.builder().profileName(settings.profile().get()).build();
    }
    Optional<String> keyId = nonBlank(env, "AWS_ACCESS_KEY_ID");
    Optional<String> secret = nonBlank(env, "AWS_SECRET_ACCESS_KEY");
    if (keyId.isPresent() && secret.isPresent()) {
      Optional<String> token = nonBlank(env, "AWS_SESSION_TOKEN");
      return StaticCredentialsProvider.create(token.isPresent()
          ? AwsSessionCredentials.create(keyId.get(), secret.get(), token.get())
          : AwsBasicCredentials.create(keyId.get(), secret.get()));
    }
    DefaultCredentialsProvider.Builder chain = DefaultCredentialsProvider.builder();
    nonBlank(env, "AWS_PROFILE").ifPresent(chain::profileName);
    return chain.build();
  }

  private static Optional<String> nonBlank(Map<String, String> env, String name) {
    return Optional.ofNullable(env.get(name)).map(String::trim).filter(v -> !v.isEmpty());
  }
}
