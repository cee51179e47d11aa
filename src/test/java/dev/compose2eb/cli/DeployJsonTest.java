package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.compose2eb.fake.FakeAws;
import dev.compose2eb.fake.Fault;
import dev.compose2eb.push.DockerSaveArchive;
import dev.compose2eb.push.LocalRegistry;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format json} of deploy (the plan under --dry-run, the outcome otherwise), push and env,
 * through the real SDK clients against the fake EB/ECR/IAM/STS, s3proxy and a real registry.
 */
class DeployJsonTest {
  @RegisterExtension static LocalRegistry registry = LocalRegistry.withAuth("AWS", "ecr-token-for-tests");
  static final ObjectMapper JSON = new ObjectMapper();
  /** Values that must never reach a document. */
  static final String SECRET = "hunter2-not-real";

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
    fake.ecrAuthorization(registry.user(), registry.password(), URI.create("https://" + registry.host()));
    project = tmp.resolve("blog");
    Cli.write(project, "app/Dockerfile", "FROM scratch\n");
    Cli.write(project, "compose.yaml", """
        x-eb:
          application: blog
          environment: blog-prod
        services:
          app:
            build: ./app
            ports: ["80:3000"]
            environment:
              DATABASE_URL: postgres://blog:%s@db/blog
              SESSION_SECRET: %s
              MODE: production
            mem_limit: 256m
        """.formatted(SECRET, SECRET));
    DockerSaveArchive.write(tmp.resolve("app.tar"), "blog-app:latest", new long[] {2048}, 3);
  }

  @AfterEach
  void stop() throws Exception {
    aws.close();
  }

  private JsonNode run(int code, String command, String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--format", "json"));
    Cli.Result r = Cli.run(project, env, all.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.out()).doesNotContain(SECRET);
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
    assertThat(doc.get("command").asText()).isEqualTo(command);
    assertThat(doc.get("exitCode").asInt()).isEqualTo(code);
    OutputDocs.assertDocumented(doc);
    return doc;
  }

  private JsonNode deploy(int code, String... extra) throws Exception {
    List<String> args = new ArrayList<>(List.of("deploy", "--create", "--create-roles",
        "--image-archive", "app=" + tmp.resolve("app.tar"), "--poll-interval", "10ms",
        "--timeout", "60s", "--health-settle", "10ms", "--env-to-eb"));
    args.addAll(List.of(extra));
    return run(code, "deploy", args.toArray(String[]::new));
  }

  private static List<String> steps(JsonNode doc) {
    List<String> out = new ArrayList<>();
    for (JsonNode s : doc.get("steps")) {
      out.add(s.get("step").asText() + " " + s.get("action").asText());
    }
    return out;
  }

  @Test
  void dryRunIsThePlan() throws Exception {
    JsonNode doc = deploy(0, "--dry-run");
    assertThat(fake.writeCalls()).isEmpty();
    assertThat(doc.get("dryRun").asBoolean()).isTrue();
    assertThat(doc.get("application").asText()).isEqualTo("blog");
    assertThat(doc.get("environment").asText()).isEqualTo("blog-prod");
    assertThat(doc.get("status").asText()).isEqualTo("planned");
    assertThat(doc.get("versionLabel").asText()).isNotEmpty();
    assertThat(doc.get("url").isNull()).isTrue();
    assertThat(steps(doc)).contains("application create", "environment create", "variables create",
        "secret create");
    JsonNode variables = doc.get("steps").get(steps(doc).indexOf("variables create"));
    assertThat(variables.get("detail").asText()).isEqualTo("MODE"); // the other two are secrets
    assertThat(doc.get("steps").get(steps(doc).indexOf("secret create")).get("detail").asText())
        .isEqualTo("DATABASE_URL (SSM parameter /compose2eb/blog/blog-prod/DATABASE_URL)");
    assertThat(doc.get("events").size()).isZero();
  }

  @Test
  void aDeployIsItsOutcome() throws Exception {
    JsonNode doc = deploy(0);
    var environment = fake.environment("blog-prod").orElseThrow();
    assertThat(doc.get("dryRun").asBoolean()).isFalse();
    assertThat(doc.get("status").asText()).isEqualTo("healthy");
    assertThat(doc.get("versionLabel").asText()).isEqualTo(environment.versionLabel());
    assertThat(doc.get("health").asText()).isEqualTo("Green");
    assertThat(doc.get("url").asText()).isEqualTo("http://" + environment.cname());
    assertThat(steps(doc)).contains("image push", "bundle upload", "version create");
    JsonNode event = doc.get("events").get(0);
    assertThat(Instant.parse(event.get("time").asText())).isNotNull();
    assertThat(event.get("severity").asText()).isNotEmpty();
    assertThat(event.get("message").asText()).isNotEmpty();

    fake.nextDeployHealth("Red");
    JsonNode again = deploy(4, "--version-label", "v2");
    assertThat(again.get("status").asText()).isEqualTo("unhealthy");
    assertThat(again.get("versionLabel").asText()).isEqualTo("v2");
    assertThat(again.get("next").asText()).isNotEmpty();
  }

  @Test
  void aFailedDeploySaysErrorWithTheStepsDoneSoFar() throws Exception {
    fake.inject("CreateApplication", Fault.SERVER_ERROR, 50);
    JsonNode doc = deploy(1);
    assertThat(doc.get("status").asText()).isEqualTo("error");
    assertThat(doc.get("url").isNull()).isTrue();
    assertThat(steps(doc)).contains("image push");
    assertThat(doc.get("errors").asInt()).isEqualTo(1);
    JsonNode error = doc.get("diagnostics").get(doc.get("diagnostics").size() - 1);
    assertThat(error.get("severity").asText()).isEqualTo("error");
    assertThat(error.get("message").asText()).startsWith("Tried to create or reuse application version");
  }

  @Test
  void pushListsTheImagesByDigest() throws Exception {
    JsonNode doc = run(0, "push", "push", "--image-archive", "app=" + tmp.resolve("app.tar"));
    assertThat(doc.get("images").size()).isEqualTo(1);
    assertThat(doc.get("images").get(0).get("service").asText()).isEqualTo("app");
    assertThat(doc.get("images").get(0).get("image").asText())
        .matches(java.util.regex.Pattern.quote(registry.host()) + "/blog-app@sha256:[0-9a-f]{64}");
    assertThat(steps(doc)).contains("image push");
  }

  @Test
  void envListSetAndUnsetNeverShowSecrets() throws Exception {
    deploy(0);
    String[] target = {"--application", "blog", "--environment", "blog-prod", "--poll-interval", "10ms"};
    JsonNode list = run(0, "env list", concat(new String[] {"env", "list"}, target));
    assertThat(list.get("application").asText()).isEqualTo("blog");
    assertThat(list.get("environment").asText()).isEqualTo("blog-prod");
    List<String> names = new ArrayList<>();
    list.get("properties").forEach(p -> names.add(p.get("name").asText()));
    assertThat(names).containsExactly("MODE");
    assertThat(list.get("properties").get(0).has("value")).isFalse();
    List<String> secrets = new ArrayList<>();
    list.get("secrets").forEach(p -> secrets.add(p.get("name").asText() + " " + p.get("arn").asText()));
    assertThat(secrets).containsExactly(
        "DATABASE_URL arn:aws:ssm:us-east-1:123456789012:parameter/compose2eb/blog/blog-prod/DATABASE_URL",
        "SESSION_SECRET arn:aws:ssm:us-east-1:123456789012:parameter/compose2eb/blog/blog-prod/SESSION_SECRET");

    JsonNode values = run(0, "env list", concat(new String[] {"env", "list", "--values"}, target));
    assertThat(values.get("properties").get(0).get("value").asText()).isEqualTo("production");

    JsonNode set = run(0, "env set", concat(new String[] {"env", "set", "MODE=staging", "NEW=1"}, target));
    assertThat(set.get("set").toString()).isEqualTo("[\"MODE\",\"NEW\"]");
    JsonNode unset = run(0, "env unset", concat(new String[] {"env", "unset", "NEW", "MISSING"}, target));
    assertThat(unset.get("removed").toString()).isEqualTo("[\"NEW\"]");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
