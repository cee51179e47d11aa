package dev.compose2eb.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.fake.Call;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Issue 15: the deploy against Elastic Beanstalk, IAM, ECR and S3 as they really behave (IAM
 * propagation, load balancer type, settling health, every failure EB reports, ECR access of
 * existing environments, partitions, quotas, clock skew), each through the real SDK clients
 * against the stateful fake.
 */
class AwsBehaviourTest {
  static final String PROFILE_MISSING =
      "The instance profile aws-elasticbeanstalk-ec2-role associated with the environment does not exist.";

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

  private void change(String from, String to) {
    try {
      Path compose = w.project.resolve("compose.yaml");
      Files.writeString(compose, Files.readString(compose).replace(from, to));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static DeployRequest withVariables(Map<String, String> variables) {
    return DeployWorld.request().toBuilder().variables(variables).build();
  }

  private static DeployRequest rollingBack(Map<String, String> variables) {
    return withVariables(variables).toBuilder().rollbackOnFailure(true).build();
  }

  private static DeployRequest withoutCreateRoles() {
    return DeployWorld.request().toBuilder().createRoles(false).build();
  }

  private Map<String, String> createEnvironmentParams() {
    return w.fake.calls().stream().filter(c -> c.action().equals("CreateEnvironment")).reduce((a, b) -> b)
        .orElseThrow().params();
  }

  /** The value sent for an option in a CreateEnvironment call, or null. */
  private static String sentOption(Map<String, String> params, String namespace, String name) {
    for (int i = 1; params.containsKey("OptionSettings.member." + i + ".Namespace"); i++) {
      String p = "OptionSettings.member." + i + ".";
      if (namespace.equals(params.get(p + "Namespace")) && name.equals(params.get(p + "OptionName"))) {
        return params.get(p + "Value");
      }
    }
    return null;
  }

  // --- 1. IAM propagation ------------------------------------------------------------------------

  @Test
  void newRolesNotYetSeenByElasticBeanstalkAreWaitedForWithRetries() {
    w.fake.iamPropagationDelay(3);
    DeployOutcome out = w.deploy(DeployWorld.request());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.fake.count("CreateEnvironment")).isEqualTo(4);
    assertThat(w.lines).filteredOn(l -> l.startsWith("iam wait Elastic Beanstalk does not see")).hasSize(3);
  }

  @Test
  void rolesThatNeverReachElasticBeanstalkEndInAClearMessage() {
    w.fake.iamPropagationDelay(1_000_000);
    DeployRequest r = DeployWorld.request().toBuilder().timeout(Duration.ofMillis(300)).build();
    assertThatThrownBy(() -> w.deploy(r)).isInstanceOf(AwsFailure.class)
        .hasMessageContaining(PROFILE_MISSING).hasMessageContaining("run the deploy again");
  }

  @Test
  void aRerunAfterAFailedLaunchRebuildsTheEnvironmentInsteadOfSkipping() {
    w.fake.nextDeployFails(PROFILE_MISSING);
    DeployOutcome failed = w.deploy(DeployWorld.request());
    assertThat(failed.status()).isEqualTo(DeployOutcome.Status.FAILED);
    assertThat(failed.next()).contains("Create environment operation is complete, but with errors");

    w.fake.clearCalls();
    w.lines.clear();
    DeployOutcome again = w.deploy(DeployWorld.request());
    assertThat(again.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).containsExactly("RebuildEnvironment");
    assertThat(w.lines).noneMatch(l -> l.startsWith("environment skip"))
        .anyMatch(l -> l.startsWith("environment update shop-prod: rebuild, its launch failed"))
        .contains("event INFO rebuildEnvironment completed successfully.")
        .noneMatch(l -> l.contains(PROFILE_MISSING)); // the old events are not shown again
  }

  // --- 2. load balancer, single instance ----------------------------------------------------------

  @Test
  void aNewEnvironmentGetsAnApplicationLoadBalancer() {
    assertThat(w.deploy(DeployWorld.request()).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    Map<String, String> sent = createEnvironmentParams();
    assertThat(sentOption(sent, "aws:elasticbeanstalk:environment", "LoadBalancerType")).isEqualTo("application");
    assertThat(w.fake.environment("shop-prod").orElseThrow().optionSettings())
        .containsEntry("aws:elasticbeanstalk:environment:LoadBalancerType", "application")
        .containsEntry("aws:elasticbeanstalk:environment:EnvironmentType", "LoadBalanced");
  }

  @Test
  void singleInstanceHasNoLoadBalancerAndTheDryRunSaysSo() {
    DeployRequest single = DeployWorld.request().toBuilder().singleInstance(true).build();
    DeployRequest dry = single.toBuilder().dryRun(true).build();
    assertThat(w.deploy(dry).status()).isEqualTo(DeployOutcome.Status.PLANNED);
    assertThat(w.lines).anyMatch(l -> l.startsWith("environment create shop-prod on ")
        && l.endsWith("(single instance, no load balancer, t3.small)"));

    assertThat(w.deploy(single).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    Map<String, String> sent = createEnvironmentParams();
    assertThat(sentOption(sent, "aws:elasticbeanstalk:environment", "EnvironmentType")).isEqualTo("SingleInstance");
    assertThat(sentOption(sent, "aws:elasticbeanstalk:environment", "LoadBalancerType")).isNull();
    assertThat(w.fake.environment("shop-prod").orElseThrow().optionSettings())
        .doesNotContainKey("aws:elasticbeanstalk:environment:LoadBalancerType");
  }

  // --- 3. the instance type of the memory plan -------------------------------------------------

  @Test
  void withoutAnInstanceTypeTheEnvironmentGetsThePlansDefault() {
    DeployRequest r = DeployWorld.request();
    DeployRequest none = r.toBuilder().instanceType(java.util.Optional.empty()).build();
    assertThat(w.deploy(none).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(sentOption(createEnvironmentParams(), "aws:ec2:instances", "InstanceTypes"))
        .isEqualTo(dev.compose2eb.plan.InstanceTypes.DEFAULT);
    assertThat(w.lines).anyMatch(l -> l.startsWith("environment create shop-prod on ")
        && l.endsWith("(load balanced, application load balancer, " + dev.compose2eb.plan.InstanceTypes.DEFAULT + ")"));
  }

  // --- 4. health that has settled ------------------------------------------------------------------

  @Test
  void aRedThatFollowsAFirstGreenIsUnhealthyWithElasticBeanstalksCauses() {
    String cause = "Process default has been unhealthy for 2 minutes (Target.ResponseCodeMismatch).";
    w.fake.nextDeployHealth(List.of("Green", "Green", "Red"), List.of(cause));
    DeployOutcome out = w.deploy(DeployWorld.request());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.UNHEALTHY);
    assertThat(out.health()).contains("Red");
    assertThat(out.healthCauses()).containsExactly(cause);
    assertThat(out.next()).contains("because: " + cause);
  }

  @Test
  void aBriefYellowWhileContainersStartIsNotAVerdict() {
    w.fake.nextDeployHealth(List.of("Yellow", "Yellow", "Green"), List.of());
    DeployOutcome out = w.deploy(DeployWorld.request());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(out.health()).contains("Green");
  }

  @Test
  void healthThatHasNotHeldForTheSettlingPeriodIsNotHealthy() {
    // Green at once, but the settling period is longer than the timeout left
    DeployRequest r = DeployWorld.request().toBuilder().healthSettle(Duration.ofHours(1))
        .timeout(Duration.ofSeconds(2)).build();
    DeployOutcome out = w.deploy(r);
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.UNHEALTHY);
    assertThat(out.next()).contains("had not settled");
  }

  // --- 5. every failure EB reports ---------------------------------------------------------------

  @Test
  void everyMessageTheEbCliTreatsAsAnErrorIsAFailure() {
    for (String m : List.of("Environment health has been set to RED",
        "Failed to launch environment.", "Failed to deploy application.", "Failed to deploy configuration.",
        "The environment was reverted to the previous configuration setting.",
        "Create environment operation is complete, but with errors. For more information, see troubleshooting"
            + " documentation.",
        "Update environment operation is complete, but with errors. For more information, see troubleshooting"
            + " documentation.",
        "Failed to pull logs for environment instances.",
        "ECS Application sourcebundle validation error: Unsupported AWSEBDockerrunVersion: 1",
        "ECS Application sourcebundle validation error: We expected a VALUE token but got: START_OBJECT",
        "Launched environment: shop-prod. However, there were issues during launch. See event log for details.",
        "Finished processing application version v1 with status FAILED.")) {
      assertThat(EventStream.isFailure(m)).as(m).isTrue();
    }
    for (String m : List.of("Environment update completed successfully.", "Successfully launched environment: x",
        "Environment health has transitioned from Info to Ok.", "createEnvironment is starting.",
        "Finished processing application version v1 with status PROCESSED.")) {
      assertThat(EventStream.isFailure(m)).as(m).isFalse();
    }
  }

  @Test
  void aVariablesUpdateThatElasticBeanstalkRevertsIsAFailure() {
    w.deploy(DeployWorld.request());
    w.fake.nextUpdateReverted();
    DeployOutcome out = w.deploy(withVariables(Map.of("GREETING", "hello", "EXTRA", "1")));
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.FAILED);
    assertThat(out.next()).contains("reverted to the previous configuration");
    assertThat(w.fake.environment("shop-prod").orElseThrow().variables()).doesNotContainKey("EXTRA");
  }

  @Test
  void anEnvironmentElasticBeanstalkTerminatesEndsTheWaitAsAFailure() {
    w.fake.nextDeployTerminates("Stack named 'awseb-e-1-stack' aborted operation. Current state: 'CREATE_FAILED'");
    DeployOutcome out = w.deploy(DeployWorld.request().toBuilder().timeout(Duration.ofMinutes(30)).build());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.FAILED);
    assertThat(out.next()).contains("terminated environment shop-prod").contains("--create");
  }

