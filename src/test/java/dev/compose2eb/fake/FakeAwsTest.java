package dev.compose2eb.fake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.model.InvalidParameterException;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationVersionDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.ApplicationVersionStatus;
import software.amazon.awssdk.services.elasticbeanstalk.model.ConfigurationOptionSetting;
import software.amazon.awssdk.services.elasticbeanstalk.model.CreateEnvironmentResponse;
import software.amazon.awssdk.services.elasticbeanstalk.model.ElasticBeanstalkException;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentHealth;
import software.amazon.awssdk.services.elasticbeanstalk.model.EnvironmentStatus;
import software.amazon.awssdk.services.elasticbeanstalk.model.EventDescription;
import software.amazon.awssdk.services.elasticbeanstalk.model.EventSeverity;
import software.amazon.awssdk.services.elasticbeanstalk.model.OptionSpecification;
import software.amazon.awssdk.services.elasticbeanstalk.model.PlatformFilter;
import software.amazon.awssdk.services.elasticbeanstalk.model.PlatformSummary;
import software.amazon.awssdk.services.elasticbeanstalk.model.TooManyApplicationVersionsException;
import software.amazon.awssdk.services.elasticbeanstalk.model.UpdateEnvironmentResponse;
import software.amazon.awssdk.services.iam.model.EntityAlreadyExistsException;
import software.amazon.awssdk.services.iam.model.LimitExceededException;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.Role;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

class FakeAwsTest {
  private static final String ECS = "ECS running on 64bit Amazon Linux 2023";
  private static final String ENV_NS = "aws:elasticbeanstalk:application:environment";
  private static final String TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";

  private FakeAws fake;
  private Sdk.Clients aws;

  @BeforeEach
  void start() {
    fake = FakeAws.start();
    aws = Sdk.clients(fake);
  }

  @AfterEach
  void stop() {
    aws.close();
    fake.close();
  }

  // ---- STS and storage ---------------------------------------------------------------------------------

  @Test
  void callerIdentityIsConfigurable() {
    GetCallerIdentityResponse me = aws.sts().getCallerIdentity();
    assertThat(me.account()).isEqualTo("123456789012");
    assertThat(me.arn()).isEqualTo("arn:aws:iam::123456789012:user/deployer");

    fake.identity("210987654321", "arn:aws:iam::210987654321:user/ci", "AIDACI");
    me = aws.sts().getCallerIdentity();
    assertThat(me.account()).isEqualTo("210987654321");
    assertThat(me.arn()).isEqualTo("arn:aws:iam::210987654321:user/ci");
    assertThat(me.userId()).isEqualTo("AIDACI");
    assertThat(aws.eb().createStorageLocation().s3Bucket()).isEqualTo("elasticbeanstalk-us-east-1-210987654321");
  }

