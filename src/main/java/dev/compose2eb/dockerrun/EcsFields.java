package dev.compose2eb.dockerrun;

import java.util.List;
import java.util.Map;

/** The keys ECS and Elastic Beanstalk know at each level of the file, and an example value for each. */
final class EcsFields {
  static final List<String> TOP_LEVEL = List.of(
      "AWSEBDockerrunVersion", "volumes", "containerDefinitions", "authentication",
      "executionRoleArn");

  /** Every field of an ECS container definition (RegisterTaskDefinition), modelled or not. */
  static final List<String> CONTAINER = List.of(
      "name", "image", "essential", "memory", "memoryReservation", "cpu", "portMappings", "links",
      "dependsOn", "environment", "mountPoints", "volumesFrom", "command", "entryPoint",
      "workingDirectory", "user", "hostname", "privileged", "readonlyRootFilesystem", "interactive",
      "pseudoTerminal", "dockerLabels", "dnsServers", "dnsSearchDomains", "extraHosts", "ulimits",
      "logConfiguration", "healthCheck", "stopTimeout", "linuxParameters", "systemControls",
      "repositoryCredentials", "restartPolicy", "environmentFiles", "secrets", "startTimeout",
      "versionConsistency", "disableNetworking", "dockerSecurityOptions", "resourceRequirements",
      "firelensConfiguration", "credentialSpecs");

  static final List<String> VOLUME = List.of(
      "name", "host", "dockerVolumeConfiguration", "efsVolumeConfiguration",
      "fsxWindowsFileServerVolumeConfiguration", "configuredAtLaunch");
  static final List<String> VOLUME_HOST = List.of("sourcePath");
  static final List<String> AUTHENTICATION = List.of("bucket", "key");
  static final List<String> PORT_MAPPING = List.of(
      "containerPort", "hostPort", "protocol", "name", "appProtocol", "containerPortRange");
  static final List<String> DEPENDENCY = List.of("containerName", "condition");
  static final List<String> KEY_VALUE = List.of("name", "value");
  static final List<String> MOUNT_POINT = List.of("sourceVolume", "containerPath", "readOnly");
  static final List<String> VOLUME_FROM = List.of("sourceContainer", "readOnly");

  /** Example values for hints: {@code "memory": 128}. */
  private static final Map<String, String> EXAMPLES = Map.ofEntries(
      Map.entry("AWSEBDockerrunVersion", "2"),
      Map.entry("volumes", "[{\"name\": \"conf\", \"host\": {\"sourcePath\": \"/var/app/current/conf\"}}]"),
      Map.entry("containerDefinitions", "[{\"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 128}]"),
      Map.entry("name", "\"web\""),
      Map.entry("image", "\"nginx:1.27\""),
      Map.entry("essential", "true"),
      Map.entry("memory", "128"),
      Map.entry("memoryReservation", "128"),
      Map.entry("cpu", "256"),
      Map.entry("portMappings", "[{\"containerPort\": 80, \"hostPort\": 80}]"),
      Map.entry("containerPort", "80"),
      Map.entry("hostPort", "80"),
      Map.entry("protocol", "\"tcp\""),
      Map.entry("links", "[\"api\"]"),
      Map.entry("dependsOn", "[{\"containerName\": \"db\", \"condition\": \"START\"}]"),
      Map.entry("containerName", "\"db\""),
      Map.entry("condition", "\"START\""),
      Map.entry("environment", "[{\"name\": \"PORT\", \"value\": \"80\"}]"),
      Map.entry("value", "\"80\""),
      Map.entry("mountPoints", "[{\"sourceVolume\": \"conf\", \"containerPath\": \"/etc/nginx/conf.d\"}]"),
      Map.entry("sourceVolume", "\"conf\""),
      Map.entry("containerPath", "\"/etc/nginx/conf.d\""),
      Map.entry("readOnly", "true"),
      Map.entry("volumesFrom", "[{\"sourceContainer\": \"app\"}]"),
      Map.entry("sourceContainer", "\"app\""),
      Map.entry("sourcePath", "\"/var/app/current/conf\""),
      Map.entry("command", "[\"npm\", \"start\"]"),
      Map.entry("entryPoint", "[\"/docker-entrypoint.sh\"]"),
      Map.entry("dockerLabels", "{\"tier\": \"web\"}"),
      Map.entry("logConfiguration", "{\"logDriver\": \"awslogs\"}"),
      Map.entry("logDriver", "\"awslogs\""),
      Map.entry("healthCheck", "{\"command\": [\"CMD-SHELL\", \"curl -f http://localhost/\"]}"),
      Map.entry("bucket", "\"my-bucket\""),
      Map.entry("key", "\"docker/.dockercfg\""));

  private EcsFields() {}

  /** {@code "memory": 128}, or a placeholder of the expected kind for keys without an example. */
  static String example(String key, String expectedKind) {
    String value = EXAMPLES.get(key);
    if (value == null) {
      value = switch (expectedKind) {
        case "an integer" -> "1";
        case "a boolean" -> "true";
        case "an array" -> "[]";
        case "an array of strings" -> "[\"value\"]";
        case "an object" -> "{}";
        default -> "\"value\"";
      };
    }
    return "\"" + key + "\": " + value;
  }
}
