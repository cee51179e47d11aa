package dev.compose2eb.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compose2eb.fake.Call;
import dev.compose2eb.fake.Fault;
import dev.compose2eb.translate.TranslateOptions;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Secret variables end to end (issue 9): stored in SSM or Secrets Manager, referenced from EB. */
class SecretDeployTest {
  static final String PASSWORD = "hunter2-db-Zq81";
  static final String URL_PASSWORD = "s3cr3t-url-Pw77";
  static final String PREFIX = "/compose2eb/shop/shop-prod/";
  static final String SECRETS_NS = "aws:elasticbeanstalk:application:environmentsecrets";

  @TempDir Path tmp;
  DeployWorld w;

  @BeforeEach
  void start() throws Exception {
    w = new DeployWorld(tmp);
    w.translateOptions = new TranslateOptions(Optional.empty(), "latest", dev.compose2eb.plan.PlanOptions.defaults(), true);
    compose(PASSWORD, "redis://cache:6379");
  }

  @AfterEach
  void stop() throws Exception {
    w.close();
  }

  /** Two secrets (by name, by a password in a URL), plain MODE and API_URL, and CACHE_URL. */
  private void compose(String password, String cacheUrl) {
    w.write("compose.yaml", """
        services:
          web:
            build: ./web
            ports: ["80:8080"]
            environment:
              API_URL: http://api:5000
              DB_PASSWORD: %s
              DATABASE_URL: postgres://app:%s@db/app
              CACHE_URL: %s
            mem_limit: 256m
          api:
            image: example/api:1.0
            environment:
              MODE: production
            mem_limit: 128m
        """.formatted(password, URL_PASSWORD, cacheUrl));
  }

  private List<String> writes() {
    return w.fake.writeCalls().stream().map(Call::action).toList();
  }

  private DeployOutcome deploy() {
    return w.deploy(DeployWorld.request());
  }

  private dev.compose2eb.fake.EnvironmentState env() {
    return w.fake.environment("shop-prod").orElseThrow();
  }

