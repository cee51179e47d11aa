package dev.compose2eb.dockerrun;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The file as a whole: version, container count, size, volumes, authentication, unknown keys. */
final class StructureRules {
  static final int MAX_CONTAINERS = 10;
  /** ECS task definition size limit; 32 KiB is the safe reading (64 KiB is also reported). */
  static final int SIZE_WARNING_BYTES = 32 * 1024;
  static final String LOG_VOLUME_PREFIX = "awseb-logs-";

  private final Check check;
  private final JsonNode root;

  StructureRules(Check check) {
    this.check = check;
    this.root = check.doc.root();
  }

  void run() {
    version();
    containerCount();
    volumes();
    authentication();
    unknownKeys();
    size();
  }

  private void version() {
    String path = "AWSEBDockerrunVersion";
    JsonNode v = root.get(path);
    if (v == null || v.isNull()) {
      check.missing("", path,
          "required key is missing; the ECS platform reads Dockerrun version 2",
          "add \"AWSEBDockerrunVersion\": 2");
    } else if (v.isIntegralNumber() && v.asLong() == 2) {
      return;
    } else if (v.isTextual() && v.textValue().equals("2")) {
      check.warning(path, "version \"2\" is a string; EB's current documentation gives the integer 2",
          "write \"AWSEBDockerrunVersion\": 2");
    } else {
      check.error(path, "version " + shown(v) + " is not 2; the ECS platform reads Dockerrun v2 only"
              + " (v1 is single-container, v3 only carries registry auth for docker-compose.yml)",
          "write \"AWSEBDockerrunVersion\": 2");
    }
  }

  private void containerCount() {
    JsonNode list = root.get("containerDefinitions");
    if (list == null || list.isNull()) {
      check.missing("", "containerDefinitions",
          "required key is missing; a Dockerrun v2 file runs 1 to 10 containers",
          "e.g. " + EcsFields.example("containerDefinitions", "an array"));
    } else if (list.isArray() && list.isEmpty()) {
      check.error("containerDefinitions", "no containers; a Dockerrun v2 file runs 1 to 10 containers",
          "e.g. " + EcsFields.example("containerDefinitions", "an array"));
    } else if (list.isArray() && list.size() > MAX_CONTAINERS) {
      check.error("containerDefinitions", list.size() + " containers; a task holds at most "
              + MAX_CONTAINERS,
          "move services out (a database to RDS, a cache to ElastiCache) or split the application");
    }
  }

  private void volumes() {
    Map<String, String> seen = new HashMap<>();
    for (Check.Item v : Check.objects(root, "", "volumes")) {
      String namePath = v.child("name");
      if (!Check.has(v.node(), "name")) {
        check.missing(v.path(), "name", "volume has no name; mount points refer to volumes by name",
            "e.g. " + EcsFields.example("volumes", "an array"));
      }
      Check.text(v.node(), "name").ifPresent(name -> {
        if (!name.matches("[A-Za-z0-9_-]{1,255}")) {
          check.error(namePath, "invalid volume name " + JsonValues.quote(name)
                  + "; volume names use only letters, digits, '_' and '-' (1-255 characters)",
              "e.g. " + JsonValues.quote(ContainerRules.sanitize(name)));
        } else if (name.startsWith(LOG_VOLUME_PREFIX)) {
          check.error(namePath, "volume " + JsonValues.quote(name) + " must not be declared; EB"
                  + " creates awseb-logs-<container> volumes itself (host /var/log/containers/<container>)",
              "remove this volume and keep the mount point");
        }
        String first = seen.putIfAbsent(name, namePath);
        if (first != null) {
          check.error(namePath, "duplicate volume name " + JsonValues.quote(name) + " (also at "
              + first + "); volume names must be unique", "rename one, e.g. "
              + JsonValues.quote(name + "-2"));
        }
      });
      JsonNode host = v.node().get("host");
      if (host != null && host.isObject()) {
        String sourcePath = JsonDocument.child(v.child("host"), "sourcePath");
        if (!Check.has(host, "sourcePath")) {
          check.missing(v.child("host"), "sourcePath", "host has no sourcePath; a host volume needs an absolute"
              + " directory on the instance", "e.g. " + EcsFields.example("sourcePath", "a string"));
        }
        Check.text(host, "sourcePath").filter(p -> !p.startsWith("/")).ifPresent(p ->
            check.error(sourcePath, "sourcePath " + JsonValues.quote(p) + " is not absolute;"
                    + " bundle files are under /var/app/current on the instance",
                insideBundle(p)));
      }
    }
  }

