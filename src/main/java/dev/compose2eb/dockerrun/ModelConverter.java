package dev.compose2eb.dockerrun;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compose2eb.diag.Diagnostics;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Turns a positioned JSON tree into the model. Reports only values of the wrong JSON type; missing
 * or out-of-range values are the validator's business, so here they take neutral defaults.
 */
final class ModelConverter {
  private final JsonDocument doc;
  private final Diagnostics out;

  ModelConverter(JsonDocument doc, Diagnostics out) {
    this.doc = doc;
    this.out = out;
  }

  Dockerrun convert() {
    JsonNode root = doc.root();
    if (!root.isObject()) {
      wrongType("", "", "an object", root);
      return new Dockerrun(List.of(), List.of());
    }
    List<Volume> volumes = objects(root, "", "volumes", this::volume);
    List<ContainerDefinition> containers =
        objects(root, "", "containerDefinitions", this::container);
    Optional<Authentication> auth = object(root, "", "authentication").map(a -> {
      String path = JsonDocument.child("", "authentication");
      return new Authentication(string(a, path, "bucket").orElse(""),
          string(a, path, "key").orElse(""));
    });
    Optional<String> role = string(root, "", "executionRoleArn");
    return new Dockerrun(volumes, containers, auth, role);
  }

  private Volume volume(JsonNode v, String path) {
    Optional<VolumeHost> host = object(v, path, "host").map(h ->
        new VolumeHost(string(h, JsonDocument.child(path, "host"), "sourcePath").orElse("")));
    return new Volume(string(v, path, "name").orElse(""), host);
  }

  private ContainerDefinition container(JsonNode c, String path) {
    ContainerDefinition.Builder b = ContainerDefinition.builder(
        string(c, path, "name").orElse(""), string(c, path, "image").orElse(""));
    bool(c, path, "essential").ifPresent(b::essential);
    integer(c, path, "memory").ifPresent(b::memory);
    integer(c, path, "memoryReservation").ifPresent(b::memoryReservation);
    integer(c, path, "cpu").ifPresent(b::cpu);
    b.portMappings(objects(c, path, "portMappings", (p, at) -> new PortMapping(
        integer(p, at, "containerPort").orElse(0), integer(p, at, "hostPort"),
        string(p, at, "protocol").orElse("tcp"))));
    stringList(c, path, "links").ifPresent(b::links);
    b.dependsOn(objects(c, path, "dependsOn", (d, at) -> new ContainerDependency(
        string(d, at, "containerName").orElse(""), string(d, at, "condition").orElse(""))));
    b.environment(objects(c, path, "environment", (e, at) -> new KeyValue(
        string(e, at, "name").orElse(""), string(e, at, "value").orElse(""))));
    b.mountPoints(objects(c, path, "mountPoints", (m, at) -> new MountPoint(
        string(m, at, "sourceVolume").orElse(""), string(m, at, "containerPath").orElse(""),
        bool(m, at, "readOnly").orElse(false))));
    b.volumesFrom(objects(c, path, "volumesFrom", (v, at) -> new VolumeFrom(
        string(v, at, "sourceContainer").orElse(""), bool(v, at, "readOnly").orElse(false))));
    stringList(c, path, "command").ifPresent(b::command);
    stringList(c, path, "entryPoint").ifPresent(b::entryPoint);
    string(c, path, "workingDirectory").ifPresent(b::workingDirectory);
    string(c, path, "user").ifPresent(b::user);
    string(c, path, "hostname").ifPresent(b::hostname);
    bool(c, path, "privileged").ifPresent(b::privileged);
    bool(c, path, "readonlyRootFilesystem").ifPresent(b::readonlyRootFilesystem);
    bool(c, path, "interactive").ifPresent(b::interactive);
    bool(c, path, "pseudoTerminal").ifPresent(b::pseudoTerminal);
    b.dockerLabels(stringMap(c, path, "dockerLabels"));
    stringList(c, path, "dnsServers").ifPresent(b::dnsServers);
    stringList(c, path, "dnsSearchDomains").ifPresent(b::dnsSearchDomains);
    b.extraHosts(objects(c, path, "extraHosts", (h, at) -> new HostEntry(
        string(h, at, "hostname").orElse(""), string(h, at, "ipAddress").orElse(""))));
    b.ulimits(objects(c, path, "ulimits", (u, at) -> new Ulimit(string(u, at, "name").orElse(""),
        integer(u, at, "softLimit").orElse(0), integer(u, at, "hardLimit").orElse(0))));
    object(c, path, "logConfiguration").ifPresent(l -> {
      String at = JsonDocument.child(path, "logConfiguration");
      b.logConfiguration(new LogConfiguration(string(l, at, "logDriver").orElse(""),
          stringMap(l, at, "options")));
    });
    object(c, path, "healthCheck").ifPresent(h -> {
      String at = JsonDocument.child(path, "healthCheck");
      b.healthCheck(new HealthCheck(stringList(h, at, "command").orElse(List.of()),
          integer(h, at, "interval"), integer(h, at, "timeout"), integer(h, at, "retries"),
          integer(h, at, "startPeriod")));
    });
    integer(c, path, "stopTimeout").ifPresent(b::stopTimeout);
    object(c, path, "linuxParameters").ifPresent(lp ->
        b.linuxParameters(linuxParameters(lp, JsonDocument.child(path, "linuxParameters"))));
    b.systemControls(objects(c, path, "systemControls", (s, at) -> new SystemControl(
        string(s, at, "namespace").orElse(""), string(s, at, "value").orElse(""))));
    return b.build();
  }

