package dev.compose2eb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.compose2eb.fake.Call;
import dev.compose2eb.plan.Platform;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Deploys with a managed PostgreSQL (issue 13) against the fake: the master password is created
 * once as a SecureString where the bundle's config reads it, never rewritten, never shown.
 */
class ManagedDeployTest {
  static final String PREFIX = "/compose2eb/shop/shop-prod/";
  static final String PASSWORD_PARAMETER = PREFIX + "COMPOSE2EB_DB_MASTER_PASSWORD";
  static final String SECRETS_NS = "aws:elasticbeanstalk:application:environmentsecrets";
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;
  DeployWorld w;

  @BeforeEach
  void start() throws Exception {
    w = new DeployWorld(tmp);
    w.write("compose.yaml", """
        services:
          web:
            build: ./web
            ports: ["80:8080"]
            environment:
              DB_HOST: db
              DB_USER: app
              POSTGRES_PASSWORD: dev-only-pw-9Xq
            mem_limit: 256m
          db:
            image: postgres:16-alpine
            environment:
              POSTGRES_USER: app
              POSTGRES_PASSWORD: dev-only-pw-9Xq
              POSTGRES_DB: shop
            volumes: [pgdata:/var/lib/postgresql/data]
        volumes:
          pgdata: {}
        """);
  }

  @AfterEach
  void stop() throws Exception {
    w.close();
  }

  private static DeployRequest request() {
    return DeployWorld.request().toBuilder().managed(List.of("db")).build();
  }

  private static DeployRequest docker() {
    return request().toBuilder().platform(Platform.DOCKER).build();
  }

  private static DeployRequest dryRun() {
    return request().toBuilder().dryRun(true).build();
  }


  private List<String> writes() {
    return w.fake.writeCalls().stream().map(Call::action).toList();
  }

  private String password() {
    return w.fake.parameterValue(PASSWORD_PARAMETER).orElseThrow();
  }