  private void authentication() {
    JsonNode auth = root.get("authentication");
    if (auth == null || !auth.isObject()) {
      return;
    }
    for (String key : EcsFields.AUTHENTICATION) {
      boolean blank = Check.text(auth, key).map(String::isBlank).orElse(false);
      if (!Check.has(auth, key) || blank) {
        String at = JsonDocument.child("authentication", key);
        String message = "authentication needs a non-empty " + key
            + ": the S3 location of a .dockercfg file in the environment's region";
        String hint =
            "e.g. \"authentication\": {\"bucket\": \"my-bucket\", \"key\": \"docker/.dockercfg\"}";
        if (blank) {
          check.error(at, message, hint);
        } else {
          check.missing("authentication", key, message, hint);
        }
      }
    }
  }

  private void unknownKeys() {
    unknown(root, "", EcsFields.TOP_LEVEL, "a Dockerrun v2 top-level key");
    for (Check.Item v : Check.objects(root, "", "volumes")) {
      unknown(v.node(), v.path(), EcsFields.VOLUME, "an ECS volume field");
      JsonNode host = v.node().get("host");
      if (host != null && host.isObject()) {
        unknown(host, v.child("host"), EcsFields.VOLUME_HOST, "a host volume field");
      }
    }
    JsonNode auth = root.get("authentication");
    if (auth != null && auth.isObject()) {
      unknown(auth, "authentication", EcsFields.AUTHENTICATION, "an authentication field");
    }
    for (Check.Item c : Check.objects(root, "", "containerDefinitions")) {
      unknown(c.node(), c.path(), EcsFields.CONTAINER, "an ECS container definition field");
      nested(c, "portMappings", EcsFields.PORT_MAPPING, "a port mapping field");
      nested(c, "dependsOn", EcsFields.DEPENDENCY, "a dependsOn field");
      nested(c, "environment", EcsFields.KEY_VALUE, "an environment entry field");
      nested(c, "mountPoints", EcsFields.MOUNT_POINT, "a mount point field");
      nested(c, "volumesFrom", EcsFields.VOLUME_FROM, "a volumesFrom field");
    }
  }

  private void nested(Check.Item container, String key, List<String> known, String what) {
    for (Check.Item i : Check.objects(container.node(), container.path(), key)) {
      unknown(i.node(), i.path(), known, what);
    }
  }

  private void unknown(JsonNode object, String path, List<String> known, String what) {
    object.fieldNames().forEachRemaining(key -> {
      if (!known.contains(key)) {
        String hint = dev.compose2eb.diag.Suggestions.nearest(key, known)
            .map(s -> "did you mean " + JsonValues.quote(s) + "?")
            .orElse(known.size() <= 8 ? "known keys: " + String.join(", ", known)
                : "see the ECS container definition reference for the field names");
        check.keyWarning(JsonDocument.child(path, key),
            "unknown key " + JsonValues.quote(key) + ", not " + what, hint);
      }
    });
  }

  private void size() {
    if (check.doc.sizeBytes() > SIZE_WARNING_BYTES) {
      check.warning("", "the file is " + check.doc.sizeBytes() + " bytes, over 32 KiB; ECS limits"
              + " the task definition size (the exact limit, 32 or 64 KiB, is unconfirmed)",
          "move long values (large environments) into EB environment properties");
    }
  }

  /** The hint for a relative sourcePath: its place in the bundle, unless ".." leaves the bundle. */
  private static String insideBundle(String p) {
    String r = relative(p);
    if (java.util.Arrays.asList(r.split("/")).contains("..")) {
      return "\"..\" cannot leave the bundle: give an absolute directory on the instance, e.g."
          + " \"/var/app/current/data\" for bundle files";
    }
    return "e.g. " + JsonValues.quote("/var/app/current/" + r);
  }

  private static String relative(String p) {
    String r = p;
    while (r.startsWith("./")) {
      r = r.substring(2);
    }
    return r;
  }

  static String shown(JsonNode v) {
    return v.isTextual() ? JsonValues.quote(v.textValue()) : v.isValueNode() ? v.asText()
        : JsonValues.describe(v);
  }
}
