package dev.compose2eb.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.ebextensions.SecretHook;
import dev.compose2eb.fake.Call;
import dev.compose2eb.plan.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compose {@code secrets:} through deploy against the fake: the postgres pattern as a variable from
 * the store, a file secret fetched by the bundle's platform hook and mounted read-only.
 */
class ComposeSecretDeployTest {
  static final String DB_PASSWORD = "db-Pw-from-file-8812";
  static final String API_KEY = "api-key-from-env-5521";
  static final String PREFIX = "/compose2eb/shop/shop-prod/";
  static final String SECRETS_NS = "aws:elasticbeanstalk:application:environmentsecrets";

  @TempDir Path tmp;
  DeployWorld w;

  @BeforeEach
  void start() throws Exception {
    w = new DeployWorld(tmp);
    w.write("compose.yaml", """
        services:
          db:
            image: postgres:16
            mem_limit: 256m
            environment:
              POSTGRES_PASSWORD_FILE: /run/secrets/db_password
            secrets: [db_password]
          api:
            image: example/api:1.0
            mem_limit: 128m
            ports: ["80:8080"]
            secrets:
              - source: api_key
                mode: 0400
        secrets:
          db_password:
            file: ./secrets/db_password.txt
          api_key:
            environment: API_KEY
        """);
    w.write("secrets/db_password.txt", DB_PASSWORD + "\n");
    w.projectEnvironment = Map.of("API_KEY", API_KEY);
  }

  @AfterEach
  void stop() throws Exception {
    w.close();
  }

  private List<String> writes() {
    return w.fake.writeCalls().stream().map(Call::action).toList();
  }

  private static DeployRequest request(Platform platform, boolean dryRun) {
    return DeployWorld.request().toBuilder().dryRun(dryRun).platform(platform).build();
  }

  /** The uploaded bundle's entries: name to (unix mode, text). */
  private Map<String, Map.Entry<Integer, String>> bundle(String label) throws IOException {
    byte[] zip = w.sdk.s3().getObjectAsBytes(g -> g.bucket(w.fake.storageBucket())
        .key("shop/" + label + ".zip")).asByteArray();
    Path f = tmp.resolve("got.zip");
    Files.write(f, zip);
    Map<String, Map.Entry<Integer, String>> out = new LinkedHashMap<>();
    try (ZipFile z = ZipFile.builder().setPath(f).get()) {
      for (ZipArchiveEntry e : java.util.Collections.list(z.getEntries())) {
        out.put(e.getName(), Map.entry(e.getUnixMode(),
            new String(z.getInputStream(e).readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)));
      }
    }
    return out;
  }

  @Test
  void ecsFirstDeployStoresBothOnceAndAnUnchangedRedeployWritesNothing() throws IOException {
    DeployOutcome out = w.deploy(request(Platform.ECS, false));
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    // the variable under its name (the file's content as the entrypoint reads it), the file as is
    assertThat(w.fake.parameterValue(PREFIX + "POSTGRES_PASSWORD")).contains(DB_PASSWORD);
    assertThat(w.fake.parameterValue(PREFIX + "api_key")).contains(API_KEY);
    assertThat(w.fake.environment("shop-prod").orElseThrow().optionSettings())
        .containsEntry(SECRETS_NS + ":POSTGRES_PASSWORD", w.fake.parameterArn(PREFIX + "POSTGRES_PASSWORD"))
        .doesNotContainKey(SECRETS_NS + ":api_key");
    assertThat(w.fake.calls().stream().filter(c -> c.action().equals("PutParameter"))).hasSize(2);

    Map<String, Map.Entry<Integer, String>> zip = bundle(out.versionLabel());
    for (String hook : SecretHook.PATHS) {
      assertThat(zip).containsKey(hook);
      assertThat(zip.get(hook).getKey()).as(hook).isEqualTo(0100755);
      assertThat(zip.get(hook).getValue()).contains("fetch 'api_key' 0400 0 0")
          .contains("'" + PREFIX + "'\"$1\"");
    }
    assertThat(zip).containsKeys(".platform/", ".platform/hooks/", ".platform/hooks/prebuild/");
    String dockerrun = zip.get("Dockerrun.aws.json").getValue();
    assertThat(dockerrun).contains("\"sourcePath\": \"/var/lib/compose2eb-secrets/api_key\"")
        .contains("\"containerPath\": \"/run/secrets/api_key\"")
        .doesNotContain("POSTGRES_PASSWORD_FILE")
        .contains("compose2eb-ecs-task-execution-role");
    assertThat(zip.keySet()).noneMatch(n -> n.contains("db_password.txt"));
    assertThat(zip.values()).noneMatch(e -> e.getValue().contains(DB_PASSWORD)
        || e.getValue().contains(API_KEY));
    assertThat(w.lines).contains(
        "secret create POSTGRES_PASSWORD (SSM parameter " + PREFIX + "POSTGRES_PASSWORD)",
        "secret create api_key (SSM parameter " + PREFIX + "api_key)");
    assertThat(String.join("\n", w.lines)).doesNotContain(DB_PASSWORD).doesNotContain(API_KEY);

    w.fake.clearCalls();
    w.lines.clear();
    assertThat(w.deploy(request(Platform.ECS, false)).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).isEmpty();
    assertThat(w.lines).contains("secret unchanged api_key (SSM parameter " + PREFIX + "api_key)");

    // a changed file secret: one write, and a redeploy so that the hook fetches it again
    w.projectEnvironment = Map.of("API_KEY", "rotated-" + API_KEY);
    w.fake.clearCalls();
    w.lines.clear();
    w.deploy(request(Platform.ECS, true));
    assertThat(w.lines).contains("secret update api_key (SSM parameter " + PREFIX + "api_key)");
    assertThat(writes()).isEmpty();
    w.deploy(request(Platform.ECS, false));
    assertThat(writes()).containsExactly("PutParameter", "UpdateEnvironment");
    assertThat(w.fake.parameterValue(PREFIX + "api_key")).contains("rotated-" + API_KEY);
  }

  @Test
  void dockerPlatformBindsTheFileReadOnlyAndNeedsNoExecutionRole() throws IOException {
    DeployOutcome out = w.deploy(request(Platform.DOCKER, false));
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    Map<String, Map.Entry<Integer, String>> zip = bundle(out.versionLabel());
    String compose = zip.get("docker-compose.yml").getValue();
    assertThat(compose).contains("source: /var/lib/compose2eb-secrets/api_key")
        .contains("target: /run/secrets/api_key").contains("read_only: true")
        .doesNotContain("POSTGRES_PASSWORD_FILE").doesNotContain("db_password.txt")
        .doesNotContain("secrets:");
    assertThat(zip.get(SecretHook.PATHS.get(0)).getKey()).isEqualTo(0100755);
    assertThat(w.fake.parameterValue(PREFIX + "api_key")).contains(API_KEY);
    assertThat(w.fake.trustPolicy("compose2eb-ecs-task-execution-role")).isEmpty();
    assertThat(zip.values()).noneMatch(e -> e.getValue().contains(DB_PASSWORD)
        || e.getValue().contains(API_KEY));
  }

  @Test
  void aSecretWithoutAValueStopsTheDeployBeforeAnyWrite() {
    w.projectEnvironment = Map.of();
    assertThatThrownBy(() -> w.deploy(request(Platform.ECS, false)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("secret api_key cannot be delivered: variable API_KEY is not set");
    assertThat(writes()).doesNotContain("PutParameter", "CreateEnvironment", "CreateApplicationVersion");
  }
}
