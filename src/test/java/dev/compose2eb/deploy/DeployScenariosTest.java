package dev.compose2eb.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.fake.Call;
import dev.compose2eb.fake.Fault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The deploy scenarios of issue 5, through the real SDK clients against the fake and s3proxy. */
class DeployScenariosTest {
  @TempDir Path tmp;
  DeployWorld w;

  @BeforeEach
  void start() throws Exception {
    w = new DeployWorld(tmp);
  }

  @AfterEach
  void stop() throws Exception {
    w.close();
  }

  private List<String> writes() {
    return w.fake.writeCalls().stream().map(Call::action).toList();
  }

  @Test
  void firstDeployCreatesEverything() {
    DeployOutcome out = w.deploy(DeployWorld.request());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(out.url()).isPresent();
    assertThat(w.published).containsExactly("web -> " + w.fake.registryHost() + "/shop-web:latest");
    assertThat(writes()).containsExactly("CreateRepository", "CreateStorageLocation",
        "CreateRole", "AttachRolePolicy", "AttachRolePolicy", "AttachRolePolicy", "AttachRolePolicy",
        "CreateInstanceProfile", "AddRoleToInstanceProfile", "CreateRole", "AttachRolePolicy",
        "AttachRolePolicy", "CreateApplication", "CreateApplicationVersion", "CreateEnvironment");
    var env = w.fake.environment("shop-prod").orElseThrow();
    assertThat(env.versionLabel()).isEqualTo(out.versionLabel());
    assertThat(env.variables()).containsEntry("GREETING", "hello");
    assertThat(w.fake.attachedRolePolicies("aws-elasticbeanstalk-ec2-role"))
        .contains("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
    assertThat(w.lines).anyMatch(l -> l.startsWith("event INFO ") && l.contains("Successfully launched"));
    assertThat(w.sdk.s3().headObject(h -> h.bucket(w.fake.storageBucket())
        .key("shop/" + out.versionLabel() + ".zip")).metadata()).containsKey("compose2eb-sha256");
  }

  @Test
  void imagesAreTaggedWithTheGivenTagAsTheBuildspecTaggedThem() {
    w.translateOptions = new dev.compose2eb.translate.TranslateOptions(Optional.empty(), "abc1234",
        dev.compose2eb.plan.PlanOptions.defaults(), false);
    assertThat(w.deploy(DeployWorld.request()).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.published).containsExactly("web -> " + w.fake.registryHost() + "/shop-web:abc1234");
  }

  @Test
  void redeployOfAnUnchangedProjectMakesNoWriteCall() {
    DeployOutcome first = w.deploy(DeployWorld.request());
    w.fake.clearCalls();
    DeployOutcome again = w.deploy(DeployWorld.request());
    assertThat(again.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(again.versionLabel()).isEqualTo(first.versionLabel());
    assertThat(writes()).isEmpty();
    assertThat(w.lines).contains("environment skip shop-prod already runs " + first.versionLabel());
  }

  @Test
  void redeployAfterAChangeCreatesAVersionAndSendsOnlyChangedVariables() {
    DeployOutcome first = w.deploy(DeployWorld.request());
    w.write("compose.yaml", w.project.resolve("compose.yaml").toFile().exists()
        ? read("compose.yaml").replace("MODE: production", "MODE: staging") : "");
    w.fake.clearCalls();
    DeployRequest r = DeployWorld.request();
    DeployOutcome second = w.deploy(r.toBuilder()
        .variables(Map.of("GREETING", "hello", "EXTRA", "1")).build());
    assertThat(second.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(second.versionLabel()).isNotEqualTo(first.versionLabel());
    assertThat(writes()).containsExactly("CreateApplicationVersion", "UpdateEnvironment");
    Call update = w.fake.calls().stream().filter(c -> c.action().equals("UpdateEnvironment")).findFirst().orElseThrow();
    assertThat(update.params().toString()).contains("EXTRA").doesNotContain("GREETING");
    assertThat(w.fake.environment("shop-prod").orElseThrow().variables())
        .containsEntry("EXTRA", "1").containsEntry("GREETING", "hello");
    assertThat(w.fake.applicationVersions("shop")).hasSize(2);
  }

  private String read(String name) {
    try {
      return java.nio.file.Files.readString(w.project.resolve(name));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"CreateRepository", "CreateStorageLocation", "CreateApplication",
      "CreateApplicationVersion", "CreateRole", "CreateInstanceProfile", "CreateEnvironment"})
  void aDeployKilledAtAStepConvergesWhenRunAgain(String action) {
    w.fake.inject(action, Fault.SERVER_ERROR, 100);
    assertThatThrownBy(() -> w.deploy(DeployWorld.request())).isInstanceOf(RuntimeException.class);
    w.fake.clearFaults();
    DeployOutcome out = w.deploy(DeployWorld.request());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.fake.applicationVersions("shop")).hasSize(1);
    assertThat(w.fake.environment("shop-prod").orElseThrow().variables()).containsEntry("GREETING", "hello");
  }

  @Test
  void aSingleThrottleIsRetriedAndAPersistentFailureIsAClearMessage() {
    w.fake.inject("DescribeEnvironments", Fault.THROTTLE, 1);
    w.fake.inject("CreateApplicationVersion", Fault.CONNECTION_RESET, 1);
    assertThat(w.deploy(DeployWorld.request()).status()).isEqualTo(DeployOutcome.Status.HEALTHY);

    DeployRequest r = DeployWorld.request();
    w.fake.inject("DescribeApplications", Fault.SERVER_ERROR, 100);
    assertThatThrownBy(() -> w.deploy(DeployRequest.builder("other", "other-env").create(true)
        .createRoles(true).timeout(r.timeout()).pollInterval(r.pollInterval()).healthSettle(Duration.ZERO)
        .build()))
        .isInstanceOf(AwsFailure.class)
        .hasMessageStartingWith("Tried to ")
        .hasMessageContaining("failed because: ");
  }

  @Test
  void anEnvironmentStuckUpdatingTimesOutCleanly() {
    w.deploy(DeployWorld.request());
    w.fake.nextDeployStuck();
    w.write("web/extra.conf", "x");
    w.write("compose.yaml", read("compose.yaml").replace("MODE: production", "MODE: other"));
    DeployRequest r = DeployWorld.request();
    DeployOutcome out = w.deploy(r.toBuilder().timeout(Duration.ofMillis(400)).build());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.TIMED_OUT);
    assertThat(out.next()).contains("gave up after PT0.4S").contains("Updating");
  }

  @Test
  void aFailingHealthIsUnhealthyAndRollsBackWhenAsked() {
    DeployOutcome first = w.deploy(DeployWorld.request());
    w.fake.nextDeployHealth("Red");
    w.write("compose.yaml", read("compose.yaml").replace("MODE: production", "MODE: broken"));
    DeployRequest r = DeployWorld.request();
    DeployOutcome out = w.deploy(r.toBuilder().rollbackOnFailure(true).build());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.UNHEALTHY);
    assertThat(out.health()).contains("Red");
    assertThat(out.next()).startsWith("rolled back to " + first.versionLabel());
    assertThat(w.fake.environment("shop-prod").orElseThrow().versionLabel()).isEqualTo(first.versionLabel());
  }

  @Test
  void aDryRunPlansEveryStepAndWritesNothing() {
    DeployRequest r = DeployWorld.request();
    DeployOutcome out = w.deploy(r.toBuilder().dryRun(true).build());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.PLANNED);
    assertThat(writes()).isEmpty();
    assertThat(w.published).isEmpty();
    assertThat(w.lines).contains("ecr create repository shop-web", "application create shop",
        "variables create GREETING");
    assertThat(w.lines).anyMatch(l -> l.startsWith("bundle upload s3://"));
    assertThat(w.lines).anyMatch(l -> l.startsWith("environment create shop-prod on arn:aws:elasticbeanstalk:"));
  }

  @Test
  void aFailureNamesTheStepThatFailed() {
    DeployRequest r = DeployWorld.request();
    w.fake.inject("ListPlatformVersions", Fault.SERVER_ERROR, 100);
    assertThatThrownBy(() -> w.deploy(r)).isInstanceOf(AwsFailure.class)
        .hasMessageStartingWith("Tried to find the newest ECS platform version (EB"
            + " ListPlatformVersions) but failed because: ");
  }
}