  private Map<String, String> bundle(String label) throws IOException {
    byte[] zip = w.sdk.s3().getObjectAsBytes(b -> b.bucket(w.fake.storageBucket())
        .key("shop/" + label + ".zip")).asByteArray();
    Map<String, String> out = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.isDirectory()) {
          out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  @Test
  void firstDeployCreatesThePasswordOnceWhereTheBundlesConfigReadsIt() throws IOException {
    DeployOutcome out = w.deploy(request());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.fake.parameterNames()).containsExactly(PASSWORD_PARAMETER);
    assertThat(w.fake.parameterType(PASSWORD_PARAMETER)).contains("SecureString");
    // RDS: 8 to 41 characters for MySQL and MariaDB, no / " @ or space
    assertThat(password()).matches("[A-Za-z0-9]{32}");
    assertThat(writes().stream().filter(a -> a.equals("PutParameter"))).hasSize(1);
    // the password exists before the environment whose stack resolves it
    assertThat(writes()).containsSubsequence("PutParameter", "CreateEnvironment");

    Map<String, String> bundle = bundle(out.versionLabel());
    assertThat(bundle).containsKey(".ebextensions/compose2eb-managed.config");
    JsonNode config = JSON.readTree(bundle.get(".ebextensions/compose2eb-managed.config"));
    JsonNode db = config.at("/Resources/Compose2ebDbDatabase");
    assertThat(db.at("/Type").asText()).isEqualTo("AWS::RDS::DBInstance");
    assertThat(db.at("/DeletionPolicy").asText()).isEqualTo("Snapshot");
    // the ssm-secure reference names exactly the parameter the deploy wrote
    assertThat(db.at("/Properties/MasterUserPassword").asText())
        .isEqualTo("{{resolve:ssm-secure:" + w.fake.parameterNames().get(0) + "}}");
    Map<String, JsonNode> settings = new TreeMap<>();
    config.get("option_settings").forEach(s -> settings.put(s.get("option_name").asText(), s));
    assertThat(settings).containsOnlyKeys("DB_HOST", "POSTGRES_PASSWORD");
    assertThat(settings.get("DB_HOST").get("value").asText())
        .isEqualTo("`{\"Fn::GetAtt\":[\"Compose2ebDbDatabase\",\"Endpoint.Address\"]}`");
    // the app's password is the same parameter, as an environment secret: its ARN, evaluated
    JsonNode secret = settings.get("POSTGRES_PASSWORD");
    assertThat(secret.get("namespace").asText()).isEqualTo(SECRETS_NS);
    assertThat(evaluateJoin(secret.get("value").asText()))
        .isEqualTo(w.fake.parameterArn(PASSWORD_PARAMETER));

    // the containers receive environment secrets from the ECS agent: execution role and read access
    String dockerrun = bundle.get("Dockerrun.aws.json");
    assertThat(dockerrun).contains("\"executionRoleArn\": \"arn:aws:iam::123456789012:role/"
        + "compose2eb-ecs-task-execution-role\"").doesNotContain("\"name\": \"db\"")
        .doesNotContain("dev-only-pw-9Xq").doesNotContain("DB_HOST");
    assertThat(w.fake.rolePolicy("aws-elasticbeanstalk-ec2-role", "compose2eb-secrets-shop-prod"))
        .get().asString().contains("parameter/compose2eb/shop/shop-prod/*");
    assertThat(w.fake.rolePolicy("compose2eb-ecs-task-execution-role", "compose2eb-secrets-shop-prod"))
        .isPresent();
    // the environment is created with the variables compose2eb sets itself, none of the rewired ones
    assertThat(w.fake.environment("shop-prod").orElseThrow().variables())
        .doesNotContainKeys("DB_HOST", "POSTGRES_PASSWORD");

    assertThat(w.lines).contains(
        "managed create db: AWS::RDS::DBInstance Compose2ebDbDatabase, PostgreSQL 16, db.t4g.micro,"
            + " 20 GiB gp3, automated backups, a snapshot when deleted; it costs money while it"
            + " exists",
        "password create SSM parameter " + PASSWORD_PARAMETER + " (master password of db)");
    assertThat(String.join("\n", w.lines)).doesNotContain(password());
  }

  /** {@code `{"Fn::Join":["",[...]]}`} with the pseudo parameters of the fake's account. */
  private String evaluateJoin(String backticked) throws IOException {
    JsonNode f = JSON.readTree(backticked.substring(1, backticked.length() - 1));
    StringBuilder b = new StringBuilder();
    for (JsonNode part : f.get("Fn::Join").get(1)) {
      if (part.isTextual()) {
        b.append(part.asText());
      } else {
        b.append(switch (part.get("Ref").asText()) {
          case "AWS::Partition" -> "aws";
          case "AWS::Region" -> w.fake.region();
          case "AWS::AccountId" -> w.fake.account();
          default -> throw new AssertionError(part.toString());
        });
      }
    }
    return b.toString();
  }

  @Test
  void anUnchangedRedeployMakesNoWriteCallAtAll() {
    w.deploy(request());
    String password = password();
    w.fake.clearCalls();
    w.lines.clear();
    assertThat(w.deploy(request()).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).isEmpty();
    assertThat(w.lines).contains("password unchanged SSM parameter " + PASSWORD_PARAMETER
        + " (master password of db)");
    assertThat(password()).isEqualTo(password);
  }

  @Test
  void aChangedProjectRedeploysWithoutRewritingThePassword() throws IOException {
    w.deploy(request());
    String password = password();
    w.write("compose.yaml", Files.readString(w.project.resolve("compose.yaml"))
        .replace("mem_limit: 256m", "mem_limit: 300m"));
    w.fake.clearCalls();
    assertThat(w.deploy(request()).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).contains("UpdateEnvironment").doesNotContain("PutParameter");
    assertThat(password()).isEqualTo(password);
  }

