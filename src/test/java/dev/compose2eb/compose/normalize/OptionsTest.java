package dev.compose2eb.compose.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.ContainerOptions;
import dev.compose2eb.compose.model.ContainerOptions.ExtraHost;
import dev.compose2eb.compose.model.ContainerOptions.Ulimit;
import dev.compose2eb.compose.model.Service;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OptionsTest {
  private final Fixture f = new Fixture();

  @Test
  void extraHostsInEveryForm() {
    ContainerOptions o = f.service(Fixture.web("image: a", "extra_hosts:", "  - \"db:10.0.0.5\"",
        "  - \"v6=::1\"", "  - \"both=[::2],10.0.0.6\"", "  - \"old:::3\"")).options();
    assertThat(o.extraHosts()).containsExactly(new ExtraHost("db", "10.0.0.5"), new ExtraHost("v6", "::1"),
        new ExtraHost("both", "::2"), new ExtraHost("both", "10.0.0.6"), new ExtraHost("old", "::3"));
    ContainerOptions map = new Fixture().service(Fixture.web("image: a", "extra_hosts: {db: 10.0.0.5, multi: [1.1.1.1, 2.2.2.2]}")).options();
    assertThat(map.extraHosts()).containsExactly(new ExtraHost("db", "10.0.0.5"), new ExtraHost("multi", "1.1.1.1"),
        new ExtraHost("multi", "2.2.2.2"));
  }

  @Test
  void extraHostWithoutIpIsAnError() {
    f.service(Fixture.web("image: a", "extra_hosts: [nohost]"));
    assertThat(f.errors()).containsExactly(
        "compose.yaml:4:19: error: services.web.extra_hosts[0]: invalid additional host, missing IP: \"nohost\"; expected HOST=IP or HOST:IP, e.g. \"db=10.0.0.5\"");
  }

  @Test
  void ulimitsAsNumberOrSoftHard() {
    ContainerOptions o = f.service(Fixture.web("image: a", "ulimits:", "  nproc: 65535", "  nofile: {soft: \"1024\", hard: 4096}")).options();
    assertThat(o.ulimits()).containsExactly(Map.entry("nproc", new Ulimit(65535, 65535)), Map.entry("nofile", new Ulimit(1024, 4096)));
  }

  @Test
  void ulimitErrors() {
    f.service(Fixture.web("image: a", "ulimits:", "  nofile: {soft: 10}", "  core: {soft: 9, hard: 1}"));
    assertThat(f.errors()).containsExactly(
        "compose.yaml:5:15: error: services.web.ulimits.nofile: a ulimit needs both soft and hard; e.g. nofile: {soft: 1024, hard: 4096}",
        "compose.yaml:6:13: error: services.web.ulimits.core: the soft limit 9 is greater than the hard limit 1; e.g. core: {soft: 1024, hard: 4096}");
  }

  @Test
  void scalarOptionsWithConversions() {
    Service s = f.service(Fixture.web("image: a", "privileged: \"true\"", "read_only: false", "init: \"on\"",
        "tty: True", "stdin_open: \"FALSE\"", "working_dir: /app", "user: \"1000:1000\"", "hostname: web",
        "container_name: web1", "dns: 8.8.8.8", "dns_search: [a.example]", "logging: {driver: json-file, options: {max-size: 10m, max-file: 3}}",
        "stop_grace_period: 1m", "stop_signal: SIGINT", "cap_add: [NET_ADMIN]", "cap_drop: [ALL]", "tmpfs: /run",
        "sysctls: [net.core.somaxconn=1024]", "expose: [3000, \"4000/udp\"]", "labels: [a=b, flag]",
        "restart: on-failure:3", "profiles: [debug]", "cpu_shares: \"512\"", "platform: linux/amd64", "x-eb: {tier: web}"));
    ContainerOptions o = s.options();
    assertThat(o.privileged()).contains(true);
    assertThat(o.readOnly()).contains(false);
    assertThat(o.init()).contains(true);
    assertThat(o.tty()).contains(true);
    assertThat(o.stdinOpen()).contains(false);
    assertThat(o.workingDir()).contains("/app");
    assertThat(o.user()).contains("1000:1000");
    assertThat(o.dns()).containsExactly("8.8.8.8");
    assertThat(o.logging().orElseThrow().options()).containsExactly(Map.entry("max-size", "10m"), Map.entry("max-file", "3"));
    assertThat(o.stopGracePeriod()).contains(Duration.ofMinutes(1));
    assertThat(o.tmpfs()).containsExactly("/run");
    assertThat(o.sysctls()).containsEntry("net.core.somaxconn", "1024");
    assertThat(o.expose()).containsExactly("3000", "4000/udp");
    assertThat(s.labels()).containsExactly(Map.entry("a", "b"), Map.entry("flag", ""));
    assertThat(s.restart()).contains("on-failure:3");
    assertThat(s.profiles()).containsExactly("debug");
    assertThat(s.resources().cpuShares()).contains(512L);
    assertThat(s.other()).containsOnlyKeys("platform");
    assertThat(s.extensions()).containsOnlyKeys("x-eb");
    assertThat(s.keyLocation("user").line()).isEqualTo(10);
    assertThat(f.errors()).isEmpty();
    assertThat(f.warnings()).containsExactly(
        "compose.yaml:6:11: warning: services.web.init: \"on\" for boolean is not supported by YAML 1.2, please use `true`");
  }

  @Test
  void typeErrorsNameTheValueTheRuleAndAnExample() {
    f.service(Fixture.web("image: a", "privileged: maybe", "user: 1000", "restart: sometimes", "cpu_shares: lots",
        "cpus: half"));
    assertThat(f.errors()).containsExactlyInAnyOrder(
        "compose.yaml:4:17: error: services.web.privileged: expected true or false, found the string \"maybe\"; e.g. privileged: true",
        "compose.yaml:5:11: error: services.web.user: expected a string, found the number 1000; e.g. user: \"1000:1000\"",
        "compose.yaml:6:14: error: services.web.restart: invalid restart policy \"sometimes\"; one of no, always, on-failure[:N], unless-stopped",
        "compose.yaml:7:17: error: services.web.cpu_shares: expected an integer, found the string \"lots\"; e.g. cpu_shares: 512",
        "compose.yaml:8:11: error: services.web.cpus: expected a number, found the string \"half\"; e.g. cpus: 0.5");
  }
}