  @Test
  void unknownAccessKeyIsRejectedLikeSts() {
    fake.identity("123456789012", "arn:aws:iam::123456789012:user/deployer", "AIDA");
    try (var other = software.amazon.awssdk.services.sts.StsClient.builder()
        .endpointOverride(fake.endpoint())
        .region(software.amazon.awssdk.regions.Region.US_EAST_1)
        .httpClient(aws.http())
        .credentialsProvider(software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
            software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDOTHER", "secret")))
        .build()) {
      StsException e = catchThrowableOfType(StsException.class, other::getCallerIdentity);
      assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidClientTokenId");
      assertThat(e.statusCode()).isEqualTo(403);
    }
  }

  @Test
  void storageLocationIsIdempotentAndOnlyTheFirstCallChangesState() {
    assertThat(aws.eb().createStorageLocation().s3Bucket()).isEqualTo("elasticbeanstalk-us-east-1-123456789012");
    assertThat(aws.eb().createStorageLocation().s3Bucket()).isEqualTo(fake.storageBucket());
    assertThat(fake.writeCalls()).extracting(Call::action)
        .containsExactly("CreateStorageLocation", "CreateStorageLocation");
    assertThat(fake.writeCalls()).extracting(Call::changedState).containsExactly(true, false);
  }

  // ---- applications and versions -----------------------------------------------------------------------

  @Test
  void applicationsRoundTripAndDuplicatesAreRefusedAsEbDoes() {
    aws.eb().createApplication(r -> r.applicationName("shop").description("the shop"));
    assertThat(aws.eb().describeApplications(r -> r.applicationNames("shop")).applications())
        .singleElement()
        .satisfies(a -> {
          assertThat(a.applicationName()).isEqualTo("shop");
          assertThat(a.description()).isEqualTo("the shop");
          assertThat(a.applicationArn()).isEqualTo("arn:aws:elasticbeanstalk:us-east-1:123456789012:application/shop");
        });
    assertThat(aws.eb().describeApplications(r -> r.applicationNames("other")).applications()).isEmpty();
    ElasticBeanstalkException e = catchThrowableOfType(ElasticBeanstalkException.class,
        () -> aws.eb().createApplication(r -> r.applicationName("shop")));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Application shop already exists.");
  }

  @Test
  void versionsAreProcessedAfterPollsAndAnExistingLabelFailsExactlyLikeEb() {
    aws.eb().createApplication(r -> r.applicationName("shop"));
    ApplicationVersionDescription v = aws.eb().createApplicationVersion(r -> r.applicationName("shop")
        .versionLabel("v1").description("first").process(true)
        .sourceBundle(s -> s.s3Bucket(fake.storageBucket()).s3Key("shop/v1.zip"))).applicationVersion();
    assertThat(v.status()).isEqualTo(ApplicationVersionStatus.PROCESSING);
    assertThat(v.sourceBundle().s3Key()).isEqualTo("shop/v1.zip");

    assertThat(describeVersion("shop", "v1").status()).isEqualTo(ApplicationVersionStatus.PROCESSING);
    ApplicationVersionDescription done = describeVersion("shop", "v1");
    assertThat(done.status()).isEqualTo(ApplicationVersionStatus.PROCESSED);
    assertThat(done.description()).isEqualTo("first");
    assertThat(done.sourceBundle().s3Bucket()).isEqualTo(fake.storageBucket());

    ElasticBeanstalkException e = catchThrowableOfType(ElasticBeanstalkException.class,
        () -> aws.eb().createApplicationVersion(r -> r.applicationName("shop").versionLabel("v1")
            .sourceBundle(s -> s.s3Bucket("b").s3Key("shop/other.zip"))));
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Application Version v1 already exists.");
    assertThat(fake.applicationVersions("shop")).extracting(VersionState::key).containsExactly("shop/v1.zip");
  }

  @Test
  void versionWithoutProcessIsUnprocessedAndScriptedProcessingCanFail() {
    aws.eb().createApplication(r -> r.applicationName("shop"));
    createVersion("shop", "plain");
    assertThat(describeVersion("shop", "plain").status()).isEqualTo(ApplicationVersionStatus.UNPROCESSED);

    fake.nextVersionProcessingFails().pollsToProcess(1);
    aws.eb().createApplicationVersion(r -> r.applicationName("shop").versionLabel("bad").process(true)
        .sourceBundle(s -> s.s3Bucket("b").s3Key("shop/bad.zip")));
    assertThat(describeVersion("shop", "bad").status()).isEqualTo(ApplicationVersionStatus.FAILED);
  }

  @Test
  void versionForMissingApplicationFailsUnlessAutoCreated() {
    ElasticBeanstalkException e = catchThrowableOfType(ElasticBeanstalkException.class,
        () -> createVersion("ghost", "v1"));
    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("No Application named 'ghost' found.");

    aws.eb().createApplicationVersion(r -> r.applicationName("ghost").versionLabel("v1")
        .autoCreateApplication(true).sourceBundle(s -> s.s3Bucket("b").s3Key("ghost/v1.zip")));
    assertThat(fake.applications()).containsExactly("ghost");
  }

  @Test
  void versionsAreListedNewestFirstAndDeletedUnlessInUse() {
    readyEnvironment("shop", "web", "v1");
    createVersion("shop", "v2");
    assertThat(aws.eb().describeApplicationVersions(r -> r.applicationName("shop")).applicationVersions())
        .extracting(ApplicationVersionDescription::versionLabel).containsExactly("v2", "v1");

    ElasticBeanstalkException inUse = catchThrowableOfType(ElasticBeanstalkException.class,
        () -> aws.eb().deleteApplicationVersion(r -> r.applicationName("shop").versionLabel("v1")));
    assertThat(inUse.awsErrorDetails().errorMessage()).contains("being used by environment(s) web");
    aws.eb().deleteApplicationVersion(r -> r.applicationName("shop").versionLabel("v2"));
    assertThat(fake.applicationVersions("shop")).extracting(VersionState::label).containsExactly("v1");
  }

  @Test
  void tooManyVersionsMapsToItsOwnException() {
    fake.maxApplicationVersions(1);
    aws.eb().createApplication(r -> r.applicationName("shop"));
    createVersion("shop", "v1");
    assertThatThrownBy(() -> createVersion("shop", "v2")).isInstanceOf(TooManyApplicationVersionsException.class);
  }

  // ---- platforms -----------------------------------------------------------------------------------------

  @Test
  void platformsAreFilteredAndTheClientMustPickTheNewest() {
    List<PlatformSummary> ecs = aws.eb().listPlatformVersions(r -> r.filters(
        filter("PlatformBranchName", "=", ECS))).platformSummaryList();
    assertThat(ecs).extracting(PlatformSummary::platformVersion)
        .containsExactly("4.9.1", "4.10.0", "4.0.0", "4.3.12");
    PlatformSummary newest = ecs.stream()
        .max(Comparator.comparing(PlatformSummary::platformVersion, EbPlatforms::compareVersions)).orElseThrow();
    assertThat(newest.platformArn())
        .isEqualTo("arn:aws:elasticbeanstalk:us-east-1::platform/ECS running on 64bit Amazon Linux 2023/4.10.0");
    assertThat(newest.platformLifecycleState()).isEqualTo("recommended");
    assertThat(newest.operatingSystemVersion()).isEqualTo("2023");

    assertThat(aws.eb().listPlatformVersions(r -> r.filters(
            filter("PlatformName", "contains", "ECS"), filter("PlatformVersion", ">=", "4.5")))
        .platformSummaryList()).extracting(PlatformSummary::platformVersion).containsExactly("4.9.1", "4.10.0");
    assertThat(aws.eb().listPlatformVersions().platformSummaryList()).hasSize(Platform.defaults().size());
  }

  // ---- environments ----------------------------------------------------------------------------------------

  @Test
  void environmentLaunchesThroughPollsWithEvents() {
    profile("aws-elasticbeanstalk-ec2-role");
    aws.eb().createApplication(r -> r.applicationName("shop"));
    createVersion("shop", "v1");
    fake.pollsToComplete(3);
    CreateEnvironmentResponse created = createEnvironment("shop", "web", "v1");
    assertThat(created.status()).isEqualTo(EnvironmentStatus.LAUNCHING);
    assertThat(created.health()).isEqualTo(EnvironmentHealth.GREY);
    assertThat(created.cname()).isEqualTo("web.us-east-1.elasticbeanstalk.com");
    assertThat(created.endpointURL()).isNull();
    assertThat(created.platformArn()).endsWith("/4.10.0");
    String requestId = created.responseMetadata().requestId();

    assertThat(describe("web").status()).isEqualTo(EnvironmentStatus.LAUNCHING);
    assertThat(describe("web").status()).isEqualTo(EnvironmentStatus.LAUNCHING);
    EnvironmentDescription ready = describe("web");
    assertThat(ready.status()).isEqualTo(EnvironmentStatus.READY);
    assertThat(ready.health()).isEqualTo(EnvironmentHealth.GREEN);
    assertThat(ready.healthStatusAsString()).isEqualTo("Ok");
    assertThat(ready.versionLabel()).isEqualTo("v1");
    assertThat(ready.endpointURL()).endsWith(".us-east-1.elb.amazonaws.com");

    List<EventDescription> events = aws.eb().describeEvents(r -> r.environmentName("web").requestId(requestId))
        .events();
    assertThat(events).extracting(EventDescription::message).containsExactly(
        "Environment health has transitioned from Pending to Ok.",
        "Successfully launched environment: web",
        "Using elasticbeanstalk-us-east-1-123456789012 as Amazon S3 storage bucket for environment data.",
        "createEnvironment is starting.");
    assertThat(events.get(1).severity()).isEqualTo(EventSeverity.INFO);
    assertThat(events.get(1).applicationName()).isEqualTo("shop");
    assertThat(events.get(1).eventDate()).isAfter(events.get(2).eventDate());
  }

  @Test
  void eventsAreFilteredByStartTimeAndSeverity() {
    readyEnvironment("shop", "web", "v1");
    Instant last = aws.eb().describeEvents(r -> r.environmentName("web")).events().get(0).eventDate();
    createVersion("shop", "v2");
    fake.nextDeployFails();
    aws.eb().updateEnvironment(r -> r.environmentName("web").versionLabel("v2"));
    fake.tick(3);
    List<String> fresh = aws.eb().describeEvents(r -> r.environmentName("web").startTime(last.plusMillis(1)))
        .events().stream().map(EventDescription::message).toList();
    assertThat(fresh).containsExactly(
        "Environment health has transitioned from Ok to Severe.",
        "Update environment operation is complete, but with errors. For more information, see troubleshooting"
            + " documentation.",
        "Failed to deploy application.",
        "Deploying new version to instance(s).",
        "Environment update is starting.");
    assertThat(aws.eb().describeEvents(r -> r.environmentName("web").severity(EventSeverity.ERROR)).events())
        .extracting(EventDescription::message)
        .containsExactly("Update environment operation is complete, but with errors. For more information, see"
            + " troubleshooting documentation.", "Failed to deploy application.");
    assertThat(aws.eb().describeEvents(r -> r.environmentName("web").maxRecords(2)).nextToken()).isNotNull();
  }

  @Test
  void aFixedClockGivesDeterministicStrictlyIncreasingEventDates() {
    fake.clock(Clock.fixed(Instant.parse("2026-11-22T10:00:00Z"), ZoneOffset.UTC));
    readyEnvironment("shop", "web", "v1");
    List<Instant> dates = aws.eb().describeEvents(r -> r.environmentName("web")).events().stream()
        .map(EventDescription::eventDate).toList();
    assertThat(dates).hasSize(4).isSortedAccordingTo(Comparator.reverseOrder()).doesNotHaveDuplicates();
    assertThat(dates).allSatisfy(d -> assertThat(d).isBetween(
        Instant.parse("2026-11-22T10:00:00Z"), Instant.parse("2026-11-22T10:00:01Z")));
  }

  @Test
  void launchNeedsAnExistingInstanceProfile() {
    aws.eb().createApplication(r -> r.applicationName("shop"));
    ElasticBeanstalkException none = catchThrowableOfType(ElasticBeanstalkException.class,
        () -> aws.eb().createEnvironment(r -> r.applicationName("shop").environmentName("web")
            .platformArn(ecsArn())));
    assertThat(none.awsErrorDetails().errorMessage())
        .isEqualTo("Environment must have instance profile associated with it.");
    ElasticBeanstalkException missing = catchThrowableOfType(ElasticBeanstalkException.class,
        () -> createEnvironment("shop", "web", ""));
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("Invalid IamInstanceProfile: aws-elasticbeanstalk-ec2-role");
  }

  @Test
  void launchWithoutLaunchTemplatesFailsOnNewAccounts() {
    profile("aws-elasticbeanstalk-ec2-role");
    aws.eb().createApplication(r -> r.applicationName("shop"));
    aws.eb().createEnvironment(r -> r.applicationName("shop").environmentName("web").platformArn(ecsArn())
        .optionSettings(option("aws:autoscaling:launchconfiguration", "IamInstanceProfile",
            "aws-elasticbeanstalk-ec2-role")));
    fake.tick(3);
    assertThat(fake.environment("web").orElseThrow().status()).isEqualTo("Ready");
    assertThat(fake.eventMessages()).anyMatch(m -> m.startsWith("Creating Auto Scaling launch configuration failed"))
        .contains("Failed to launch environment.");
  }

  @Test
  void updateDeploysTheVersionAndVariablesAndRefusesWhileUpdating() {
    readyEnvironment("shop", "web", "v1");
    createVersion("shop", "v2");
    UpdateEnvironmentResponse updating = aws.eb().updateEnvironment(r -> r.environmentName("web")
        .versionLabel("v2").optionSettings(option(ENV_NS, "DB_HOST", "db"), option(ENV_NS, "MODE", "prod")));
    assertThat(updating.status()).isEqualTo(EnvironmentStatus.UPDATING);
    assertThat(updating.abortableOperationInProgress()).isTrue();

    ElasticBeanstalkException busy = catchThrowableOfType(ElasticBeanstalkException.class,
        () -> aws.eb().updateEnvironment(r -> r.environmentName("web").versionLabel("v1")));
    assertThat(busy.awsErrorDetails().errorCode()).isEqualTo("InvalidParameterValue");
    assertThat(busy.awsErrorDetails().errorMessage())
        .isEqualTo("Environment named web is in an invalid state for this operation. Must be Ready.");

    fake.tick(3);
    EnvironmentDescription ready = describe("web");
    assertThat(ready.status()).isEqualTo(EnvironmentStatus.READY);
    assertThat(ready.versionLabel()).isEqualTo("v2");
    assertThat(variables("shop", "web")).containsExactly("DB_HOST=db", "MODE=prod");
    assertThat(fake.eventMessages()).containsSubsequence("Environment update is starting.",
        "Updating environment web's configuration settings.", "Deploying new version to instance(s).",
        "New application version was deployed to running EC2 instances.",
        "Environment update completed successfully.");
  }

  @Test
  void emptyValueOrOptionsToRemoveDropAVariable() {
    readyEnvironment("shop", "web", "v1");
    aws.eb().updateEnvironment(r -> r.environmentName("web")
        .optionSettings(option(ENV_NS, "A", "1"), option(ENV_NS, "B", "2"), option(ENV_NS, "C", "3")));
    fake.tick(3);
    aws.eb().updateEnvironment(r -> r.environmentName("web").optionSettings(option(ENV_NS, "A", ""))
        .optionsToRemove(OptionSpecification.builder().namespace(ENV_NS).optionName("B").build()));
    fake.tick(3);
    assertThat(variables("shop", "web")).containsExactly("C=3");
    assertThat(fake.environment("web").orElseThrow().variables()).containsOnlyKeys("C");
    assertThat(fake.eventMessages()).contains("Successfully deployed new configuration to environment.");
  }

  @Test
  void scriptedRedHealthCompletesButIsUnhealthy() {
    readyEnvironment("shop", "web", "v1");
    createVersion("shop", "v2");
    fake.nextDeployHealth("Red");
    aws.eb().updateEnvironment(r -> r.environmentName("web").versionLabel("v2"));
    fake.tick(3);
    EnvironmentDescription env = describe("web");
    assertThat(env.status()).isEqualTo(EnvironmentStatus.READY);
    assertThat(env.versionLabel()).isEqualTo("v2");
    assertThat(env.health()).isEqualTo(EnvironmentHealth.RED);
    assertThat(env.healthStatusAsString()).isEqualTo("Severe");
    var health = aws.eb().describeEnvironmentHealth(r -> r.environmentName("web")
        .attributeNamesWithStrings("All"));
    assertThat(health.color()).isEqualTo("Red");
    assertThat(health.causes()).isNotEmpty();
  }

  @Test
  void scriptedFailureRevertsVersionAndConfiguration() {
    readyEnvironment("shop", "web", "v1");
    createVersion("shop", "v2");
    fake.nextDeployFails();
    aws.eb().updateEnvironment(r -> r.environmentName("web").versionLabel("v2")
        .optionSettings(option(ENV_NS, "NEW", "x")));
    fake.tick(3);
    EnvironmentState env = fake.environment("web").orElseThrow();
    assertThat(env.status()).isEqualTo("Ready");
    assertThat(env.health()).isEqualTo("Red");
    assertThat(env.versionLabel()).isEqualTo("v1");
    assertThat(env.variables()).isEmpty();
    assertThat(fake.eventMessages()).contains("Failed to deploy application.",
        "The environment was reverted to the previous configuration setting.");
  }

  @Test
  void stuckUpdateNeverFinishes() {
    readyEnvironment("shop", "web", "v1");
    createVersion("shop", "v2");
    fake.nextDeployStuck();
    aws.eb().updateEnvironment(r -> r.environmentName("web").versionLabel("v2"));
    for (int i = 0; i < 20; i++) {
      assertThat(describe("web").status()).isEqualTo(EnvironmentStatus.UPDATING);
    }
    assertThatThrownBy(() -> aws.eb().updateEnvironment(r -> r.environmentName("web").versionLabel("v1")))
        .hasMessageContaining("Must be Ready.");
  }

  @Test
  void variablesOverTheLimitFailAsynchronouslyLikeCloudFormation() {
    readyEnvironment("shop", "web", "v1");
    aws.eb().updateEnvironment(r -> r.environmentName("web")
        .optionSettings(option(ENV_NS, "BIG", "x".repeat(4093))));
    fake.tick(3);
    assertThat(fake.environment("web").orElseThrow().variables()).isEmpty();
    assertThat(fake.eventMessages()).anyMatch(m -> m.contains("length is greater than 4096"));

    aws.eb().updateEnvironment(r -> r.environmentName("web")
        .optionSettings(option(ENV_NS, "BIG", "x".repeat(4092))));
    fake.tick(3);
    assertThat(fake.environment("web").orElseThrow().variables().get("BIG")).hasSize(4092);
  }

  @Test
  void unknownEnvironmentAndVersionAreInvalidParameters() {
    readyEnvironment("shop", "web", "v1");
    assertThatThrownBy(() -> aws.eb().updateEnvironment(r -> r.environmentName("nope").versionLabel("v1")))
        .isInstanceOf(ElasticBeanstalkException.class)
        .hasMessageContaining("No Environment found for EnvironmentName = 'nope'.");
    assertThatThrownBy(() -> aws.eb().updateEnvironment(r -> r.environmentName("web").versionLabel("v9")))
        .hasMessageContaining("No Application Version named 'v9' found.");
    assertThatThrownBy(() -> createEnvironment("shop", "web", "v1"))
        .hasMessageContaining("Environment web already exists.");
  }

  @Test
  void terminatedEnvironmentsStayVisibleAndTheNameCanBeReused() {
    readyEnvironment("shop", "web", "v1");
    aws.eb().terminateEnvironment(r -> r.environmentName("web"));
    fake.tick(3);
    assertThat(aws.eb().describeEnvironments(r -> r.environmentNames("web")).environments())
        .extracting(EnvironmentDescription::status).containsExactly(EnvironmentStatus.TERMINATED);
    assertThat(aws.eb().describeEnvironments(r -> r.environmentNames("web").includeDeleted(false))
        .environments()).isEmpty();
    assertThat(fake.environment("web")).isEmpty();
    createEnvironment("shop", "web", "v1");
    assertThat(aws.eb().describeEnvironments(r -> r.environmentNames("web")).environments()).hasSize(2);
  }

  // ---- IAM -----------------------------------------------------------------------------------------------

  @Test
  void rolesAndPoliciesBehaveLikeIam() {
    NoSuchEntityException missing = catchThrowableOfType(NoSuchEntityException.class,
        () -> aws.iam().getRole(r -> r.roleName("aws-elasticbeanstalk-ec2-role")));
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("NoSuchEntity");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.awsErrorDetails().errorMessage())
        .isEqualTo("The role with name aws-elasticbeanstalk-ec2-role cannot be found.");

    Role created = aws.iam().createRole(r -> r.roleName("aws-elasticbeanstalk-ec2-role")
        .assumeRolePolicyDocument(TRUST)).role();
    assertThat(created.arn()).isEqualTo("arn:aws:iam::123456789012:role/aws-elasticbeanstalk-ec2-role");
    assertThat(created.roleId()).startsWith("AROA");
    Role got = aws.iam().getRole(r -> r.roleName("aws-elasticbeanstalk-ec2-role")).role();
    assertThat(URLDecoder.decode(got.assumeRolePolicyDocument(), StandardCharsets.UTF_8)).isEqualTo(TRUST);
    assertThat(got.createDate()).isEqualTo(created.createDate());
    assertThatThrownBy(() -> aws.iam().createRole(r -> r.roleName("aws-elasticbeanstalk-ec2-role")
        .assumeRolePolicyDocument(TRUST))).isInstanceOf(EntityAlreadyExistsException.class);

    aws.iam().attachRolePolicy(r -> r.roleName("aws-elasticbeanstalk-ec2-role")
        .policyArn("arn:aws:iam::aws:policy/AWSElasticBeanstalkMulticontainerDocker"));
    aws.iam().attachRolePolicy(r -> r.roleName("aws-elasticbeanstalk-ec2-role")
        .policyArn("arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly"));
    assertThat(aws.iam().listAttachedRolePolicies(r -> r.roleName("aws-elasticbeanstalk-ec2-role"))
        .attachedPolicies()).extracting(p -> p.policyName())
        .containsExactly("AWSElasticBeanstalkMulticontainerDocker", "AmazonEC2ContainerRegistryReadOnly");
    NoSuchEntityException badPolicy = catchThrowableOfType(NoSuchEntityException.class,
        () -> aws.iam().attachRolePolicy(r -> r.roleName("aws-elasticbeanstalk-ec2-role")
            .policyArn("arn:aws:iam::aws:policy/NoSuchPolicy")));
    assertThat(badPolicy.awsErrorDetails().errorMessage())
        .isEqualTo("Policy arn:aws:iam::aws:policy/NoSuchPolicy does not exist or is not attachable.");
    assertThat(fake.trustPolicy("aws-elasticbeanstalk-ec2-role")).contains(TRUST);
  }

