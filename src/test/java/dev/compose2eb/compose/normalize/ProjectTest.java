package dev.compose2eb.compose.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.NetworkDef;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.VolumeDef;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ProjectTest {
  private final Fixture f = new Fixture();

  @Test
  void servicesInFileOrderWithTopLevelResources() {
    Project p = f.load("""
        name: ignored-here
        x-common: &c {restart: always}
        services:
          web: {image: nginx}
          api: {image: api}
          db: {image: postgres}
        volumes:
          data:
          shared: {external: true, name: team-shared}
          nfs: {driver: local, driver_opts: {type: nfs, o: "addr=10.0.0.1"}, labels: [a=b]}
          old: {external: {name: legacy}}
        networks:
          back: {driver: bridge}
          outside: {external: true}
        secrets:
          token: {file: ./token.txt}
        """);
    assertThat(p.services()).extracting(Service::name).containsExactly("web", "api", "db");
    assertThat(p.name()).isEqualTo("demo");
    assertThat(p.workingDir()).isEqualTo(Path.of("/proj"));
    assertThat(p.volumes()).containsOnlyKeys("data", "shared", "nfs", "old");
    assertThat(p.volumes().get("data")).isEqualTo(new VolumeDef("data", Optional.empty(), false, Optional.empty(),
        Map.of(), Map.of(), p.volumes().get("data").location()));
    assertThat(p.volumes().get("shared").external()).isTrue();
    assertThat(p.volumes().get("shared").externalName()).contains("team-shared");
    assertThat(p.volumes().get("nfs").driverOpts()).containsExactly(Map.entry("type", "nfs"), Map.entry("o", "addr=10.0.0.1"));
    assertThat(p.volumes().get("old").externalName()).contains("legacy");
    assertThat(p.networks().values()).extracting(NetworkDef::name, NetworkDef::external)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("back", false), org.assertj.core.groups.Tuple.tuple("outside", true));
    assertThat(p.other()).containsOnlyKeys("secrets");
    assertThat(p.extensions()).containsOnlyKeys("x-common");
    assertThat(f.errors()).isEmpty();
    assertThat(f.warnings()).containsExactly(
        "compose.yaml:11:9: warning: volumes.old.external: external.name is deprecated; set name: legacy and external: true");
  }

  @Test
  void invalidServiceNameIsAnError() {
    f.load("services:\n  \"web app\": {image: a}\n  ok: {image: b}\n");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:2:3: error: services: invalid service name \"web app\"; use letters, digits, '.', '_' and '-' only, e.g. \"web-1\"");
  }

  @Test
  void unknownServiceKeysAreErrorsWithTheNearestKnownKeyAndOtherUnknownKeysWarnings() {
    // compose's schema refuses unknown service keys ("additionalProperties": false, only ^x-
    // allowed): a typo like enviroment would otherwise drop the variables silently
    Project p = f.load("""
        servics: {}
        services:
          web:
            imgae: nginx
            image: nginx
            enviroment: {A: b}
            portz: ["80"]
            completely_made_up: 1
            x-custom: fine
        """);
    assertThat(f.warnings()).containsExactly(
        "compose.yaml:1:1: warning: unknown key \"servics\"; did you mean \"services\"?");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:4:5: error: services.web: unknown key \"imgae\"; did you mean \"image\"?",
        "compose.yaml:6:5: error: services.web: unknown key \"enviroment\"; did you mean \"environment\"?",
        "compose.yaml:7:5: error: services.web: unknown key \"portz\"; did you mean \"ports\"?",
        "compose.yaml:8:5: error: services.web: unknown key \"completely_made_up\"; compose does not know it; prefix custom keys with x-");
    assertThat(p.services().get(0).other()).isEmpty();
    assertThat(p.services().get(0).extensions()).containsOnlyKeys("x-custom");
  }

  @Test
  void suggesterOnlySuggestsCloseKeys() {
    assertThat(dev.compose2eb.diag.Suggestions.nearest("imgae", Keys.SERVICE)).contains("image");
    assertThat(dev.compose2eb.diag.Suggestions.nearest("dependson", Keys.SERVICE)).contains("depends_on");
    assertThat(dev.compose2eb.diag.Suggestions.nearest("xyz", Keys.SERVICE)).isEmpty();
    assertThat(dev.compose2eb.diag.Suggestions.nearest("banana", Keys.SERVICE)).isEmpty();
  }

  @Test
  void wrongShapesAtTheTopAreErrors() {
    f.load("services: [web]\nvolumes:\n  data: 5\n");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:3:9: error: volumes.data: expected a mapping, found the number 5; e.g. {}",
        "compose.yaml:1:11: error: services: expected a mapping, found a list; e.g. services: {web: {image: nginx}}");
  }
}
