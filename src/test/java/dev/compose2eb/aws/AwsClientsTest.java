package dev.compose2eb.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compose2eb.aws.RecordingServer.Response;
import java.net.ServerSocket;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.jetty.util.component.AbstractLifeCycle;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;

/** The clients talk to the endpoints the environment names, with its region and credentials. */
class AwsClientsTest {
  private static final String KEY_ID = "AKIDCOMPOSE2EBTEST01";
  private static final String SECRET = "test-secret-key-never-printed";

  private static final String CALLER_IDENTITY = """
      <GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
        <GetCallerIdentityResult>
          <Arn>arn:aws:iam::123456789012:user/dev</Arn>
          <UserId>AIDAEXAMPLE</UserId>
          <Account>123456789012</Account>
        </GetCallerIdentityResult>
        <ResponseMetadata><RequestId>1</RequestId></ResponseMetadata>
      </GetCallerIdentityResponse>""";

  private static Map<String, String> env(String... pairs) {
    Map<String, String> env = new HashMap<>(Map.of("AWS_ACCESS_KEY_ID", KEY_ID,
        "AWS_SECRET_ACCESS_KEY", SECRET, "AWS_REGION", "eu-west-1"));
    for (int i = 0; i < pairs.length; i += 2) {
      env.put(pairs[i], pairs[i + 1]);
    }
    return env;
  }

  @Test
  void aServiceSpecificEndpointWinsOverTheGlobalOne() throws Exception {
    try (RecordingServer global = new RecordingServer(r -> Response.json("{}"));
        RecordingServer sts = new RecordingServer(r -> Response.xml(CALLER_IDENTITY));
        AwsClients aws = AwsClients.create(AwsSettings.fromEnvironment(env(
            "AWS_ENDPOINT_URL", global.url(), "AWS_ENDPOINT_URL_STS", sts.url())))) {

      String account = aws.sts().getCallerIdentity().account();

      assertThat(account).isEqualTo("123456789012");
      assertThat(sts.operations()).containsExactly("GetCallerIdentity");
      assertThat(global.requests()).isEmpty();
      // signed with the caller's keys for the caller's region
      assertThat(sts.requests().get(0).authorization())
          .contains("Credential=" + KEY_ID + "/").contains("/eu-west-1/sts/aws4_request")
          .doesNotContain(SECRET);
    }
  }

  @Test
  void everyServiceHonoursItsOwnVariable() throws Exception {
    try (RecordingServer eb = new RecordingServer(r -> Response.xml("""
            <DescribeApplicationsResponse><DescribeApplicationsResult><Applications/>
            </DescribeApplicationsResult></DescribeApplicationsResponse>"""));
        RecordingServer iam = new RecordingServer(r -> Response.xml("""
            <ListRolesResponse><ListRolesResult><Roles/><IsTruncated>false</IsTruncated>
            </ListRolesResult></ListRolesResponse>"""));
        RecordingServer ecr = new RecordingServer(r -> Response.json("{\"repositories\":[]}"));
        AwsClients aws = AwsClients.create(AwsSettings.fromEnvironment(env(
            "AWS_ENDPOINT_URL_ELASTIC_BEANSTALK", eb.url(), "AWS_ENDPOINT_URL_IAM", iam.url(),
            "AWS_ENDPOINT_URL_ECR", ecr.url())))) {

      assertThat(aws.elasticBeanstalk().describeApplications().applications()).isEmpty();
      assertThat(aws.iam().listRoles().roles()).isEmpty();
      assertThat(aws.ecr().describeRepositories().repositories()).isEmpty();

      assertThat(eb.operations()).containsExactly("DescribeApplications");
      assertThat(iam.operations()).containsExactly("ListRoles");
      assertThat(ecr.operations()).containsExactly("DescribeRepositories");
      assertThat(aws.endpointOverride("Elastic Beanstalk")).contains(URI.create(eb.url()));
      assertThat(aws.endpointOverride("S3")).isEmpty();
    }
  }

