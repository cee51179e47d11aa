package dev.compose2eb.compose.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.Build;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BuildTest {
  private final Fixture f = new Fixture();

  private Build build(String... lines) {
    return f.service(Fixture.web(lines)).build().orElseThrow();
  }

  @Test
  void stringIsTheContext() {
    Build b = build("build: ./app");
    assertThat(b.context()).isEqualTo("/proj/app");
    assertThat(b.dockerfile()).isEqualTo("Dockerfile");
    assertThat(b.args()).isEmpty();
  }

  @Test
  void longFormDefaultsAndArgs() {
    f.env.put("FROM_ENV", "e");
    Build b = build("build:", "  dockerfile: docker/Dockerfile.prod", "  args:", "    - VERSION=1.2", "    - FROM_ENV",
        "    - NOT_SET", "  target: prod", "  platforms: [linux/amd64]", "  cache_from: [app:cache]",
        "  labels: {team: web}", "  tags: [\"app:1\"]", "  network: host",
        "  additional_contexts: {lib: ../lib, base: \"docker-image://alpine:3\"}", "  ssh: [default]");
    assertThat(b.context()).isEqualTo("/proj");
    assertThat(b.dockerfile()).isEqualTo("docker/Dockerfile.prod");
    assertThat(b.args()).containsExactly(Map.entry("VERSION", "1.2"), Map.entry("FROM_ENV", "e"));
    assertThat(b.target()).contains("prod");
    assertThat(b.platforms()).containsExactly("linux/amd64");
    assertThat(b.cacheFrom()).containsExactly("app:cache");
    assertThat(b.labels()).containsEntry("team", "web");
    assertThat(b.tags()).containsExactly("app:1");
    assertThat(b.network()).contains("host");
    assertThat(b.additionalContexts()).containsExactly(Map.entry("lib", "/lib"), Map.entry("base", "docker-image://alpine:3"));
    assertThat(b.flags().ssh()).containsExactly("default");
    assertThat(f.load(Fixture.web("build: {context: ., ssh: [default]}")).services().get(0).other()).isEmpty();
    assertThat(f.errors()).isEmpty();
  }

  @Test
  void remoteContextIsKeptAndInlineDockerfileHasNoName() {
    Build b = build("build: {context: \"https://github.com/acme/app.git#main\", dockerfile_inline: \"FROM alpine\"}");
    assertThat(b.context()).isEqualTo("https://github.com/acme/app.git#main");
    assertThat(b.remoteContext()).isTrue();
    assertThat(b.dockerfile()).isEmpty();
    assertThat(b.dockerfileInline()).isEqualTo(Optional.of("FROM alpine"));
  }

  @Test
  void imageOrBuildIsRequired() {
    f.load("services:\n  web:\n    restart: always\n  worker:\n");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:2:3: error: services.web: service \"web\" has neither an image nor a build context specified; add image: (e.g. image: nginx:1.27) or build: (e.g. build: .)",
        "compose.yaml:4:3: error: services.worker: service \"worker\" has neither an image nor a build context specified; add image: (e.g. image: nginx:1.27) or build: (e.g. build: .)");
  }

  @Test
  void unknownBuildKeyAndWrongType() {
    f.service(Fixture.web("build: {contxt: ., tags: app}"));
    assertThat(f.warnings()).containsExactly(
        "compose.yaml:3:13: warning: services.web.build: unknown key \"contxt\"; did you mean \"context\"?");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:3:30: error: services.web.build.tags: expected a list, found the string \"app\"; e.g. tags: [\"app:1.0\"]");
  }
}