  // --- 6. ECR access of existing environments ----------------------------------------------------

  /** Moves the environment to an instance profile whose role has no ECR policy, as the console makes them. */
  private void useCustomInstanceProfile() {
    w.sdk.iam().createRole(r -> r.roleName("console-role").assumeRolePolicyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[]}"));
    w.sdk.iam().createInstanceProfile(r -> r.instanceProfileName("console-profile"));
    w.sdk.iam().addRoleToInstanceProfile(r -> r.instanceProfileName("console-profile").roleName("console-role"));
    w.sdk.eb().updateEnvironment(r -> r.environmentName("shop-prod").optionSettings(
        ConfigurationOptionSetting.builder().namespace("aws:autoscaling:launchconfiguration")
            .optionName("IamInstanceProfile").value("console-profile").build()));
    w.fake.tick(3);
  }

  @Test
  void anExistingEnvironmentWhoseRoleCannotPullFromEcrIsStoppedBeforeTheUpdate() {
    w.deploy(DeployWorld.request());
    useCustomInstanceProfile();
    change("MODE: production", "MODE: staging");
    w.fake.clearCalls();
    assertThatThrownBy(() -> w.deploy(withoutCreateRoles())).isInstanceOf(AwsFailure.class)
        .hasMessageContaining("console-role cannot pull from ECR")
        .hasMessageContaining("--create-roles");
    assertThat(writes()).doesNotContain("UpdateEnvironment", "AttachRolePolicy");

    DeployOutcome out = w.deploy(DeployWorld.request());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.fake.attachedRolePolicies("console-role"))
        .containsExactly("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
  }

