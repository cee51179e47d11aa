package dev.compose2eb.compose.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.DependsOn.Condition;
import dev.compose2eb.compose.model.Link;
import dev.compose2eb.compose.model.Service;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DependsOnTest {
  private final Fixture f = new Fixture();

  private static String brief(DependsOn d) {
    return d.service() + ":" + d.condition().yaml() + (d.required() ? ":required" : "") + (d.restart() ? ":restart" : "");
  }

  @Test
  void listFormMeansStartedAndRequired() {
    Service s = f.service(Fixture.web("image: a", "depends_on: [db, cache]"));
    assertThat(s.dependsOn().values()).extracting(DependsOnTest::brief)
        .containsExactly("db:service_started:required", "cache:service_started:required");
  }

  @Test
  void longFormConditions() {
    Service s = f.service(Fixture.web("image: a", "depends_on:",
        "  db: {condition: service_healthy, restart: true}",
        "  migrate: {condition: service_completed_successfully, required: false}"));
    Map<String, DependsOn> d = s.dependsOn();
    assertThat(d.get("db").condition()).isEqualTo(Condition.SERVICE_HEALTHY);
    assertThat(d.get("db").restart()).isTrue();
    assertThat(d.get("migrate").required()).isFalse();
    assertThat(d.get("db").location().line()).isEqualTo(5);
    assertThat(f.errors()).isEmpty();
  }

  @Test
  void invalidAndMissingConditionsAreErrors() {
    f.service(Fixture.web("image: a", "depends_on:", "  db: {condition: healthy}", "  cache: {required: true}"));
    assertThat(f.errors()).containsExactly(
        "compose.yaml:5:23: error: services.web.depends_on.db.condition: invalid condition \"healthy\"; one of service_started, service_healthy, service_completed_successfully",
        "compose.yaml:6:14: error: services.web.depends_on.cache: a depends_on entry in long form needs a condition; e.g. cache: {condition: service_started}");
  }

  @Test
  void linksVolumesFromAndNetworkModeImplyDependencies() {
    Service s = f.service(Fixture.web("image: a", "depends_on: {db: {condition: service_healthy}}",
        "links: [db, \"cache:redis\"]", "volumes_from: [\"data:ro\", \"container:legacy\"]",
        "network_mode: service:vpn"));
    assertThat(s.links()).extracting(Link::service, Link::alias)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("db", Optional.empty()),
            org.assertj.core.groups.Tuple.tuple("cache", Optional.of("redis")));
    assertThat(s.volumesFrom()).extracting(v -> v.name() + (v.container() ? "@container" : "") + (v.readOnly() ? ":ro" : ""))
        .containsExactly("data:ro", "legacy@container");
    assertThat(s.dependsOn().values()).extracting(DependsOnTest::brief).containsExactly(
        "db:service_healthy:required", "cache:service_started:required:restart", "vpn:service_started:required:restart",
        "data:service_started:required");
    assertThat(s.other()).containsKey("network_mode");
  }

  @Test
  void badLinksAndVolumesFrom() {
    f.service(Fixture.web("image: a", "links: [\"a:b:c\"]", "volumes_from: [\"data:rx\"]"));
    assertThat(f.errors()).containsExactly(
        "compose.yaml:4:13: error: services.web.links[0]: invalid link \"a:b:c\"; expected SERVICE or SERVICE:ALIAS, e.g. \"db:database\"",
        "compose.yaml:5:20: error: services.web.volumes_from[0]: invalid volumes_from \"data:rx\"; expected SERVICE[:ro|rw] or container:NAME[:ro|rw], e.g. \"data:ro\"");
  }
}