  @Test
  void firstDeployStoresTheSecretsAsParametersAndReferencesThemByArn() throws IOException {
    DeployOutcome out = deploy();
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.fake.parameterNames()).containsExactly(PREFIX + "DATABASE_URL", PREFIX + "DB_PASSWORD");
    assertThat(w.fake.parameterType(PREFIX + "DB_PASSWORD")).contains("SecureString");
    assertThat(w.fake.parameterValue(PREFIX + "DB_PASSWORD")).contains(PASSWORD);
    assertThat(w.fake.parameterValue(PREFIX + "DATABASE_URL")).contains("postgres://app:" + URL_PASSWORD + "@db/app");
    assertThat(env().optionSettings())
        .containsEntry(SECRETS_NS + ":DB_PASSWORD", w.fake.parameterArn(PREFIX + "DB_PASSWORD"))
        .containsEntry(SECRETS_NS + ":DATABASE_URL", w.fake.parameterArn(PREFIX + "DATABASE_URL"));
    assertThat(env().variables()).containsOnlyKeys("API_URL", "CACHE_URL", "GREETING", "MODE");
    assertThat(env().optionSettings().values()).noneMatch(v -> v.contains(PASSWORD) || v.contains(URL_PASSWORD));
    assertThat(writes()).containsSubsequence("PutParameter", "PutParameter", "CreateEnvironment")
        .contains("PutRolePolicy");
    assertThat(w.fake.rolePolicy("aws-elasticbeanstalk-ec2-role", "compose2eb-secrets-shop-prod")).get()
        .asString().contains("arn:aws:ssm:us-east-1:123456789012:parameter/compose2eb/shop/shop-prod/*")
        .contains("\"kms:ViaService\":\"ssm.us-east-1.amazonaws.com\"").contains("iam:PassRole");
    assertThat(w.fake.trustPolicy("compose2eb-ecs-task-execution-role")).get().asString()
        .contains("ecs-tasks.amazonaws.com");
    assertThat(w.fake.rolePolicy("compose2eb-ecs-task-execution-role", "compose2eb-secrets-shop-prod"))
        .isPresent();
    String dockerrun = bundleEntry(out.versionLabel(), "Dockerrun.aws.json");
    assertThat(dockerrun).contains("\"executionRoleArn\": \"arn:aws:iam::123456789012:role/"
        + "compose2eb-ecs-task-execution-role\"").doesNotContain(PASSWORD).doesNotContain(URL_PASSWORD);
    assertThat(w.lines).contains("secret create DB_PASSWORD (SSM parameter " + PREFIX + "DB_PASSWORD)");
    assertThat(String.join("\n", w.lines)).doesNotContain(PASSWORD).doesNotContain(URL_PASSWORD);
  }

  private String bundleEntry(String label, String name) throws IOException {
    byte[] zip = w.sdk.s3().getObjectAsBytes(b -> b.bucket(w.fake.storageBucket()).key("shop/" + label + ".zip"))
        .asByteArray();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (e.getName().equals(name)) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
    }
    throw new AssertionError(name + " not in the bundle");
  }

  @Test
  void anUnchangedRedeployWritesNothing() {
    deploy();
    w.fake.clearCalls();
    w.lines.clear();
    assertThat(deploy().status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).isEmpty();
    assertThat(w.lines).contains("secret unchanged DB_PASSWORD (SSM parameter " + PREFIX + "DB_PASSWORD)",
        "secret unchanged DATABASE_URL (SSM parameter " + PREFIX + "DATABASE_URL)");
  }

  @Test
  void aChangedSecretIsOnePutAndOneEnvironmentUpdate() {
    DeployOutcome first = deploy();
    compose("n3w-Pass-Word", "redis://cache:6379");
    w.fake.clearCalls();
    DeployOutcome second = deploy();
    assertThat(second.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).containsExactly("PutParameter", "UpdateEnvironment");
    assertThat(w.fake.parameterValue(PREFIX + "DB_PASSWORD")).contains("n3w-Pass-Word");
    Call update = w.fake.calls().stream().filter(c -> c.action().equals("UpdateEnvironment")).findFirst()
        .orElseThrow();
    // the reference is the same; the same version is redeployed so that the instances fetch the value
    assertThat(update.param("VersionLabel")).isEqualTo(first.versionLabel());
    assertThat(update.body()).doesNotContain("n3w-Pass-Word");
  }

  @Test
  void aVariableMovingFromPlainToSecretLeavesNoPlainProperty() {
    deploy();
    assertThat(env().variables()).containsEntry("CACHE_URL", "redis://cache:6379");
    compose(PASSWORD, "redis://:c4che-Pw@cache:6379");
    w.fake.clearCalls();
    assertThat(deploy().status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).containsExactly("PutParameter", "UpdateEnvironment");
    assertThat(env().variables()).doesNotContainKey("CACHE_URL");
    assertThat(env().optionSettings()).containsEntry(SECRETS_NS + ":CACHE_URL",
        w.fake.parameterArn(PREFIX + "CACHE_URL"));
    assertThat(w.lines).anyMatch(l -> l.startsWith("variables remove CACHE_URL"));

    compose(PASSWORD, "redis://cache:6379"); // and back: the reference goes, the property returns
    assertThat(deploy().status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(env().variables()).containsEntry("CACHE_URL", "redis://cache:6379");
    assertThat(env().optionSettings()).doesNotContainKey(SECRETS_NS + ":CACHE_URL");
  }

  @Test
  void aDeployStoppedBetweenTheParameterAndTheEnvironmentConvergesWhenRunAgain() {
    deploy();
    compose("n3w-Pass-Word", "redis://cache:6379");
    w.fake.inject("UpdateEnvironment", Fault.SERVER_ERROR, 100);
    assertThatThrownBy(this::deploy).isInstanceOf(RuntimeException.class);
    assertThat(w.fake.parameterValue(PREFIX + "DB_PASSWORD")).contains("n3w-Pass-Word");
    w.fake.clearFaults();
    w.fake.clearCalls();
    assertThat(deploy().status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    // the value is stored already, but newer than the environment: it is redeployed, nothing rewritten
    assertThat(writes()).containsExactly("UpdateEnvironment");
    w.fake.clearCalls();
    assertThat(deploy().status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).isEmpty();
  }

  @Test
  void aFirstDeployStoppedBeforeTheEnvironmentExistsConverges() {
    w.fake.inject("CreateEnvironment", Fault.SERVER_ERROR, 100);
    assertThatThrownBy(this::deploy).isInstanceOf(RuntimeException.class);
    w.fake.clearFaults();
    w.fake.clearCalls();
    assertThat(deploy().status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).containsExactly("CreateEnvironment");
    assertThat(env().optionSettings()).containsKey(SECRETS_NS + ":DB_PASSWORD");
  }

  @Test
  void dryRunNamesEachSecretWithWhatWouldHappenAndWritesNothing() {
    DeployRequest r = DeployWorld.request();
    w.deploy(r.toBuilder().dryRun(true).build());
    assertThat(w.fake.writeCalls()).isEmpty();
    assertThat(w.lines).contains("secret create DB_PASSWORD (SSM parameter " + PREFIX + "DB_PASSWORD)",
        "iam create role compose2eb-ecs-task-execution-role");
    deploy();
    compose("n3w-Pass-Word", "redis://cache:6379");
    w.lines.clear();
    w.fake.clearCalls();
    w.deploy(r.toBuilder().dryRun(true).build());
    assertThat(w.fake.writeCalls()).isEmpty();
    assertThat(w.lines).contains("secret update DB_PASSWORD (SSM parameter " + PREFIX + "DB_PASSWORD)",
        "secret unchanged DATABASE_URL (SSM parameter " + PREFIX + "DATABASE_URL)");
  }

  @Test
  void secretsManagerHoldsOneSecretPerVariableInstead() {
    DeployRequest r = DeployWorld.request();
    DeployRequest sm = r.toBuilder().secretsManager(true).build();
    assertThat(w.deploy(sm).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.fake.parameterNames()).isEmpty();
    assertThat(w.fake.secretNames()).containsExactly("compose2eb/shop/shop-prod/DATABASE_URL",
        "compose2eb/shop/shop-prod/DB_PASSWORD");
    assertThat(w.fake.secretValue("compose2eb/shop/shop-prod/DB_PASSWORD")).contains(PASSWORD);
    assertThat(env().optionSettings().get(SECRETS_NS + ":DB_PASSWORD"))
        .matches("arn:aws:secretsmanager:us-east-1:123456789012:secret:compose2eb/shop/shop-prod/DB_PASSWORD-\\w{6}");
    assertThat(w.fake.rolePolicy("aws-elasticbeanstalk-ec2-role", "compose2eb-secrets-shop-prod")).get()
        .asString().contains("secretsmanager:GetSecretValue");
    w.fake.clearCalls();
    assertThat(w.deploy(sm).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).isEmpty();
  }

  @Test
  void withoutCreateRolesAMissingExecutionRoleIsAClearError() {
    DeployRequest r = DeployWorld.request();
    assertThatThrownBy(() -> w.deploy(r.toBuilder().createRoles(false).build()))
        .hasMessageContaining("role");
    assertThat(w.fake.parameterNames()).isEmpty();
  }

  @Test
  void requestVariablesFollowTheSameRule() {
    DeployRequest r = DeployWorld.request();
    w.deploy(r.toBuilder()
        .variables(Map.of("GREETING", "hello", "STRIPE_API_KEY", "sk_live_abc")).build());
    assertThat(w.fake.parameterValue(PREFIX + "STRIPE_API_KEY")).contains("sk_live_abc");
    assertThat(env().variables()).doesNotContainKey("STRIPE_API_KEY");
  }

  @Test
  void onTheDockerPlatformSecretsNeedNoTaskExecutionRole() throws IOException {
    DeployRequest r = DeployWorld.request();
    // EB's own roles first, by a deploy without secrets
    w.write("compose.yaml", """
        services:
          web:
            image: example/web:1.0
            ports: ["80:8080"]
            environment:
              MODE: production
        """);
    w.deploy(docker(r, true));
    compose(PASSWORD, "redis://cache:6379");
    w.fake.clearCalls();
    // without --create-roles: on ECS this is the missing-execution-role error above
    DeployOutcome out = w.deploy(docker(r, false));
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.fake.parameterNames()).containsExactly(PREFIX + "DATABASE_URL", PREFIX + "DB_PASSWORD");
    assertThat(env().optionSettings())
        .containsEntry(SECRETS_NS + ":DB_PASSWORD", w.fake.parameterArn(PREFIX + "DB_PASSWORD"));
    assertThat(w.fake.calls().stream().filter(c -> c.action().equals("GetRole"))
        .map(Call::body)).noneMatch(b -> b.contains("compose2eb-ecs-task-execution-role"));
    assertThat(w.lines).anyMatch(l -> l.startsWith("iam missing policy compose2eb-secrets-shop-prod on"
        + " aws-elasticbeanstalk-ec2-role"));
    assertThat(bundleEntry(out.versionLabel(), "docker-compose.yml")).doesNotContain(PASSWORD)
        .doesNotContain(URL_PASSWORD);

    // with --create-roles the instance role alone gets the read policy, without iam:PassRole
    w.deploy(docker(r, true));
    assertThat(w.fake.rolePolicy("aws-elasticbeanstalk-ec2-role", "compose2eb-secrets-shop-prod")).get()
        .asString().contains("ssm:GetParameters").doesNotContain("iam:PassRole");
    assertThat(w.fake.trustPolicy("compose2eb-ecs-task-execution-role")).isEmpty();
  }

  private static DeployRequest docker(DeployRequest r, boolean createRoles) {
    return r.toBuilder().createRoles(createRoles).platform(dev.compose2eb.plan.Platform.DOCKER).build();
  }

  @Test
  void aRollbackKeepsTheNewSecretValueAndSaysSoByName() {
    DeployOutcome first = deploy();
    compose("r0tated-Pass-Word", "redis://cache:6379");
    w.fake.nextDeployHealth("Red");
    w.lines.clear();
    DeployRequest r = DeployWorld.request();
    DeployOutcome out = w.deploy(r.toBuilder().rollbackOnFailure(true).build());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.UNHEALTHY);
    // the bundle did not change: the version is the first one's, EB's update is what gets undone
    assertThat(out.versionLabel()).isEqualTo(first.versionLabel());
    assertThat(out.next()).contains("secret values not rolled back: DB_PASSWORD");
    assertThat(w.lines).anyMatch(l -> l.startsWith("rollback keep secret DB_PASSWORD: the value"));
    assertThat(w.fake.parameterValue(PREFIX + "DB_PASSWORD")).contains("r0tated-Pass-Word");
    assertThat(String.join("\n", w.lines)).doesNotContain("r0tated-Pass-Word").doesNotContain(PASSWORD);
  }
}