  private LinuxParameters linuxParameters(JsonNode lp, String path) {
    Optional<JsonNode> caps = object(lp, path, "capabilities");
    String capsPath = JsonDocument.child(path, "capabilities");
    List<String> add = caps.flatMap(c -> stringList(c, capsPath, "add")).orElse(List.of());
    List<String> drop = caps.flatMap(c -> stringList(c, capsPath, "drop")).orElse(List.of());
    List<Tmpfs> tmpfs = objects(lp, path, "tmpfs", (t, at) -> new Tmpfs(
        string(t, at, "containerPath").orElse(""), integer(t, at, "size").orElse(0),
        stringList(t, at, "mountOptions").orElse(List.of())));
    return new LinuxParameters(add, drop, bool(lp, path, "initProcessEnabled"),
        integer(lp, path, "sharedMemorySize"), tmpfs);
  }

  /** The member, or empty when absent or null (ECS treats an explicit null as "not set"). */
  private static Optional<JsonNode> member(JsonNode parent, String key) {
    JsonNode v = parent.get(key);
    return v == null || v.isNull() ? Optional.empty() : Optional.of(v);
  }

  private Optional<String> string(JsonNode parent, String path, String key) {
    return member(parent, key).flatMap(v -> {
      if (v.isTextual()) {
        return Optional.of(v.textValue());
      }
      wrongType(JsonDocument.child(path, key), key, "a string", v);
      return Optional.empty();
    });
  }

  private Optional<Integer> integer(JsonNode parent, String path, String key) {
    return member(parent, key).flatMap(v -> {
      if (v.isIntegralNumber() && v.canConvertToInt()) {
        return Optional.of(v.intValue());
      }
      wrongType(JsonDocument.child(path, key), key, "an integer", v);
      return Optional.empty();
    });
  }

  private Optional<Boolean> bool(JsonNode parent, String path, String key) {
    return member(parent, key).flatMap(v -> {
      if (v.isBoolean()) {
        return Optional.of(v.booleanValue());
      }
      wrongType(JsonDocument.child(path, key), key, "a boolean", v);
      return Optional.empty();
    });
  }

  private Optional<JsonNode> object(JsonNode parent, String path, String key) {
    return member(parent, key).flatMap(v -> {
      if (v.isObject()) {
        return Optional.of(v);
      }
      wrongType(JsonDocument.child(path, key), key, "an object", v);
      return Optional.empty();
    });
  }

  private Optional<List<String>> stringList(JsonNode parent, String path, String key) {
    return member(parent, key).flatMap(v -> {
      String at = JsonDocument.child(path, key);
      if (!v.isArray()) {
        wrongType(at, key, "an array of strings", v);
        return Optional.empty();
      }
      List<String> items = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        JsonNode item = v.get(i);
        if (item.isTextual()) {
          items.add(item.textValue());
        } else {
          wrongType(JsonDocument.item(at, i), key, "a string", item);
        }
      }
      return Optional.of(items);
    });
  }

  private Map<String, String> stringMap(JsonNode parent, String path, String key) {
    Map<String, String> map = new LinkedHashMap<>();
    object(parent, path, key).ifPresent(o -> {
      String at = JsonDocument.child(path, key);
      o.fields().forEachRemaining(e -> {
        if (e.getValue().isTextual()) {
          map.put(e.getKey(), e.getValue().textValue());
        } else {
          wrongType(JsonDocument.child(at, e.getKey()), e.getKey(), "a string", e.getValue());
        }
      });
    });
    return map;
  }

  private <T> List<T> objects(JsonNode parent, String path, String key,
      BiFunction<JsonNode, String, T> convert) {
    Optional<JsonNode> array = member(parent, key);
    if (array.isEmpty()) {
      return List.of();
    }
    String at = JsonDocument.child(path, key);
    if (!array.get().isArray()) {
      wrongType(at, key, "an array", array.get());
      return List.of();
    }
    List<T> items = new ArrayList<>();
    for (int i = 0; i < array.get().size(); i++) {
      JsonNode item = array.get().get(i);
      String itemPath = JsonDocument.item(at, i);
      if (item.isObject()) {
        items.add(convert.apply(item, itemPath));
      } else {
        wrongType(itemPath, key, "an object", item);
      }
    }
    return items;
  }

  private void wrongType(String path, String key, String expected, JsonNode actual) {
    String hint = key.isEmpty() ? "e.g. {\"AWSEBDockerrunVersion\": 2, \"containerDefinitions\": []}"
        : expected.equals("an object") && !actual.isObject() && path.endsWith("]")
            ? "write each item as a JSON object, e.g. " + itemExample(key)
            : "e.g. " + EcsFields.example(key, expected);
    out.error(doc.valueAt(path), path,
        "expected " + expected + ", got " + JsonValues.describe(actual), hint);
  }

  private static String itemExample(String key) {
    String full = EcsFields.example(key, "an array");
    int open = full.indexOf('[');
    return open >= 0 && full.endsWith("]") ? full.substring(open + 1, full.length() - 1) : "{}";
  }
}