  @Test
  void s3UsesPathStyleAgainstAnOverriddenEndpoint() throws Exception {
    Properties props = new Properties();
    BlobStoreContext context = ContextBuilder.newBuilder("transient")
        .credentials(KEY_ID, SECRET).overrides(props).build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder().blobStore(context.getBlobStore())
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY_ID, SECRET)
        .endpoint(URI.create("http://127.0.0.1:0")).build();
    proxy.start();
    try {
      while (!AbstractLifeCycle.STARTED.equals(proxy.getState())) {
        Thread.sleep(10);
      }
      // us-east-1: the transient store refuses location constraints; EB buckets exist already anyway
      try (AwsClients aws = AwsClients.create(AwsSettings.fromEnvironment(env("AWS_REGION",
          "us-east-1", "AWS_ENDPOINT_URL_S3", "http://127.0.0.1:" + proxy.getPort())))) {
        aws.s3().createBucket(b -> b.bucket("elasticbeanstalk-eu-west-1-123456789012"));
        aws.s3().putObject(p -> p.bucket("elasticbeanstalk-eu-west-1-123456789012")
            .key("app/v1.zip"), RequestBody.fromString("bundle"));

        String back = aws.s3().getObjectAsBytes(g -> g.bucket("elasticbeanstalk-eu-west-1-123456789012")
            .key("app/v1.zip")).asUtf8String();

        assertThat(back).isEqualTo("bundle");
      }
    } finally {
      proxy.stop();
      context.close();
    }
  }

  @Test
  void endpointOverridesCanBeSwitchedOffAsInTheAwsCli() {
    try (AwsClients aws = AwsClients.create(AwsSettings.fromEnvironment(env(
        "AWS_ENDPOINT_URL", "http://127.0.0.1:1", "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true")))) {
      assertThat(aws.endpointOverride("STS")).isEmpty();
    }
    assertThat(Endpoints.variableFor("Elastic Beanstalk")).isEqualTo("AWS_ENDPOINT_URL_ELASTIC_BEANSTALK");
  }

  @Test
  void aMalformedOverrideIsReportedBeforeAnyCall() {
    assertThatThrownBy(() -> AwsClients.create(AwsSettings.fromEnvironment(env(
        "AWS_ENDPOINT_URL_ECR", "localhost-without-scheme"))))
        .isInstanceOf(AwsFailure.class)
        .hasMessage("Tried to read the endpoint override AWS_ENDPOINT_URL_ECR but failed because:"
            + " \"localhost-without-scheme\" is not an http(s) URL with a host; set it to a URL such"
            + " as http://127.0.0.1:4566 or unset it");
  }

  @Test
  void theRegionComesFromTheOptionThenAwsRegionThenAwsDefaultRegion() {
    Map<String, String> both = Map.of("AWS_REGION", "eu-central-1", "AWS_DEFAULT_REGION", "us-west-2");
    try (AwsClients a = AwsClients.create(new AwsSettings(Optional.of("ap-south-1"), Optional.empty(), both));
        AwsClients b = AwsClients.create(AwsSettings.fromEnvironment(both));
        AwsClients c = AwsClients.create(AwsSettings.fromEnvironment(Map.of("AWS_DEFAULT_REGION", "us-west-2")))) {
      assertThat(a.region()).isEqualTo(Region.AP_SOUTH_1);
      assertThat(b.region()).isEqualTo(Region.EU_CENTRAL_1);
      assertThat(c.region()).isEqualTo(Region.US_WEST_2);
    }
  }

  @Test
  void serverErrorsAreRetriedThenToldInOneLine() throws Exception {
    try (RecordingServer ecr = new RecordingServer(r -> RecordingServer.Response.jsonError(500,
            "ServerException", "internal failure"));
        AwsClients aws = AwsClients.create(AwsSettings.fromEnvironment(env(
            "AWS_ENDPOINT_URL_ECR", ecr.url())))) {
      assertThatThrownBy(() -> call("list the ECR repositories", () -> aws.ecr().describeRepositories()))
          .isInstanceOf(AwsFailure.class)
          .hasMessage("Tried to list the ECR repositories but failed because: AWS answered with a"
              + " server error (HTTP 500, ServerException: internal failure) after 5 attempts; run"
              + " again later; if it persists, check https://health.aws.amazon.com");
      assertThat(ecr.requests()).hasSize(AwsClients.MAX_ATTEMPTS);
    }
  }

  @Test
  void throttlingIsRetriedThenToldInOneLine() throws Exception {
    try (RecordingServer ecr = new RecordingServer(r -> RecordingServer.Response.jsonError(400,
            "ThrottlingException", "Rate exceeded"));
        AwsClients aws = AwsClients.create(AwsSettings.fromEnvironment(env(
            "AWS_ENDPOINT_URL_ECR", ecr.url())))) {
      assertThatThrownBy(() -> call("list the ECR repositories", () -> aws.ecr().describeRepositories()))
          .isInstanceOf(AwsFailure.class)
          .hasMessage("Tried to list the ECR repositories but failed because: AWS throttled the"
              + " requests (ThrottlingException: Rate exceeded) after 5 attempts; wait a minute and"
              + " run again, or slow down other tools using this account");
      assertThat(ecr.requests()).hasSize(AwsClients.MAX_ATTEMPTS);
    }
  }

  @Test
  void anUnreachableEndpointIsToldInOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (AwsClients aws = AwsClients.create(AwsSettings.fromEnvironment(env(
        "AWS_ENDPOINT_URL", "http://127.0.0.1:" + port)))) {
      assertThatThrownBy(() -> call("read the caller identity", () -> aws.sts().getCallerIdentity()))
          .isInstanceOf(AwsFailure.class)
          .hasMessageStartingWith("Tried to read the caller identity but failed because: the AWS"
              + " endpoint could not be reached (")
          .hasMessageEndingWith("; check the network and any AWS_ENDPOINT_URL* setting");
    }
  }

  @Test
  void anUnknownProfileIsToldInOneLine() throws Exception {
    try (RecordingServer sts = new RecordingServer(r -> Response.xml(CALLER_IDENTITY));
        AwsClients aws = AwsClients.create(new AwsSettings(Optional.of("eu-west-1"),
            Optional.of("compose2eb-no-such-profile"), Map.of("AWS_ENDPOINT_URL", sts.url())))) {
      assertThatThrownBy(() -> call("read the caller identity", () -> aws.sts().getCallerIdentity()))
          .isInstanceOf(AwsFailure.class)
          .hasMessageStartingWith("Tried to read the caller identity but failed because: the AWS"
              + " profile 'compose2eb-no-such-profile' has no credentials;");
      assertThat(sts.requests()).isEmpty();
    }
  }

  private static void call(String action, Runnable r) {
    try {
      r.run();
    } catch (SdkException e) {
      throw AwsFailure.of(action, e);
    }
  }
}
