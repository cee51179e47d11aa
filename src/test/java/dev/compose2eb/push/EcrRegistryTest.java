package dev.compose2eb.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compose2eb.aws.AwsClients;
import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.aws.AwsSettings;
import dev.compose2eb.aws.RecordingServer;
import dev.compose2eb.aws.RecordingServer.Response;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The ECR helpers drive a real SDK client against a local JSON endpoint answering as ECR does. */
class EcrRegistryTest {
  private static final String REPO = """
      {"repositoryName":"shop-web","repositoryUri":"123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-web",
       "repositoryArn":"arn:aws:ecr:eu-west-1:123456789012:repository/shop-web"}""";

  private static <T> T withEcr(Function<RecordingServer.Request, Response> answer,
      Function<AwsClients, T> body, RecordingServer[] keep) throws Exception {
    RecordingServer server = new RecordingServer(answer);
    keep[0] = server;
    try (AwsClients aws = AwsClients.create(AwsSettings.fromEnvironment(Map.of("AWS_REGION",
        "eu-west-1", "AWS_ACCESS_KEY_ID", "AKIDTEST", "AWS_SECRET_ACCESS_KEY", "s",
        "AWS_ENDPOINT_URL_ECR", server.url())))) {
      return body.apply(aws);
    } finally {
      server.close();
    }
  }

  @Test
  void aMissingRepositoryIsCreatedMutable() throws Exception {
    RecordingServer[] server = new RecordingServer[1];
    EcrRepository repo = withEcr(r -> switch (r.operation()) {
      case "DescribeRepositories" -> Response.jsonError(400, "RepositoryNotFoundException",
          "The repository with name 'shop-web' does not exist");
      case "CreateRepository" -> Response.json("{\"repository\":" + REPO + "}");
      default -> Response.jsonError(400, "UnknownOperationException", r.operation());
    }, aws -> EcrRegistry.ensureRepository(aws.ecr(), "shop-web"), server);

    assertThat(repo).isEqualTo(new EcrRepository("shop-web",
        "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-web", true));
    assertThat(server[0].operations()).containsExactly("DescribeRepositories", "CreateRepository");
    assertThat(server[0].requests().get(1).body()).contains("\"repositoryName\":\"shop-web\"")
        .contains("\"imageTagMutability\":\"MUTABLE\"");
  }

  @Test
  void anExistingRepositoryIsOnlyDescribed() throws Exception {
    RecordingServer[] server = new RecordingServer[1];
    EcrRepository repo = withEcr(r -> Response.json("{\"repositories\":[" + REPO + "]}"),
        aws -> EcrRegistry.ensureRepository(aws.ecr(), "shop-web"), server);
    assertThat(repo.created()).isFalse();
    assertThat(server[0].operations()).containsExactly("DescribeRepositories");
  }

  @Test
  void aRepositoryCreatedMeanwhileCountsAsExisting() throws Exception {
    AtomicInteger describes = new AtomicInteger();
    RecordingServer[] server = new RecordingServer[1];
    EcrRepository repo = withEcr(r -> switch (r.operation()) {
      case "DescribeRepositories" -> describes.getAndIncrement() == 0
          ? Response.jsonError(400, "RepositoryNotFoundException", "not found")
          : Response.json("{\"repositories\":[" + REPO + "]}");
      case "CreateRepository" -> Response.jsonError(400, "RepositoryAlreadyExistsException",
          "The repository with name 'shop-web' already exists");
      default -> Response.jsonError(400, "UnknownOperationException", r.operation());
    }, aws -> EcrRegistry.ensureRepository(aws.ecr(), "shop-web"), server);
    assertThat(repo.created()).isFalse();
    assertThat(server[0].operations())
        .containsExactly("DescribeRepositories", "CreateRepository", "DescribeRepositories");
  }

  @Test
  void anInvalidNameFailsBeforeAnyCall() throws Exception {
    RecordingServer[] server = new RecordingServer[1];
    assertThatThrownBy(() -> withEcr(r -> Response.json("{}"),
        aws -> EcrRegistry.ensureRepository(aws.ecr(), "Shop_Web"), server))
        .isInstanceOf(AwsFailure.class)
        .hasMessageStartingWith("Tried to use the ECR repository name \"Shop_Web\" but failed because:");
    assertThat(server[0].requests()).isEmpty();
  }

  @Test
  void theLoginTokenIsDecodedIntoRegistryCredentials() throws Exception {
    String token = Base64.getEncoder().encodeToString("AWS:eyJwYXlsb2FkIjoi".getBytes());
    RecordingServer[] server = new RecordingServer[1];
    RegistryCredentials creds = withEcr(r -> Response.json("{\"authorizationData\":[{"
            + "\"authorizationToken\":\"" + token + "\",\"expiresAt\":1.7E9,"
            + "\"proxyEndpoint\":\"https://123456789012.dkr.ecr.eu-west-1.amazonaws.com\"}]}"),
        aws -> EcrRegistry.registryCredentials(aws.ecr()), server);
    assertThat(creds).isEqualTo(new RegistryCredentials("123456789012.dkr.ecr.eu-west-1.amazonaws.com",
        "AWS", "eyJwYXlsb2FkIjoi"));
    assertThat(server[0].operations()).containsExactly("GetAuthorizationToken");
  }

  @Test
  void aMalformedTokenIsToldWithoutShowingIt() throws Exception {
    String token = Base64.getEncoder().encodeToString("no-colon-secret".getBytes());
    RecordingServer[] server = new RecordingServer[1];
    assertThatThrownBy(() -> withEcr(r -> Response.json("{\"authorizationData\":[{"
            + "\"authorizationToken\":\"" + token + "\",\"proxyEndpoint\":\"https://r.example\"}]}"),
        aws -> EcrRegistry.registryCredentials(aws.ecr()), server))
        .isInstanceOf(AwsFailure.class)
        .hasMessageContaining("the authorization token is not \"user:password\"")
        .hasMessageNotContaining("no-colon-secret").hasMessageNotContaining(token);
  }

  @Test
  void aDeniedLoginIsToldInOneLine() throws Exception {
    RecordingServer[] server = new RecordingServer[1];
    assertThatThrownBy(() -> withEcr(r -> Response.jsonError(400, "AccessDeniedException",
            "User is not authorized to perform: ecr:GetAuthorizationToken"),
        aws -> EcrRegistry.registryCredentials(aws.ecr()), server))
        .isInstanceOf(AwsFailure.class)
        .hasMessage("Tried to get an ECR login (GetAuthorizationToken) but failed because: access was"
            + " denied (AccessDeniedException: User is not authorized to perform:"
            + " ecr:GetAuthorizationToken); grant the deploying identity this permission (see the IAM"
            + " permissions in README.md)");
  }
}