  @Test
  void instanceProfilesHoldOneRole() {
    NoSuchEntityException missing = catchThrowableOfType(NoSuchEntityException.class,
        () -> aws.iam().getInstanceProfile(r -> r.instanceProfileName("p")));
    assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo("Instance Profile p cannot be found.");
    aws.iam().createInstanceProfile(r -> r.instanceProfileName("p"));
    assertThatThrownBy(() -> aws.iam().addRoleToInstanceProfile(r -> r.instanceProfileName("p").roleName("r")))
        .isInstanceOf(NoSuchEntityException.class);
    aws.iam().createRole(r -> r.roleName("r").assumeRolePolicyDocument(TRUST));
    aws.iam().addRoleToInstanceProfile(r -> r.instanceProfileName("p").roleName("r"));
    var profile = aws.iam().getInstanceProfile(r -> r.instanceProfileName("p")).instanceProfile();
    assertThat(profile.arn()).isEqualTo("arn:aws:iam::123456789012:instance-profile/p");
    assertThat(profile.roles()).extracting(Role::roleName).containsExactly("r");
    assertThatThrownBy(() -> aws.iam().addRoleToInstanceProfile(r -> r.instanceProfileName("p").roleName("r")))
        .isInstanceOf(LimitExceededException.class);
    assertThatThrownBy(() -> aws.iam().createInstanceProfile(r -> r.instanceProfileName("p")))
        .isInstanceOf(EntityAlreadyExistsException.class);
  }

