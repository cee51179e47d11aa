package dev.compose2eb.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Systems Manager Parameter Store (JSON 1.1, target prefix {@code AmazonSSM.}): PutParameter, GetParameter,
 * GetParameters, GetParametersByPath, DeleteParameter, with String and SecureString parameters. Errors as SSM
 * answers them: ParameterNotFound, ParameterAlreadyExists (PutParameter without Overwrite), ValidationException.
 * A SecureString read without WithDecryption returns an opaque base64 blob, never the value.
 */
final class SsmService {
  static final String TARGET_PREFIX = "AmazonSSM.";
  /** Standard tier: 4 KB values. */
  private static final int MAX_VALUE = 4096;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.\\-/]{1,1011}");

  /** One parameter with its current version (SSM keeps history; the fake keeps the latest). */
  record Parameter(String name, String type, String value, long version, Instant modified, String keyId) {}

  private final Context ctx;
  private final ObjectMapper json = new ObjectMapper();
  private final Map<String, Function<JsonNode, ObjectNode>> actions = new LinkedHashMap<>();
  private final Map<String, Parameter> parameters = new TreeMap<>();

  SsmService(Context ctx) {
    this.ctx = ctx;
    actions.put("PutParameter", this::put);
    actions.put("GetParameter", this::get);
    actions.put("GetParameters", this::getMany);
    actions.put("GetParametersByPath", this::byPath);
    actions.put("DeleteParameter", this::delete);
  }

  Map<String, Function<JsonNode, ObjectNode>> actions() {
    return actions;
  }

  Optional<Parameter> parameter(String name) {
    return Optional.ofNullable(parameters.get(name));
  }

  List<String> names() {
    return List.copyOf(parameters.keySet());
  }

  String arn(String name) {
    return "arn:aws:ssm:" + ctx.region() + ":" + ctx.account() + ":parameter"
        + (name.startsWith("/") ? name : "/" + name);
  }

  private static String name(JsonNode in, String field) {
    String name = in.path(field).asText("");
    if (!NAME.matcher(name).matches()) {
      throw AwsError.sender("ValidationException", "Parameter name: can't be prefixed with \"aws\" or"
          + " \"ssm\" (case-insensitive). It must use only letters, numbers, or the following symbols: . (period),"
          + " - (hyphen), _ (underscore). Special characters are not allowed. All sub-paths, if specified, must"
          + " use the forward slash symbol \"/\". Valid example: /get/parameters2-/by1./path0_.");
    }
    return name;
  }

  private static AwsError notFound() {
    return AwsError.sender("ParameterNotFound", "");
  }

  private ObjectNode put(JsonNode in) {
    String name = name(in, "Name");
    String value = in.path("Value").asText("");
    String type = in.path("Type").asText("String");
    boolean overwrite = in.path("Overwrite").asBoolean(false);
    if (value.isEmpty() || value.length() > MAX_VALUE) {
      throw AwsError.sender("ValidationException", "1 validation error detected: Value '******' at 'value'"
          + " failed to satisfy constraint: Member must have length between 1 and " + MAX_VALUE);
    }
    if (!List.of("String", "StringList", "SecureString").contains(type)) {
      throw AwsError.sender("ValidationException", "1 validation error detected: Value '" + type
          + "' at 'type' failed to satisfy constraint: Member must satisfy enum value set:"
          + " [SecureString, StringList, String]");
    }
    Parameter old = parameters.get(name);
    if (old != null && !overwrite) {
      throw AwsError.sender("ParameterAlreadyExists", "The parameter already exists. To overwrite this value,"
          + " set the overwrite option in the request to true.");
    }
    String keyId = type.equals("SecureString") ? in.path("KeyId").asText("alias/aws/ssm") : "";
    Parameter p = new Parameter(name, type, value, old == null ? 1 : old.version() + 1, ctx.now(), keyId);
    parameters.put(name, p);
    ctx.changed();
    ObjectNode out = json.createObjectNode();
    out.put("Version", p.version());
    out.put("Tier", "Standard");
    return out;
  }

  private ObjectNode parameterJson(Parameter p, boolean decrypt) {
    ObjectNode o = json.createObjectNode();
    o.put("Name", p.name());
    o.put("Type", p.type());
    o.put("Value", p.type().equals("SecureString") && !decrypt
        ? Base64.getEncoder().encodeToString(("ciphertext:" + p.name() + ":" + p.version())
            .getBytes(StandardCharsets.UTF_8))
        : p.value());
    o.put("Version", p.version());
    o.put("LastModifiedDate", p.modified().toEpochMilli() / 1000.0);
    o.put("ARN", arn(p.name()));
    o.put("DataType", "text");
    return o;
  }

  private ObjectNode get(JsonNode in) {
    Parameter p = parameters.get(name(in, "Name"));
    if (p == null) {
      throw notFound();
    }
    ObjectNode out = json.createObjectNode();
    out.set("Parameter", parameterJson(p, in.path("WithDecryption").asBoolean(false)));
    return out;
  }

  private ObjectNode getMany(JsonNode in) {
    JsonNode names = in.path("Names");
    if (!names.isArray() || names.isEmpty() || names.size() > 10) {
      throw AwsError.sender("ValidationException", "1 validation error detected: Value at 'names' failed to"
          + " satisfy constraint: Member must have length less than or equal to 10");
    }
    boolean decrypt = in.path("WithDecryption").asBoolean(false);
    ObjectNode out = json.createObjectNode();
    ArrayNode found = out.putArray("Parameters");
    ArrayNode invalid = out.putArray("InvalidParameters");
    for (JsonNode n : names) {
      Parameter p = parameters.get(n.asText());
      if (p == null) {
        invalid.add(n.asText());
      } else {
        found.add(parameterJson(p, decrypt));
      }
    }
    return out;
  }

  private ObjectNode byPath(JsonNode in) {
    String path = in.path("Path").asText("");
    if (!path.startsWith("/")) {
      throw AwsError.sender("ValidationException", "The parameter doesn't meet the parameter name"
          + " requirements. The parameter name must begin with a forward slash \"/\".");
    }
    String prefix = path.endsWith("/") ? path : path + "/";
    boolean recursive = in.path("Recursive").asBoolean(false);
    int max = in.path("MaxResults").asInt(10);
    if (max < 1 || max > 10) {
      throw AwsError.sender("ValidationException", "1 validation error detected: Value '" + max
          + "' at 'maxResults' failed to satisfy constraint: Member must have value less than or equal to 10");
    }
    List<Parameter> matching = new ArrayList<>();
    for (Parameter p : parameters.values()) {
      if (p.name().startsWith(prefix)
          && (recursive || p.name().indexOf('/', prefix.length()) < 0)) {
        matching.add(p);
      }
    }
    int start = in.hasNonNull("NextToken") ? Integer.parseInt(in.get("NextToken").asText()) : 0;
    boolean decrypt = in.path("WithDecryption").asBoolean(false);
    ObjectNode out = json.createObjectNode();
    ArrayNode list = out.putArray("Parameters");
    for (int i = start; i < Math.min(matching.size(), start + max); i++) {
      list.add(parameterJson(matching.get(i), decrypt));
    }
    if (start + max < matching.size()) {
      out.put("NextToken", Integer.toString(start + max));
    }
    return out;
  }

  private ObjectNode delete(JsonNode in) {
    if (parameters.remove(name(in, "Name")) == null) {
      throw notFound();
    }
    ctx.changed();
    return json.createObjectNode();
  }
}
