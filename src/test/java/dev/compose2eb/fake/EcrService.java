package dev.compose2eb.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * ECR API (JSON 1.1, target prefix AmazonEC2ContainerRegistry_V20150921): repositories and authorization
 * tokens. The registry itself (blobs, manifests) is not faked: point {@link #authorization} at a real local
 * registry. Repository URIs use that registry's host, so images pushed by URI land there.
 */
final class EcrService {
  static final String TARGET_PREFIX = "AmazonEC2ContainerRegistry_V20150921.";
  private static final Pattern NAME =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

  private record Repo(String name, Instant created, String mutability, boolean scanOnPush, String encryption) {}

  private final Context ctx;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Function<JsonNode, ObjectNode>> actions = new LinkedHashMap<>();
  private final Map<String, Repo> repos = new LinkedHashMap<>();
  private String user = "AWS";
  private String password = "fake-ecr-password";
  private URI proxyEndpoint;

  EcrService(Context ctx) {
    this.ctx = ctx;
    actions.put("DescribeRepositories", this::describeRepositories);
    actions.put("CreateRepository", this::createRepository);
    actions.put("GetAuthorizationToken", this::getAuthorizationToken);
  }

  Map<String, Function<JsonNode, ObjectNode>> actions() {
    return actions;
  }

  void authorization(String user, String password, URI proxyEndpoint) {
    this.user = user;
    this.password = password;
    this.proxyEndpoint = proxyEndpoint;
  }

  /** Host (and port) of the registry: the configured proxy endpoint, else the real ECR host name. */
  String registryHost() {
    return proxyEndpoint != null
        ? proxyEndpoint.getAuthority()
        : ctx.account() + ".dkr.ecr." + ctx.region() + ".amazonaws.com";
  }

  List<String> repositories() {
    return List.copyOf(repos.keySet());
  }

  private AwsError notFound(String name) {
    return AwsError.sender("RepositoryNotFoundException", "The repository with name '" + name
        + "' does not exist in the registry with id '" + ctx.account() + "'");
  }

  private ObjectNode describeRepositories(JsonNode in) {
    ObjectNode out = json.createObjectNode();
    ArrayNode list = out.putArray("repositories");
    JsonNode names = in.path("repositoryNames");
    if (names.isArray() && !names.isEmpty()) {
      for (JsonNode n : names) {
        Repo r = repos.get(n.asText());
        if (r == null) {
          throw notFound(n.asText());
        }
        list.add(repository(r));
      }
    } else {
      repos.values().forEach(r -> list.add(repository(r)));
    }
    return out;
  }

  private ObjectNode createRepository(JsonNode in) {
    String name = in.path("repositoryName").asText("");
    if (name.length() < 2 || name.length() > 256 || !NAME.matcher(name).matches()) {
      throw AwsError.sender("InvalidParameterException", "Invalid parameter at 'repositoryName' failed to"
          + " satisfy constraint: 'must satisfy regular expression '" + NAME.pattern() + "''");
    }
    if (repos.containsKey(name)) {
      throw AwsError.sender("RepositoryAlreadyExistsException", "The repository with name '" + name
          + "' already exists in the registry with id '" + ctx.account() + "'");
    }
    Repo r = new Repo(name, ctx.now(), in.path("imageTagMutability").asText("MUTABLE"),
        in.path("imageScanningConfiguration").path("scanOnPush").asBoolean(false),
        in.path("encryptionConfiguration").path("encryptionType").asText("AES256"));
    repos.put(name, r);
    ctx.changed();
    ObjectNode out = json.createObjectNode();
    out.set("repository", repository(r));
    return out;
  }

  private ObjectNode repository(Repo r) {
    ObjectNode o = json.createObjectNode();
    o.put("repositoryArn", "arn:aws:ecr:" + ctx.region() + ":" + ctx.account() + ":repository/" + r.name());
    o.put("registryId", ctx.account());
    o.put("repositoryName", r.name());
    o.put("repositoryUri", registryHost() + "/" + r.name());
    o.put("createdAt", seconds(r.created()));
    o.put("imageTagMutability", r.mutability());
    o.putObject("imageScanningConfiguration").put("scanOnPush", r.scanOnPush());
    o.putObject("encryptionConfiguration").put("encryptionType", r.encryption());
    return o;
  }

  private ObjectNode getAuthorizationToken(JsonNode in) {
    ObjectNode out = json.createObjectNode();
    ObjectNode data = out.putArray("authorizationData").addObject();
    data.put("authorizationToken", Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
    data.put("expiresAt", seconds(ctx.now().plus(Duration.ofHours(12))));
    data.put("proxyEndpoint", proxyEndpoint != null ? proxyEndpoint.toString() : "https://" + registryHost());
    return out;
  }

  /** ECR's JSON timestamps are epoch seconds with a fraction. */
  private static double seconds(Instant t) {
    return t.toEpochMilli() / 1000.0;
  }
}