  @Test
  void aParameterThatExistsIsKeptEvenOnTheFirstDeploy() {
    // made by hand, or by a deploy that stopped before the environment: it is the database's
    w.sdk.ssm().putParameter(b -> b.name(PASSWORD_PARAMETER).value("Kept-By-Hand-0123456789")
        .type("SecureString"));
    w.fake.clearCalls();
    assertThat(w.deploy(request()).status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).doesNotContain("PutParameter");
    assertThat(password()).isEqualTo("Kept-By-Hand-0123456789");
    // read without decryption: the value never came back to the deploy
    assertThat(w.fake.calls().stream().filter(c -> c.action().equals("GetParameters")))
        .allMatch(c -> !c.body().contains("\"WithDecryption\":true"));
  }

  @Test
  void dryRunListsTheResourcesTheirCostAndThePasswordAndWritesNothing() {
    DeployOutcome out = w.deploy(dryRun());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.PLANNED);
    assertThat(writes()).isEmpty();
    assertThat(w.fake.parameterNames()).isEmpty();
    assertThat(w.lines).containsSubsequence(
        "managed create db: AWS::RDS::DBInstance Compose2ebDbDatabase, PostgreSQL 16,"
            + " db.t4g.micro, 20 GiB gp3, automated backups, a snapshot when deleted; it costs"
            + " money while it exists",
        "managed create db: AWS::EC2::SecurityGroup Compose2ebDbSecurityGroup, TCP 5432 from the"
            + " environment's instances only",
        "password create SSM parameter " + PASSWORD_PARAMETER + " (master password of db)");
    // after a real deploy the dry run says the parameter exists and the resources are ensured
    w.deploy(request());
    w.lines.clear();
    w.fake.clearCalls();
    w.deploy(dryRun());
    assertThat(writes()).isEmpty();
    assertThat(w.lines).contains("password unchanged SSM parameter " + PASSWORD_PARAMETER
        + " (master password of db)");
    assertThat(w.lines).anyMatch(l -> l.startsWith("managed ensure db: AWS::RDS::DBInstance")
        && l.contains("(the environment's stack creates it unless it exists)"));
  }

  @Test
  void theEnvironmentsStackFailsWhenThePasswordParameterIsMissing() {
    // the fake resolves ssm-secure references as CloudFormation does: that is why the deploy
    // creates the parameter before the environment; without it the same version fails
    DeployOutcome first = w.deploy(request());
    assertThat(first.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    w.sdk.ssm().deleteParameter(b -> b.name(PASSWORD_PARAMETER));
    w.sdk.eb().updateEnvironment(b -> b.environmentName("shop-prod")
        .versionLabel(first.versionLabel()));
    w.fake.tick(5);
    assertThat(w.fake.eventMessages()).contains("Service:AmazonCloudFormation, Message:Parameters:"
        + " [ssm-secure:" + PASSWORD_PARAMETER + "] cannot be found.", "Failed to deploy application.");
  }

  @Test
  void theDockerPlatformCarriesTheSameConfigAndPassword() throws IOException {
    DeployOutcome out = w.deploy(docker());
    assertThat(out.status()).isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(w.fake.parameterNames()).containsExactly(PASSWORD_PARAMETER);
    Map<String, String> bundle = bundle(out.versionLabel());
    assertThat(bundle.get(".ebextensions/compose2eb-managed.config"))
        .contains("{{resolve:ssm-secure:" + PASSWORD_PARAMETER + "}}");
    assertThat(bundle.get("docker-compose.yml")).doesNotContain("postgres:16")
        .doesNotContain("dev-only-pw-9Xq");
    // no ECS agent: the instances read the secret, no task execution role
    assertThat(w.fake.rolePolicy("aws-elasticbeanstalk-ec2-role", "compose2eb-secrets-shop-prod"))
        .isPresent();
    assertThat(String.join("\n", w.lines)).doesNotContain(password());
    w.fake.clearCalls();
    assertThat(w.deploy(docker()).status())
        .isEqualTo(DeployOutcome.Status.HEALTHY);
    assertThat(writes()).isEmpty();
  }

}
