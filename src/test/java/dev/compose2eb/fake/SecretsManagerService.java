package dev.compose2eb.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Secrets Manager (JSON 1.1, target prefix {@code secretsmanager.}): CreateSecret, PutSecretValue,
 * GetSecretValue, DescribeSecret, DeleteSecret (immediately, as with ForceDeleteWithoutRecovery), string
 * secrets only. ARNs end in a dash and six characters, as real ones do; a secret is found by name or ARN.
 */
final class SecretsManagerService {
  static final String TARGET_PREFIX = "secretsmanager.";
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9/_+=.@-]{1,512}");

  record Secret(String name, String arn, String value, String versionId, Instant created) {}

  private final Context ctx;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Function<JsonNode, ObjectNode>> actions = new LinkedHashMap<>();
  private final Map<String, Secret> secrets = new TreeMap<>();
  private long versions;

  SecretsManagerService(Context ctx) {
    this.ctx = ctx;
    actions.put("CreateSecret", this::create);
    actions.put("PutSecretValue", this::putValue);
    actions.put("GetSecretValue", this::getValue);
    actions.put("DescribeSecret", this::describe);
    actions.put("DeleteSecret", this::delete);
  }

  Map<String, Function<JsonNode, ObjectNode>> actions() {
    return actions;
  }

  Optional<Secret> secret(String name) {
    return Optional.ofNullable(secrets.get(name));
  }

  List<String> names() {
    return List.copyOf(secrets.keySet());
  }

  private Secret find(JsonNode in) {
    String id = in.path("SecretId").asText("");
    for (Secret s : secrets.values()) {
      if (s.name().equals(id) || s.arn().equals(id)) {
        return s;
      }
    }
    throw AwsError.sender("ResourceNotFoundException", "Secrets Manager can't find the specified secret.");
  }

  private String nextVersion() {
    return String.format("00000000-0000-4000-8000-%012d", ++versions);
  }

  private ObjectNode create(JsonNode in) {
    String name = in.path("Name").asText("");
    if (!NAME.matcher(name).matches()) {
      throw AwsError.sender("ValidationException", "Invalid name. Must be a valid name containing"
          + " alphanumeric characters, or any of the following: -/_+=.@!");
    }
    if (secrets.containsKey(name)) {
      throw AwsError.sender("ResourceExistsException", "The operation failed because the secret " + name
          + " already exists.");
    }
    String value = in.path("SecretString").asText("");
    String suffix = Context.id("", secrets.size() + 1, 6, false);
    Secret s = new Secret(name, "arn:aws:secretsmanager:" + ctx.region() + ":" + ctx.account() + ":secret:"
        + name + "-" + suffix, value, nextVersion(), ctx.now());
    secrets.put(name, s);
    ctx.changed();
    return ids(s);
  }

  private ObjectNode ids(Secret s) {
    ObjectNode out = json.createObjectNode();
    out.put("ARN", s.arn());
    out.put("Name", s.name());
    out.put("VersionId", s.versionId());
    return out;
  }

  private ObjectNode putValue(JsonNode in) {
    Secret s = find(in);
    Secret next = new Secret(s.name(), s.arn(), in.path("SecretString").asText(""), nextVersion(), s.created());
    secrets.put(s.name(), next);
    ctx.changed();
    ObjectNode out = ids(next);
    out.putArray("VersionStages").add("AWSCURRENT");
    return out;
  }

  private ObjectNode getValue(JsonNode in) {
    Secret s = find(in);
    ObjectNode out = ids(s);
    out.put("SecretString", s.value());
    out.putArray("VersionStages").add("AWSCURRENT");
    out.put("CreatedDate", s.created().toEpochMilli() / 1000.0);
    return out;
  }

  private ObjectNode describe(JsonNode in) {
    Secret s = find(in);
    ObjectNode out = json.createObjectNode();
    out.put("ARN", s.arn());
    out.put("Name", s.name());
    out.put("CreatedDate", s.created().toEpochMilli() / 1000.0);
    out.putObject("VersionIdsToStages").putArray(s.versionId()).add("AWSCURRENT");
    return out;
  }

  private ObjectNode delete(JsonNode in) {
    Secret s = find(in);
    secrets.remove(s.name());
    ctx.changed();
    ObjectNode out = json.createObjectNode();
    out.put("ARN", s.arn());
    out.put("Name", s.name());
    out.put("DeletionDate", ctx.now().toEpochMilli() / 1000.0);
    return out;
  }
}