  @Test
  void anInlinePolicyAllowingEcrPullsIsEnough() {
    w.deploy(DeployWorld.request());
    useCustomInstanceProfile();
    w.sdk.iam().putRolePolicy(r -> r.roleName("console-role").policyName("pull").policyDocument(
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"ecr:GetAuthorizationToken\","
            + " \"ecr:BatchGetImage\", \"ecr:GetDownloadUrlForLayer\"],\"Resource\":\"*\"}]}"));
    change("MODE: production", "MODE: staging");
    assertThat(w.deploy(withoutCreateRoles()).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.fake.attachedRolePolicies("console-role")).isEmpty();
  }

  // --- 7. the rest -------------------------------------------------------------------------------

  @Test
  void aSlowPushDoesNotEatTheTimeElasticBeanstalkIsGiven() {
    w.onPublish = () -> w.clock.advance(Duration.ofMinutes(25)); // within --push-timeout (30m)
    DeployOutcome out = w.deploy(DeployWorld.request()); // --timeout 20s for EB
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
  }

  @Test
  void pushesOverTheirOwnBudgetFailWithThatBudgetNamed() {
    w.onPublish = () -> w.clock.advance(Duration.ofMinutes(31));
    assertThatThrownBy(() -> w.deploy(DeployWorld.request())).isInstanceOf(AwsFailure.class)
        .hasMessageContaining("longer than --push-timeout 30m");
    assertThat(writes()).doesNotContain("CreateApplicationVersion", "CreateEnvironment");
  }

