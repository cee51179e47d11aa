package dev.compose2eb.translate;

import java.util.Map;

/** Why each compose key without a Dockerrun equivalent is dropped, and what to do instead. */
final class Unsupported {
  private Unsupported() {}

  /** Service keys: reason; hint. */
  static final Map<String, String[]> SERVICE_KEYS = Map.ofEntries(
      entry("networks", "Elastic Beanstalk runs all containers on one bridge network and connects them through links",
          "remove custom networks; the links are generated"),
      entry("network_mode", "EB's ECS platform uses bridge networking only", "remove network_mode"),
      entry("configs", "Dockerrun has no compose configs", "put the file in the project and bind-mount it"),
      entry("devices", "EB does not pass host devices to containers", "remove devices"),
      entry("pull_policy", "ECS always pulls the image when the task starts", "remove pull_policy"),
      entry("platform", "the instance type decides the platform", "choose an instance type of that architecture"),
      entry("scale", "EB runs one task per instance", "scale with the environment's Auto Scaling group"),
      entry("container_name", "ECS names containers itself",
          "links use the service name, and the container_name where another service uses it as a host name"),
      entry("expose", "nothing to emit: links carry container-to-container traffic", ""),
      entry("stop_signal", "ECS has no stop signal setting", "handle SIGTERM in the container"),
      entry("ipc", "ECS task definitions on EB do not set ipc mode", "remove ipc"),
      entry("pid", "ECS task definitions on EB do not set pid mode", "remove pid"),
      entry("cgroup_parent", "ECS has no cgroup_parent", "remove it"),
      entry("security_opt", "EB's ECS platform does not pass security options", "remove it"),
      entry("gpus", "GPU containers need an ECS GPU platform, not EB's ECS platform", "remove it"),
      entry("domainname", "ECS has no domainname", "remove it"),
      entry("mac_address", "ECS has no mac_address", "remove it"),
      entry("userns_mode", "ECS has no userns_mode", "remove it"),
      entry("runtime", "ECS uses the instance's default runtime", "remove it"),
      entry("oom_score_adj", "ECS has no oom_score_adj", "remove it"),
      entry("mem_swappiness", "ECS on EB sets no swappiness", "remove it"),
      entry("memswap_limit", "ECS on EB sets no swap limit", "remove it"),
      entry("external_links", "there are no containers outside the task to link to", "remove it"),
      entry("develop", "compose watch is a development feature", "nothing to do"),
      entry("annotations", "ECS has no annotations", "use labels"),
      entry("models", "Dockerrun has no AI models", "run the model as a container or a managed service"));

  private static Map.Entry<String, String[]> entry(String key, String why, String hint) {
    return Map.entry(key, new String[] {why, hint});
  }

  /** Top-level keys. */
  static final Map<String, String[]> TOP_LEVEL = Map.ofEntries(
      entry("networks", "EB runs all containers on one bridge network; links connect them", "remove them"),
      entry("configs", "Dockerrun has no compose configs", "bind-mount project files instead"),
      entry("models", "Dockerrun has no AI models", "run the model as a container or a managed service"));
}