  // ---- ECR -----------------------------------------------------------------------------------------------

  @Test
  void repositoriesBehaveLikeEcr() {
    RepositoryNotFoundException missing = catchThrowableOfType(RepositoryNotFoundException.class,
        () -> aws.ecr().describeRepositories(r -> r.repositoryNames("shop-web")));
    assertThat(missing.awsErrorDetails().errorCode()).isEqualTo("RepositoryNotFoundException");
    assertThat(missing.awsErrorDetails().errorMessage()).isEqualTo(
        "The repository with name 'shop-web' does not exist in the registry with id '123456789012'");

    Repository repo = aws.ecr().createRepository(r -> r.repositoryName("shop-web")
        .imageScanningConfiguration(s -> s.scanOnPush(true))).repository();
    assertThat(repo.repositoryUri()).isEqualTo("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop-web");
    assertThat(repo.imageScanningConfiguration().scanOnPush()).isTrue();
    assertThat(repo.createdAt()).isNotNull();
    assertThat(aws.ecr().describeRepositories(r -> r.repositoryNames("shop-web")).repositories())
        .extracting(Repository::repositoryName).containsExactly("shop-web");
    assertThatThrownBy(() -> aws.ecr().createRepository(r -> r.repositoryName("shop-web")))
        .isInstanceOf(RepositoryAlreadyExistsException.class);
    assertThatThrownBy(() -> aws.ecr().createRepository(r -> r.repositoryName("Shop_Web")))
        .isInstanceOf(InvalidParameterException.class);
    assertThat(fake.calls()).filteredOn(c -> c.action().equals("CreateRepository")).first()
        .satisfies(c -> {
          assertThat(c.service()).isEqualTo("ecr");
          assertThat(c.param("repositoryName")).isEqualTo("shop-web");
          assertThat(c.param("imageScanningConfiguration.scanOnPush")).isEqualTo("true");
        });
  }