  @Test
  void aRollbackRestoresTheVariablesOfTheFailedUpdateToo() {
    DeployOutcome first = w.deploy(DeployWorld.request());
    change("MODE: production", "MODE: broken");
    w.fake.nextDeployHealth("Red");
    DeployOutcome out = w.deploy(rollingBack(Map.of("GREETING", "bye", "EXTRA", "1")));
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.UNHEALTHY);
    assertThat(out.next()).startsWith("rolled back to " + first.versionLabel() + " (now healthy)");
    var env = w.fake.environment("shop-prod").orElseThrow();
    assertThat(env.versionLabel()).isEqualTo(first.versionLabel());
    assertThat(env.variables()).containsEntry("GREETING", "hello").doesNotContainKey("EXTRA");
  }

  @Test
  void policyArnsAndServicePrincipalsFollowTheCallersPartition() throws Exception {
    w.close();
    w = new DeployWorld(tmp.resolve("cn"), "cn-north-1");
    assertThat(w.deploy(DeployWorld.request()).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.fake.trustPolicy("aws-elasticbeanstalk-ec2-role").orElseThrow()).contains("\"ec2.amazonaws.com.cn\"");
    assertThat(w.fake.trustPolicy("aws-elasticbeanstalk-service-role").orElseThrow())
        .contains("\"elasticbeanstalk.amazonaws.com.cn\"");
    assertThat(w.fake.attachedRolePolicies("aws-elasticbeanstalk-ec2-role"))
        .contains("arn:aws-cn:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly")
        .allMatch(a -> a.startsWith("arn:aws-cn:iam::aws:policy/"));
    assertThat(Partition.ofArn("arn:aws-us-gov:iam::123456789012:user/me").servicePrincipal("ec2"))
        .isEqualTo("ec2.amazonaws.com");
  }

  @Test
  void aNewApplicationKeepsItsNewestVersionsAndTheQuotaIsAClearMessage() {
    w.deploy(DeployWorld.request());
    assertThat(w.fake.applicationLifecycle("shop"))
        .containsEntry("VersionLifecycleConfig.MaxCountRule.Enabled", "true")
        .containsEntry("VersionLifecycleConfig.MaxCountRule.MaxCount", "200")
        .containsEntry("VersionLifecycleConfig.MaxCountRule.DeleteSourceFromS3", "false")
        .containsEntry("ServiceRole", "arn:aws:iam::" + w.fake.account() + ":role/aws-elasticbeanstalk-service-role");

    w.fake.maxApplicationVersions(1);
    change("MODE: production", "MODE: staging");
    assertThatThrownBy(() -> w.deploy(DeployWorld.request())).isInstanceOf(AwsFailure.class)
        .hasMessageContaining("1,000 per region")
        .hasMessageContaining("update-application-resource-lifecycle --application-name shop");
  }

  @Test
  void aFailedVersionIsNotBlamedOnTheDockerrunFile() {
    w.fake.nextVersionProcessingFails();
    assertThatThrownBy(() -> w.deploy(DeployWorld.request())).isInstanceOf(AwsFailure.class)
        .hasMessageContaining(".ebextensions/*.config and env.yaml, not Dockerrun.aws.json")
        .hasMessageNotContaining("Dockerrun.aws.json was rejected");
  }

  @Test
  void eventsStartAtElasticBeanstalksTimeSoALocalClockAheadHidesNone() {
    w.fake.clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(-10)));
    assertThat(w.deploy(DeployWorld.request()).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.lines).contains("event INFO createEnvironment is starting.")
        .anyMatch(l -> l.startsWith("event INFO Successfully launched environment"));
  }

  /** S3 without s3:ListBucket: HeadObject of a missing key answers 403, not 404. */
  static final class NoListBucket implements ExecutionInterceptor {
    @Override
    public SdkHttpResponse modifyHttpResponse(Context.ModifyHttpResponse c, ExecutionAttributes a) {
      boolean objectHead = c.httpRequest().method() == SdkHttpMethod.HEAD
          && c.httpRequest().encodedPath().chars().filter(ch -> ch == '/').count() > 1;
      return objectHead && c.httpResponse().statusCode() == 404
          ? c.httpResponse().toBuilder().statusCode(403).statusText("Forbidden").build() : c.httpResponse();
    }
  }

  @Test
  void aMissingBundleAnswered403WithoutListBucketIsUploaded() {
    S3Client s3 = S3Client.builder().region(software.amazon.awssdk.regions.Region.of(w.fake.region()))
        .credentialsProvider(() -> software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create(
            w.fake.accessKeyId(), w.fake.secretAccessKey()))
        .endpointOverride(w.fake.s3Endpoint().orElseThrow()).forcePathStyle(true)
        .requestChecksumCalculation(software.amazon.awssdk.core.checksums.RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(software.amazon.awssdk.core.checksums.ResponseChecksumValidation.WHEN_REQUIRED)
        .overrideConfiguration(o -> o.addExecutionInterceptor(new NoListBucket())).build();
    try (s3) {
      w.clients = new Clients(w.sdk.eb(), s3, w.sdk.ecr(), w.sdk.iam(), w.sdk.sts(), w.sdk.ssm(),
          w.sdk.secretsManager(), w.fake.region());
      DeployOutcome first = w.deploy(DeployWorld.request());
      assertThat(first.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
      assertThat(w.lines).anyMatch(l -> l.startsWith("bundle upload s3://"));
      w.lines.clear();
      assertThat(w.deploy(DeployWorld.request()).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
      assertThat(w.lines).anyMatch(l -> l.startsWith("bundle skip s3://"));
    }
  }
}
