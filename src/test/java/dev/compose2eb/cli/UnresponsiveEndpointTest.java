package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.fake.FakeAws;
import dev.compose2eb.fake.LocalS3;
import dev.compose2eb.fake.Silent;
import dev.compose2eb.push.DockerSaveArchive;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * AWS endpoints that accept connections and never answer (issue 11, item 5), through the real CLI
 * and the real SDK clients: the run ends by its deadline, says what it waits for and each retry as
 * it happens, and ends with one line naming the operation and the endpoint. The time bounds are
 * hang guards, far above what the runs take; the old behaviour (60 s per attempt, 5 attempts per
 * call, nothing said) is far above them too.
 */
class UnresponsiveEndpointTest {
  @TempDir Path tmp;
  Silent silent;
  Path project;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    silent = Silent.start();
    project = Files.createDirectories(tmp.resolve("shop"));
    writeProject("image: nginx:1.27\n    ports: [\"80:80\"]");
    env = new HashMap<>(Map.of("AWS_ENDPOINT_URL", silent.endpoint().toString(),
        "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY", "not-a-secret",
        "AWS_REGION", "eu-west-1", "HOME", tmp.toString(), "AWS_EC2_METADATA_DISABLED", "true"));
  }

  /** shop/compose.yaml with one service, web, of these keys (and web/Dockerfile for a build). */
  private void writeProject(String web) throws Exception {
    Files.createDirectories(project.resolve("web"));
    Files.writeString(project.resolve("web/Dockerfile"), "FROM scratch\n");
    Files.writeString(project.resolve("compose.yaml"), "x-eb: {application: shop, environment:"
        + " shop-prod}\nservices:\n  web:\n    " + web + "\n    mem_limit: 256m\n");
  }

  @AfterEach
  void stop() throws Exception {
    silent.close();
  }

  @Test
  void theRunEndsByItsTimeoutAndSaysWhatItWaitsForAndEachRetry() {
    long start = System.nanoTime();
    Cli.Result r = Cli.run(project, env, "deploy", "--dry-run", "--timeout", "8s",
        "--call-timeout", "3s");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    String at = "STS GetCallerIdentity at " + silent.endpoint();
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(took).as("ended by --timeout 8s, not after minutes").isLessThan(Duration.ofSeconds(60));
    assertThat(r.err()).contains("waiting for " + at + " (attempt 2 of 5, no answer for 5s)\n")
        .contains("retrying " + at + ": attempt 2 of 5\n")
        .contains("retrying " + at + ": attempt 3 of 5\n")
        .doesNotContain("\tat ").doesNotContain("Exception");
    assertThat(r.err().lines().filter(l -> l.startsWith("error: ")).toList()).containsExactly(
        "error: Tried to identify the caller (STS GetCallerIdentity) but failed because: no answer"
            + " from " + at + " before --timeout 8s ran out (3 attempts); check the network and any"
            + " AWS_ENDPOINT_URL* setting, then run again (--timeout and --call-timeout give the"
            + " calls more time)");
    assertThat(silent.accepted()).isEqualTo(3);
  }

  /**
   * As a user runs it, in its own JVM with the default attempt limit: {@code --timeout 5s} ends
   * the run in seconds (it ran for minutes before), exit 1, one line, no trace, no file left in the
   * project or the temporary directory. 45 s is a hang guard for a loaded machine, not a speed check.
   */
  @Test
  void aTimeoutOfFiveSecondsEndsTheRunInSecondsAndLeavesNothing() throws Exception {
    Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
    long start = System.nanoTime();
    ChildJvm.Result r = ChildJvm.run(project, Duration.ofMinutes(3), env, javaTmp, "deploy",
        "--dry-run", "--timeout", "5s");
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(r.hung()).isFalse();
    assertThat(took).isLessThan(Duration.ofSeconds(45));
    assertThat(r.code()).as(r.err()).isEqualTo(1);
    assertThat(r.errLines()).containsExactly("error: Tried to identify the caller (STS"
        + " GetCallerIdentity) but failed because: no answer from STS GetCallerIdentity at "
        + silent.endpoint() + " before --timeout 5s ran out (1 attempt); check the network and any"
        + " AWS_ENDPOINT_URL* setting, then run again (--timeout and --call-timeout give the calls"
        + " more time)");
    try (var left = Files.list(javaTmp)) {
      assertThat(left).as("temporary files left").isEmpty();
    }
    try (var left = Files.list(project)) {
      assertThat(left).extracting(p -> p.getFileName().toString())
          .containsExactlyInAnyOrder("compose.yaml", "web");
    }
  }

  /**
   * The image registry accepts and never answers (the AWS calls are the fake's): stderr says within
   * seconds what the push waits for, the push is abandoned when --push-timeout runs out, with one
   * line naming the image and the registry, exit 1, and no temporary file left (run in its own
   * JVM, so that what it leaves can be seen).
   */
  @Test
  void aRegistryThatNeverAnswersEndsThePushByItsTimeout() throws Exception {
    try (FakeAws fake = FakeAws.start()) {
      fake.ecrAuthorization("AWS", "ecr-token-for-tests", URI.create("https://" + silent.host()));
      writeProject("build: ./web\n    ports: [\"80:8080\"]");
      Path archive = tmp.resolve("web.tar");
      DockerSaveArchive.write(archive, "shop-web:latest", new long[] {4096}, 7);
      Map<String, String> env = new HashMap<>(fake.sdkEnvironment());
      env.put("HOME", tmp.toString());
      Path javaTmp = Files.createDirectories(tmp.resolve("java-tmp"));
      long start = System.nanoTime();
      ChildJvm.Result r = ChildJvm.run(project, Duration.ofMinutes(3), env, javaTmp, "deploy",
          "--create", "--create-roles", "--image-archive", "web=" + archive, "--version-label", "v1",
          "--push-timeout", "8s", "--timeout", "60s");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.hung()).isFalse();
      assertThat(took).as("ended by --push-timeout 8s").isLessThan(Duration.ofSeconds(60));
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(r.errLines()).contains("waiting for registry login (GET /v2/) at " + silent.host()
          + " (no answer for 5s)");
      assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception");
      List<String> errors = r.errLines().stream().filter(l -> l.startsWith("error: ")).toList();
      assertThat(errors).containsExactly("error: Tried to push the image of web to " + silent.host()
          + "/shop-web:v1 but failed because: the image pushes took longer than --push-timeout 8s;"
          + " run the deploy again (blobs already sent are not sent again), or give a longer"
          + " --push-timeout");
      assertThat(silent.accepted()).isPositive();
      assertThat(fake.writeCalls()).extracting(Object::toString)
          .noneMatch(c -> c.contains("CreateApplicationVersion") || c.contains("CreateEnvironment"));
      try (var left = Files.list(javaTmp)) {
        assertThat(left).as("temporary files left").isEmpty();
      }
    }
  }

  /**
   * One service at a time never answers, the others are the fake (and s3proxy for S3): whichever
   * it is, the run ends by --timeout with the line naming that service's operation and endpoint.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({"ECR, ECR GetAuthorizationToken, get an ECR login (GetAuthorizationToken)",
      "S3, S3 HeadBucket, upload the source bundle to s3://elasticbeanstalk-",
      "ELASTIC_BEANSTALK, Elastic Beanstalk DescribeEnvironments, find environment shop-prod",
      "SSM, SSM GetParameters, store the secret variables"})
  void eachServiceThatNeverAnswersIsNamed(String variable, String operation, String action)
      throws Exception {
    try (FakeAws fake = FakeAws.start(); LocalS3 s3 = LocalS3.start(fake)) {
      writeProject("build: ./web\n    ports: [\"80:8080\"]\n    environment:\n"
          + "      DB_PASSWORD: not-a-real-secret");
      DockerSaveArchive.write(tmp.resolve("web.tar"), "shop-web:latest", new long[] {4096}, 7);
      Map<String, String> env = new HashMap<>(fake.sdkEnvironment());
      env.put("HOME", tmp.toString());
      env.put("AWS_ENDPOINT_URL_" + variable, silent.endpoint().toString());
      long start = System.nanoTime();
      Cli.Result r = Cli.run(project, env, "deploy", "--dry-run", "--create", "--create-roles",
          "--env-to-eb",
          "--image-archive", "web=" + tmp.resolve("web.tar"), "--timeout", "6s",
          "--call-timeout", "2s");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      String at = operation + " at " + silent.endpoint();
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(took).as("ended by --timeout 6s").isLessThan(Duration.ofSeconds(60));
      assertThat(r.err()).contains("retrying " + at + ": attempt 2 of 5\n")
          .doesNotContain("\tat ").doesNotContain("Exception");
      List<String> errors = r.err().lines().filter(l -> l.startsWith("error: ")).toList();
      assertThat(errors).hasSize(1);
      // three 2 s attempts and their back-off take about as long as --timeout 6s: whichever limit
      // the run reaches first is named, both with the operation and the silent endpoint
      assertThat(errors.get(0)).startsWith("error: Tried to " + action)
          .containsPattern(" but failed because: no answer from " + Pattern.quote(at)
              + " (before --timeout 6s ran out \\(|in \\d+ attempts of 2s each;)");
    }
  }
}