  @Test
  void authorizationTokenPointsWhereConfigured() {
    var data = aws.ecr().getAuthorizationToken().authorizationData().get(0);
    assertThat(new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8))
        .isEqualTo("AWS:fake-ecr-password");
    assertThat(data.proxyEndpoint()).isEqualTo("https://123456789012.dkr.ecr.us-east-1.amazonaws.com");
    assertThat(data.expiresAt()).isAfter(Instant.now().plus(Duration.ofHours(11)));

    fake.ecrAuthorization("tester", "s3cret", URI.create("http://127.0.0.1:5000"));
    data = aws.ecr().getAuthorizationToken().authorizationData().get(0);
    assertThat(new String(Base64.getDecoder().decode(data.authorizationToken()), StandardCharsets.UTF_8))
        .isEqualTo("tester:s3cret");
    assertThat(data.proxyEndpoint()).isEqualTo("http://127.0.0.1:5000");
    assertThat(aws.ecr().createRepository(r -> r.repositoryName("shop-web")).repository().repositoryUri())
        .isEqualTo("127.0.0.1:5000/shop-web");
  }

  // ---- call log ------------------------------------------------------------------------------------------

  @Test
  void callLogRecordsServiceActionParamsAndWrites() {
    readyEnvironment("shop", "web", "v1");
    assertThat(fake.calls()).extracting(Call::service).contains("iam", "elasticbeanstalk");
    assertThat(fake.calls()).allSatisfy(c -> assertThat(c.region()).isEqualTo("us-east-1"));
    fake.clearCalls();
    aws.eb().describeEnvironments(r -> r.environmentNames("web"));
    aws.eb().describeEvents(r -> r.environmentName("web"));
    aws.sts().getCallerIdentity();
    assertThat(fake.writeCalls()).isEmpty();
    assertThat(fake.calls()).extracting(Call::action)
        .containsExactly("DescribeEnvironments", "DescribeEvents", "GetCallerIdentity");
    assertThat(fake.calls().get(0).param("EnvironmentNames.member.1")).isEqualTo("web");

    aws.eb().updateEnvironment(r -> r.environmentName("web").optionSettings(option(ENV_NS, "K", "v")));
    assertThat(fake.writeCalls()).singleElement().satisfies(c -> {
      assertThat(c.action()).isEqualTo("UpdateEnvironment");
      assertThat(c.param("OptionSettings.member.1.OptionName")).isEqualTo("K");
      assertThat(c.changedState()).isTrue();
      assertThat(c.status()).isEqualTo(200);
    });
    assertThat(fake.count("UpdateEnvironment")).isEqualTo(1);
  }

  @Test
  void concurrentCreatesOfOneRepositoryLetExactlyOneWin() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Callable<Boolean>> tasks = new ArrayList<>();
      for (int i = 0; i < 16; i++) {
        tasks.add(() -> {
          try {
            aws.ecr().createRepository(r -> r.repositoryName("race"));
            return true;
          } catch (RepositoryAlreadyExistsException e) {
            return false;
          }
        });
      }
      int wins = 0;
      for (Future<Boolean> f : pool.invokeAll(tasks)) {
        wins += f.get() ? 1 : 0;
      }
      assertThat(wins).isEqualTo(1);
      assertThat(fake.count("CreateRepository")).isEqualTo(16);
      assertThat(fake.calls()).filteredOn(Call::changedState).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  // ---- faults --------------------------------------------------------------------------------------------

  @Test
  void oneThrottleIsRetriedTransparently() {
    fake.inject("GetCallerIdentity", Fault.THROTTLE);
    assertThat(aws.sts().getCallerIdentity().account()).isEqualTo("123456789012");
    assertThat(fake.calls()).extracting(Call::status).containsExactly(400, 200);
  }

  @Test
  void persistentThrottlingIsSurfacedAfterTheSdkGivesUp() {
    fake.inject("DescribeEnvironments", Fault.THROTTLE, 10);
    ElasticBeanstalkException e = catchThrowableOfType(ElasticBeanstalkException.class,
        () -> aws.eb().describeEnvironments());
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("Throttling");
    assertThat(e.isThrottlingException()).isTrue();
    assertThat(fake.count("DescribeEnvironments")).isBetween(2, 9);
  }

  @Test
  void ecrThrottlingAndServerErrorsUseJsonCodes() {
    fake.inject("DescribeRepositories", Fault.SERVER_ERROR);
    assertThat(aws.ecr().describeRepositories().repositories()).isEmpty();
    assertThat(fake.calls()).extracting(Call::status).containsExactly(500, 200);

    fake.inject("DescribeRepositories", Fault.THROTTLE, 10);
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> aws.ecr().describeRepositories());
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("ThrottlingException");
  }

  @Test
  void serverErrorsAreRetriedThenSurfaced() {
    fake.inject("GetRole", Fault.SERVER_ERROR);
    aws.iam().createRole(r -> r.roleName("r").assumeRolePolicyDocument(TRUST));
    assertThat(aws.iam().getRole(r -> r.roleName("r")).role().roleName()).isEqualTo("r");

    fake.inject("GetRole", Fault.SERVER_ERROR, 10);
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> aws.iam().getRole(r -> r.roleName("r")));
    assertThat(e.statusCode()).isEqualTo(500);
    assertThat(e.awsErrorDetails().errorCode()).isEqualTo("InternalFailure");
  }

  @Test
  void connectionResetIsRetriedThenSurfaced() {
    fake.inject("GetCallerIdentity", Fault.CONNECTION_RESET);
    assertThat(aws.sts().getCallerIdentity().account()).isEqualTo("123456789012");
    assertThat(fake.calls()).extracting(Call::status).startsWith(0).endsWith(200);

    fake.inject("GetCallerIdentity", Fault.CONNECTION_RESET, 10);
    SdkClientException e = catchThrowableOfType(SdkClientException.class, () -> aws.sts().getCallerIdentity());
    assertThat(e).hasRootCauseInstanceOf(java.io.IOException.class);
    fake.clearFaults();
    assertThat(aws.sts().getCallerIdentity().account()).isEqualTo("123456789012");
  }

  @Test
  void slowAnswerHitsTheAttemptTimeout() {
    try (Sdk.Clients impatient = Sdk.clients(fake, o -> o.apiCallAttemptTimeout(Duration.ofSeconds(1)))) {
      fake.inject("GetCallerIdentity", Fault.slow(Duration.ofSeconds(4)), 10);
      SdkException e = catchThrowableOfType(SdkException.class, () -> impatient.sts().getCallerIdentity());
      assertThat(e).isInstanceOf(ApiCallAttemptTimeoutException.class);
      fake.clearFaults();
      fake.inject("GetCallerIdentity", Fault.slow(Duration.ofMillis(50)));
      assertThat(impatient.sts().getCallerIdentity().account()).isEqualTo("123456789012");
    }
  }

  @Test
  void faultsOnlyHitTheNamedActionOrAnyWithStar() {
    fake.inject("CreateRole", Fault.THROTTLE, 10);
    assertThat(aws.sts().getCallerIdentity().account()).isEqualTo("123456789012");
    fake.clearFaults();
    fake.inject("*", Fault.SERVER_ERROR);
    aws.sts().getCallerIdentity();
    assertThat(fake.calls()).extracting(Call::status).containsExactly(200, 500, 200);
  }

  @Test
  void s3IsNotServedByTheFake() {
    AwsServiceException e = catchThrowableOfType(AwsServiceException.class,
        () -> aws.s3().headBucket(r -> r.bucket("b")));
    assertThat(e.statusCode()).isEqualTo(501);
    assertThat(fake.sdkEnvironment()).containsKeys("AWS_ENDPOINT_URL", "AWS_REGION").doesNotContainKey(
        "AWS_ENDPOINT_URL_S3");
    fake.s3Endpoint(URI.create("http://127.0.0.1:9"));
    assertThat(fake.sdkEnvironment()).containsEntry("AWS_ENDPOINT_URL_S3", "http://127.0.0.1:9");
  }

  // ---- helpers -------------------------------------------------------------------------------------------

  private ApplicationVersionDescription describeVersion(String app, String label) {
    return aws.eb().describeApplicationVersions(r -> r.applicationName(app).versionLabels(label))
        .applicationVersions().get(0);
  }

  private void createVersion(String app, String label) {
    aws.eb().createApplicationVersion(r -> r.applicationName(app).versionLabel(label)
        .sourceBundle(s -> s.s3Bucket(fake.storageBucket()).s3Key(app + "/" + label + ".zip")));
  }

  private void profile(String name) {
    aws.iam().createInstanceProfile(r -> r.instanceProfileName(name));
  }

  private String ecsArn() {
    return "arn:aws:elasticbeanstalk:us-east-1::platform/" + ECS + "/4.10.0";
  }

  private static PlatformFilter filter(String type, String operator, String value) {
    return PlatformFilter.builder().type(type).operator(operator).values(value).build();
  }

  private static ConfigurationOptionSetting option(String namespace, String name, String value) {
    return ConfigurationOptionSetting.builder().namespace(namespace).optionName(name).value(value).build();
  }

  private CreateEnvironmentResponse createEnvironment(String app, String env, String label) {
    return aws.eb().createEnvironment(r -> r.applicationName(app).environmentName(env)
        .versionLabel(label.isEmpty() ? null : label)
        .platformArn(ecsArn())
        .optionSettings(
            option("aws:autoscaling:launchconfiguration", "IamInstanceProfile", "aws-elasticbeanstalk-ec2-role"),
            option("aws:autoscaling:launchconfiguration", "DisableIMDSv1", "true")));
  }

  /** An application with version {@code label} deployed on a Ready, Green environment. */
  private void readyEnvironment(String app, String env, String label) {
    profile("aws-elasticbeanstalk-ec2-role");
    aws.eb().createApplication(r -> r.applicationName(app));
    createVersion(app, label);
    createEnvironment(app, env, label);
    fake.tick(3);
  }

  private EnvironmentDescription describe(String env) {
    return aws.eb().describeEnvironments(r -> r.environmentNames(env)).environments().get(0);
  }

  private List<String> variables(String app, String env) {
    return aws.eb().describeConfigurationSettings(r -> r.applicationName(app).environmentName(env))
        .configurationSettings().get(0).optionSettings().stream()
        .filter(o -> o.namespace().equals(ENV_NS))
        .map(o -> o.optionName() + "=" + o.value())
        .toList();
  }
}
