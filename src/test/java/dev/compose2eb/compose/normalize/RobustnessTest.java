package dev.compose2eb.compose.normalize;

import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Odd values in every field are diagnostics, never exceptions. */
class RobustnessTest {
  private static final List<String> VALUES = List.of(
      "\"\"", "\"\\0\"", "\":\"", "\"::::\"", "\"[\"", "\"-\"", "\"${\"", "\"~\"", "[]", "{}", "[[]]", "[{}]", "[null]",
      "null", "-1", "99999999999999999999", "1.5", "true", "\"1e400g\"", "\"a=b=c\"", "{a: [1]}", "\"0x10\"");
  private static final List<String> KEYS = List.of(
      "image", "build", "ports", "volumes", "volumes_from", "environment", "env_file", "command", "entrypoint",
      "depends_on", "links", "healthcheck", "restart", "mem_limit", "mem_reservation", "cpus", "cpu_shares",
      "deploy", "working_dir", "privileged", "extra_hosts", "dns", "ulimits", "logging", "stop_grace_period",
      "shm_size", "tmpfs", "sysctls", "expose", "labels", "profiles", "network_mode");

  @Test
  void noExceptionForAnyOddValue() {
    for (String key : KEYS) {
      for (String value : VALUES) {
        String yaml = "services:\n  web:\n    image: a\n    " + key + ": " + value + "\n"
            + "    deploy: {resources: {limits: {memory: " + value + "}}}\n"
            + "volumes:\n  v: " + value + "\nnetworks:\n  n: " + value + "\n";
        assertThatCode(() -> new Fixture().load(yaml)).as(key + ": " + value).doesNotThrowAnyException();
        String item = "services:\n  web:\n    image: a\n    " + key + ": [" + value + "]\n";
        assertThatCode(() -> new Fixture().load(item)).as(key + ": [" + value + "]").doesNotThrowAnyException();
      }
    }
  }
}
