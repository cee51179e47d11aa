package dev.compose2eb.deploy;

import dev.compose2eb.bundle.Bundle;
import dev.compose2eb.bundle.BundleBuilder;
import dev.compose2eb.bundle.BundleRequest;
import dev.compose2eb.compose.load.ComposeLoader;
import dev.compose2eb.compose.load.LoadRequest;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.fake.FakeAws;
import dev.compose2eb.fake.LocalS3;
import dev.compose2eb.fake.Sdk;
import dev.compose2eb.translate.LocalProjectFiles;
import dev.compose2eb.translate.TranslateOptions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.retries.api.BackoffStrategy;

/**
 * Everything a deploy talks to, on loopback: the stateful fake of EB, ECR, IAM and STS, and a real
 * S3 server (s3proxy, in-process) holding EB's storage bucket. SDK retries back off immediately so
 * that fault tests stay fast; the retry counts are the SDK's standard ones.
 */
final class DeployWorld implements AutoCloseable {
  final FakeAws fake;
  final LocalS3 s3;
  final Sdk.Clients sdk;
  Clients clients;
  /** The deploy's clock: real time plus an offset a test can move (a slow push without sleeping). */
  final ShiftedClock clock = new ShiftedClock();
  /** Runs inside every image publish. */
  Runnable onPublish = () -> {};
  final Path project;
  final List<String> lines = new ArrayList<>();
  /** The project environment the deploy reads {@code environment:} compose secrets from. */
  Map<String, String> projectEnvironment = Map.of();
  final List<String> published = new ArrayList<>();
  TranslateOptions translateOptions = TranslateOptions.defaults();

  DeployWorld(Path tmp) throws Exception {
    this(tmp, "us-east-1");
  }

  DeployWorld(Path tmp, String region) throws Exception {
    fake = FakeAws.start(region);
    s3 = LocalS3.start(fake);
    fake.pollsToComplete(2);
    fake.pollsToProcess(1);
    sdk = Sdk.clients(fake, o -> o.retryStrategy(AwsRetryStrategy.standardRetryStrategy().toBuilder()
        .backoffStrategy(BackoffStrategy.retryImmediately())
        .throttlingBackoffStrategy(BackoffStrategy.retryImmediately())
        .circuitBreakerEnabled(false).maxAttempts(3).build()));
    clients = new Clients(sdk.eb(), sdk.s3(), sdk.ecr(), sdk.iam(), sdk.sts(), sdk.ssm(),
        sdk.secretsManager(), fake.region());
    project = tmp.resolve("shop");
    write("compose.yaml", """
        services:
          web:
            build: ./web
            ports: ["80:8080"]
            environment:
              API_URL: http://api:5000
            mem_limit: 256m
          api:
            image: example/api:1.0
            environment:
              MODE: production
            mem_limit: 128m
        """);
    write("web/Dockerfile", "FROM scratch\n");
  }

  void write(String name, String text) {
    try {
      Path p = project.resolve(name);
      Files.createDirectories(p.getParent());
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DeployRequest request() {
    return DeployRequest.builder("shop", "shop-prod").variables(Map.of("GREETING", "hello"))
        .create(true).createRoles(true).instanceType(Optional.of("t3.small"))
        .timeout(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5))
        .healthSettle(Duration.ZERO).build();
  }

  DeployOutcome deploy(DeployRequest request) {
    Project p = ComposeLoader.load(LoadRequest.inDirectory(project, Map.of())).project();
    ImagePublisher images = new ImagePublisher() {
      @Override
      public String publish(String service, String target, dev.compose2eb.push.RegistryCredentials login, DeployListener l) {
        published.add(service + " -> " + target);
        onPublish.run();
        return "sha256:" + "ab".repeat(32);
      }
    };
    SourceBundler bundler = new SourceBundler() {
      @Override
      public Built bundle(String json, List<String> paths) {
        return bundle(BundleRequest.DOCKERRUN, json, paths);
      }

      @Override
      public Built bundle(String descriptorName, String text, List<String> paths) {
        return bundle(descriptorName, text, paths, Map.of(), Map.of());
      }

      @Override
      public Built bundle(String descriptorName, String text, List<String> paths,
          Map<String, String> generated, Map<String, String> executables) {
        try {
          Path out = Files.createTempFile("bundle", ".zip");
          Bundle b = BundleBuilder.build(new BundleRequest(project, text, paths,
              BundleBuilder.EB_MAX_BYTES, out, descriptorName, generated,
              executables));
          return new SourceBundler.Built(b.file(), b.sha256Hex(), b.size(),
              BundleBuilder.versionLabel(project, b.sha256Hex()));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    };
    DeployListener listener = new DeployListener() {
      @Override
      public void step(String step, String action, String detail) {
        lines.add(step + " " + action + " " + detail);
      }

      @Override
      public void event(Instant at, String severity, String message) {
        lines.add("event " + severity + " " + message);
      }
    };
    return new Deployer(p, translateOptions, new LocalProjectFiles(project), images,
        bundler, clients, listener, clock, request, projectEnvironment).run();
  }

  /** The system clock moved by an offset. */
  static final class ShiftedClock extends Clock {
    private volatile Duration offset = Duration.ZERO;

    void advance(Duration by) {
      offset = offset.plus(by);
    }

    @Override
    public Instant instant() {
      return Instant.now().plus(offset);
    }

    @Override
    public java.time.ZoneId getZone() {
      return java.time.ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(java.time.ZoneId zone) {
      return this;
    }
  }

  @Override
  public void close() throws Exception {
    sdk.close();
    s3.close();
    fake.close();
  }
}
