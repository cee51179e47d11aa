package dev.compose2eb.compose.normalize;

import java.util.Set;

/** The keys the Compose Specification schema (compose-go's compose-spec.json) allows, per object. */
final class Keys {

  private Keys() {}

  static final Set<String> TOP_LEVEL = Set.of(
      "version", "name", "include", "services", "models", "networks", "volumes", "secrets", "configs");

  static final Set<String> SERVICE = Set.of(
      "develop", "deploy", "annotations", "attach", "build", "blkio_config", "cap_add", "cap_drop",
      "cgroup", "cgroup_parent", "command", "configs", "container_name", "cpu_count", "cpu_percent",
      "cpu_shares", "cpu_quota", "cpu_period", "cpu_rt_period", "cpu_rt_runtime", "cpus", "cpuset",
      "credential_spec", "depends_on", "device_cgroup_rules", "devices", "dns", "dns_opt",
      "dns_search", "domainname", "entrypoint", "env_file", "label_file", "environment", "expose",
      "extends", "provider", "external_links", "extra_hosts", "gpus", "group_add", "healthcheck",
      "hostname", "image", "init", "ipc", "isolation", "labels", "links", "logging", "mac_address",
      "mem_limit", "mem_reservation", "mem_swappiness", "memswap_limit", "network_mode", "models",
      "networks", "oom_kill_disable", "oom_score_adj", "pid", "pids_limit", "platform", "ports",
      "post_start", "pre_start", "pre_stop", "privileged", "profiles", "pull_policy",
      "pull_refresh_after", "read_only", "restart", "runtime", "scale", "security_opt", "shm_size",
      "secrets", "sysctls", "stdin_open", "stop_grace_period", "stop_signal", "storage_opt", "tmpfs",
      "tty", "ulimits", "use_api_socket", "user", "uts", "userns_mode", "volumes", "volumes_from",
      "working_dir");

  static final Set<String> BUILD = Set.of(
      "context", "dockerfile", "dockerfile_inline", "entitlements", "args", "ssh", "labels",
      "cache_from", "cache_to", "no_cache", "additional_contexts", "network", "provenance", "sbom",
      "pull", "target", "shm_size", "extra_hosts", "isolation", "privileged", "secrets", "tags",
      "ulimits", "platforms");

  static final Set<String> HEALTHCHECK = Set.of(
      "disable", "interval", "retries", "test", "timeout", "start_period", "start_interval");

  static final Set<String> DEPLOY = Set.of(
      "mode", "endpoint_mode", "replicas", "labels", "rollback_config", "update_config", "resources",
      "restart_policy", "placement");

  static final Set<String> UPDATE_CONFIG = Set.of(
      "parallelism", "delay", "failure_action", "monitor", "max_failure_ratio", "order");

  static final Set<String> RESOURCES = Set.of("limits", "reservations");
  static final Set<String> LIMITS = Set.of("cpus", "memory", "pids");
  static final Set<String> RESERVATIONS = Set.of("cpus", "memory", "generic_resources", "devices");
  static final Set<String> RESTART_POLICY = Set.of("condition", "delay", "max_attempts", "window");
  static final Set<String> PLACEMENT = Set.of("constraints", "preferences", "max_replicas_per_node");

  static final Set<String> PORT = Set.of(
      "name", "mode", "host_ip", "target", "published", "protocol", "app_protocol");

  static final Set<String> VOLUME_MOUNT = Set.of(
      "type", "source", "target", "read_only", "consistency", "bind", "volume", "tmpfs", "image");
  static final Set<String> VOLUME_BIND = Set.of("propagation", "create_host_path", "recursive", "selinux");
  static final Set<String> VOLUME_VOLUME = Set.of("labels", "nocopy", "subpath");
  static final Set<String> VOLUME_TMPFS = Set.of("size", "mode");
  static final Set<String> VOLUME_IMAGE = Set.of("subpath");

  static final Set<String> DEPENDS_ON = Set.of("restart", "required", "condition");
  static final Set<String> ENV_FILE = Set.of("path", "format", "required");
  static final Set<String> LOGGING = Set.of("driver", "options");
  static final Set<String> ULIMIT = Set.of("soft", "hard");

  static final Set<String> TOP_VOLUME = Set.of("name", "driver", "driver_opts", "external", "labels");
  static final Set<String> TOP_NETWORK = Set.of(
      "name", "driver", "driver_opts", "ipam", "external", "internal", "enable_ipv4", "enable_ipv6",
      "attachable", "labels");
  static final Set<String> EXTERNAL = Set.of("name");
  static final Set<String> SECRET = Set.of(
      "name", "environment", "file", "external", "labels", "driver", "driver_opts", "template_driver");
  static final Set<String> CONFIG = Set.of(
      "name", "content", "environment", "file", "external", "labels", "template_driver");
}
