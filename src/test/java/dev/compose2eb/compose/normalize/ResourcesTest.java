package dev.compose2eb.compose.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.Deploy;
import dev.compose2eb.compose.model.Resources;
import dev.compose2eb.compose.model.Service;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResourcesTest {
  private final Fixture f = new Fixture();

  @Test
  void deployResourcesFillTheModel() {
    Service s = f.service(Fixture.web("image: a", "deploy:", "  mode: replicated", "  replicas: \"2\"",
        "  labels: {tier: web}", "  resources:", "    limits: {cpus: \"0.5\", memory: 512M, pids: 100}",
        "    reservations: {cpus: 0.25, memory: 256m}", "  restart_policy: {condition: on-failure, delay: 5s, max_attempts: 3, window: 2m}",
        "  placement: {constraints: [\"node.role==manager\"]}", "  update_config: {parallelism: 2, delay: 10s}"));
    assertThat(f.errors()).isEmpty();
    assertThat(s.resources()).isEqualTo(new Resources(Optional.of(536870912L), Optional.of(268435456L), Optional.of(0.5),
        Optional.of(0.25), Optional.empty()));
    Deploy d = s.deploy().orElseThrow();
    assertThat(d.mode()).contains("replicated");
    assertThat(d.replicas()).contains(2);
    assertThat(d.labels()).containsEntry("tier", "web");
    assertThat(d.restartPolicy().orElseThrow()).isEqualTo(new Deploy.RestartPolicy(Optional.of("on-failure"),
        Optional.of(Duration.ofSeconds(5)), Optional.of(3), Optional.of(Duration.ofMinutes(2))));
    assertThat(s.other()).containsOnlyKeys("deploy.placement", "deploy.update_config", "deploy.resources.limits.pids");
  }

  @Test
  void serviceLevelKeysAlone() {
    Service s = f.service(Fixture.web("image: a", "mem_limit: 1g", "mem_reservation: 512m", "cpus: 1.5"));
    assertThat(s.resources()).isEqualTo(new Resources(Optional.of(1073741824L), Optional.of(536870912L),
        Optional.of(1.5), Optional.empty(), Optional.empty()));
    assertThat(s.deploy()).isEmpty();
  }

  @Test
  void equalValuesInBothPlacesAreFine() {
    Service s = f.service(Fixture.web("image: a", "mem_limit: 512m", "cpus: 0.5",
        "deploy: {resources: {limits: {memory: 536870912, cpus: \"0.5\"}}}"));
    assertThat(f.errors()).isEmpty();
    assertThat(s.resources().memLimit()).contains(536870912L);
  }

  @Test
  void distinctValuesAreErrorsLikeComposeGo() {
    f.service(Fixture.web("image: a", "mem_limit: 1g", "cpus: 2", "mem_reservation: 128m", "scale: 3",
        "deploy:", "  replicas: 2", "  resources:", "    limits: {memory: 512m}", "    reservations: {cpus: 0.1}"));
    assertThat(f.errors()).containsExactly(
        "compose.yaml:4:5: error: services.web: can't set distinct values on 'mem_limit' and 'deploy.resources.limits.memory'; set it in one place only, or give both the same value",
        "compose.yaml:5:5: error: services.web: can't set distinct values on 'cpus' and 'deploy.resources.limits.cpus'; set it in one place only, or give both the same value",
        "compose.yaml:6:5: error: services.web: can't set distinct values on 'mem_reservation' and 'deploy.resources.reservations.memory'; set it in one place only, or give both the same value",
        "compose.yaml:7:5: error: services.web: can't set distinct values on 'scale' and 'deploy.replicas'; set it in one place only, or give both the same value");
  }

  @Test
  void reservationAboveTheLimitIsAnError() {
    f.service(Fixture.web("image: a", "mem_limit: 256m", "mem_reservation: 1g",
        "deploy: {resources: {limits: {cpus: \"0.5\", memory: 256m}, reservations: {cpus: \"1\", memory: 1g}}}"));
    assertThat(f.errors()).containsExactly(
        "compose.yaml:2:3: error: services.web: the memory reservation 1GiB is greater than the memory limit 256MiB; a reservation must not exceed the limit, e.g. mem_reservation: 256m with mem_limit: 512m",
        "compose.yaml:2:3: error: services.web: the cpu reservation 1 is greater than the cpu limit 0.5; a reservation must not exceed the limit, e.g. reservations.cpus: 0.25 with limits.cpus: 0.5");
  }

  @Test
  void unknownDeployKeysAreWarned() {
    f.service(Fixture.web("image: a", "deploy: {replica: 2, resources: {limits: {memroy: 1g}}}"));
    assertThat(f.warnings()).containsExactly(
        "compose.yaml:4:14: warning: services.web.deploy: unknown key \"replica\"; did you mean \"replicas\"?",
        "compose.yaml:4:47: warning: services.web.deploy.resources.limits: unknown key \"memroy\"; did you mean \"memory\"?");
  }
}
