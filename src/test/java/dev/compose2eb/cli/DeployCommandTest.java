package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.fake.Call;
import dev.compose2eb.fake.FakeAws;
import dev.compose2eb.fake.Sdk;
import dev.compose2eb.push.DockerSaveArchive;
import dev.compose2eb.push.LocalRegistry;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code compose2eb deploy} end to end through the real CLI and the real SDK clients: the fake EB/
 * ECR/IAM/STS, s3proxy for S3, and Debian's docker-registry standing in for the ECR registry.
 */
class DeployCommandTest {
  @RegisterExtension static LocalRegistry registry = LocalRegistry.withAuth("AWS", "ecr-token-for-tests");
  @TempDir Path tmp;
  CliAws aws;
  FakeAws fake;
  Path project;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    aws = CliAws.start(tmp);
    fake = aws.fake();
    env = aws.env();
    fake.ecrAuthorization(registry.user(), registry.password(),
        URI.create("https://" + registry.host()));
    project = tmp.resolve("shop");
    Files.createDirectories(project.resolve("web"));
    Files.writeString(project.resolve("web/Dockerfile"), "FROM scratch\n");
    Files.writeString(project.resolve("compose.yaml"), """
        x-eb:
          application: shop
          environment: shop-prod
        services:
          web:
            build: ./web
            ports: ["80:8080"]
            environment:
              API_URL: http://api:5000
              DB_PASSWORD: not-a-real-secret
            mem_limit: 256m
          api:
            image: example/api:1.0
            mem_limit: 128m
        """);
    DockerSaveArchive.write(tmp.resolve("web.tar"), "shop-web:latest", new long[] {4096, 8192}, 7);
  }

  @AfterEach
  void stop() throws Exception {
    aws.close();
  }

  private Cli.Result deploy(String... extra) {
    List<String> args = new java.util.ArrayList<>(List.of("deploy", "--create", "--create-roles",
        "--image-archive", "web=" + tmp.resolve("web.tar"), "--poll-interval", "10ms", "--timeout", "60s",
        "--health-settle", "10ms",
        "--env-to-eb", "--env", "FEATURE=on"));
    args.addAll(List.of(extra));
    return Cli.run(project, env, args.toArray(String[]::new));
  }

  @Test
  void firstDeployPushesUploadsCreatesAndReportsTheUrl() throws Exception {
    Cli.Result r = deploy();
    assertThat(r.code()).as(r.err()).isZero();
    var environment = fake.environment("shop-prod").orElseThrow();
    assertThat(r.out()).isEqualTo("http://" + environment.cname() + "\n");
    assertThat(r.err()).contains("image        push    web -> " + registry.host()
        + "/shop-web:latest").contains("Successfully launched environment");
    // values never printed, secret or not
    assertThat(r.err()).doesNotContain("not-a-real-secret").doesNotContain("=on");
    assertThat(environment.variables()).containsEntry("FEATURE", "on")
        .containsEntry("API_URL", "http://api:5000").doesNotContainKey("DB_PASSWORD");
    assertThat(fake.parameterValue("/compose2eb/shop/shop-prod/DB_PASSWORD")).contains("not-a-real-secret");

    String dockerrun = bundledDockerrun(environment.versionLabel());
    var manifest = registry.manifest("shop-web", "latest");
    assertThat(dockerrun).contains("\"image\": \"" + registry.host()
        + "/shop-web@sha256:").doesNotContain("not-a-real-secret");
    assertThat(manifest).isNotNull();
  }

  @Test
  void secondDeployOfTheSameProjectWritesNothingAndUploadsNoBlob() throws Exception {
    assertThat(deploy().code()).isZero();
    fake.clearCalls();
    int before = registry.requests().size();
    Cli.Result again = deploy();
    assertThat(again.code()).as(again.err()).isZero();
    assertThat(fake.writeCalls()).extracting(Call::action).isEmpty();
    assertThat(registry.blobUploadsSince(before)).isZero();
    assertThat(again.err()).contains("environment  skip");
  }

  @Test
  void dryRunPrintsThePlanAndMakesNoWriteCall() {
    Cli.Result r = deploy("--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(fake.writeCalls()).isEmpty();
    assertThat(r.err()).contains("application  create  shop", "environment  create  shop-prod",
        "variables    create  API_URL, FEATURE",
        "secret       create  DB_PASSWORD (SSM parameter /compose2eb/shop/shop-prod/DB_PASSWORD)",
        "dry run: nothing was changed");
  }

  @Test
  void anUnhealthyDeployReportsElasticBeanstalksCausesInJson() throws Exception {
    String cause = "Process default has been unhealthy for 2 minutes (Target.ResponseCodeMismatch).";
    fake.nextDeployHealth(List.of("Red"), List.of(cause));
    Cli.Result r = deploy("--format", "json");
    assertThat(r.code()).as(r.err()).isEqualTo(4);
    var doc = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(doc.toString()).contains("\"status\":\"unhealthy\"");
    assertThat(doc.findValue("healthCauses").toString()).isEqualTo("[\"" + cause + "\"]");
  }

  @Test
  void anUnhealthyDeployExitsFourAndAMissingApplicationIsAUsageError() throws Exception {
    fake.nextDeployHealth("Red");
    Cli.Result r = deploy();
    assertThat(r.code()).as(r.err()).isEqualTo(4);
    assertThat(r.err()).contains("but not healthy");

    Files.writeString(project.resolve("compose.yaml"), "services:\n  api:\n    image: nginx\n");
    Cli.Result usage = Cli.run(project, env, "deploy");
    assertThat(usage.code()).isEqualTo(2);
    assertThat(usage.err()).startsWith("error: missing --application (or x-eb: {application: ...}"
        + " in the compose file)\n");
  }

  @Test
  void aFailedCallIsOneLineNamingTheStep() {
    fake.inject("CreateApplication", dev.compose2eb.fake.Fault.SERVER_ERROR, 50);
    Cli.Result r = deploy();
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines().filter(l -> l.startsWith("error: ")).toList()).singleElement()
        .asString().startsWith("error: Tried to create or reuse application version")
        .contains("failed because: ");
  }

  @Test
  void envListSetAndUnsetTouchOnlyTheNamedPropertiesAndNeverPrintValues() {
    assertThat(deploy().code()).isZero();
    String[] target = {"--application", "shop", "--environment", "shop-prod", "--poll-interval", "10ms"};
    Cli.Result list = Cli.run(project, env, concat(new String[] {"env", "list"}, target));
    assertThat(list.code()).isZero();
    assertThat(list.out()).isEqualTo("API_URL\nDB_PASSWORD (secret)\nFEATURE\n");

    fake.clearCalls();
    Cli.Result same = Cli.run(project, env, concat(new String[] {"env", "set", "FEATURE=on"}, target));
    assertThat(same.err()).contains("nothing to change");
    assertThat(fake.writeCalls()).isEmpty();

    Cli.Result set = Cli.run(project, env, concat(new String[] {"env", "set", "FEATURE=off", "NEW=1"}, target));
    assertThat(set.code()).as(set.err()).isZero();
    assertThat(set.err()).contains("set FEATURE, NEW").doesNotContain("off");
    assertThat(fake.environment("shop-prod").orElseThrow().variables())
        .containsEntry("FEATURE", "off").containsEntry("NEW", "1").containsEntry("API_URL", "http://api:5000");

    Cli.Result unset = Cli.run(project, env, concat(new String[] {"env", "unset", "NEW", "MISSING"}, target));
    assertThat(unset.code()).as(unset.err()).isZero();
    assertThat(unset.err()).contains("removed NEW");
    assertThat(fake.environment("shop-prod").orElseThrow().variables()).doesNotContainKey("NEW")
        .containsKeys("FEATURE", "API_URL");

    Cli.Result values = Cli.run(project, env, concat(new String[] {"env", "list", "--values"}, target));
    assertThat(values.out()).contains("FEATURE=off\n");
  }

  @Test
  void pushSendsTheImagesAndPrintsTheirDigests() throws Exception {
    Cli.Result r = Cli.run(project, env, "push", "--image-archive", "web=" + tmp.resolve("web.tar"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).matches("web " + java.util.regex.Pattern.quote(registry.host())
        + "/shop-web@sha256:[0-9a-f]{64}\n");
    assertThat(fake.repositories()).contains("shop-web");
    Cli.Result bad = Cli.run(project, env, "push", "--image-archive", "web");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("error: invalid --image-archive \"web\"; expected SERVICE=PATH");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private String bundledDockerrun(String label) throws Exception {
    try (Sdk.Clients aws = Sdk.clients(fake)) {
      byte[] zip = aws.s3().getObjectAsBytes(g -> g.bucket(fake.storageBucket())
          .key("shop/" + label + ".zip")).asByteArray();
      try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
        for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
          if (e.getName().equals("Dockerrun.aws.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
          }
        }
      }
    }
    throw new AssertionError("no Dockerrun.aws.json in the bundle");
  }
}
