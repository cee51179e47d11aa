package dev.compose2eb.compose.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where Docker Compose accepts a file, the loader accepts it; where compose refuses, so do we. */
class ComposeRulesTest {
  @TempDir Path tmp;
  ProjectDir p;

  @BeforeEach
  void setUp() {
    p = new ProjectDir(tmp.resolve("app"));
  }

  @Test
  void aDependsOnCycleIsRefusedWithComposesWording() {
    p.file("compose.yaml", """
        services:
          c:
            image: x
            depends_on: [a]
          a:
            image: x
            depends_on: [b]
          b:
            image: x
            depends_on: [c]
        """);
    // compose-go's graph.CheckCycle: services in name order, the first cycle found from a
    assertThat(p.errors()).containsExactly("compose.yaml:4:18: error: services.c.depends_on:"
        + " dependency cycle detected: a -> b -> c -> a; remove one of these dependencies (or the"
        + " link, volumes_from or service: reference that implies it)");
  }

  @Test
  void theFirstCycleInNameOrderIsTheOneReported() {
    p.file("compose.yaml", """
        services:
          z1:
            image: x
            depends_on: [z2]
          z2:
            image: x
            depends_on: [z1]
          m:
            image: x
            depends_on: [n]
          n:
            image: x
            links: [m]
        """);
    assertThat(p.errors()).singleElement().asString()
        .contains("dependency cycle detected: m -> n -> m");
  }

  @Test
  void aLongChainWithoutACycleLoadsAndDoesNotOverflowTheStack() {
    StringBuilder yaml = new StringBuilder("services:\n");
    for (int i = 0; i < 3000; i++) {
      yaml.append("  s").append(i).append(":\n    image: x\n");
      if (i > 0) {
        yaml.append("    depends_on: [s").append(i - 1).append("]\n");
      }
    }
    p.file("compose.yaml", yaml.toString());
    assertThat(p.project().services()).hasSize(3000);
  }

  @Test
  void unknownServiceKeysAreErrorsWithTheNearestKey() {
    p.file("compose.yaml", "services:\n  web:\n    image: nginx\n    enviroment:\n      A: b\n");
    assertThat(p.errors()).containsExactly("compose.yaml:4:5: error: services.web: unknown key"
        + " \"enviroment\"; did you mean \"environment\"?");
  }

  @Test
  void aMissingBuildContextIsAnErrorAtItsLine() {
    p.file("compose.yaml", "services:\n  api:\n    build: ./api\n  web:\n    build: ./web\n")
        .file("web/Dockerfile", "FROM nginx\n").file("api", "not a directory\n");
    assertThat(p.errors()).containsExactly("compose.yaml:3:12: error: services.api.build: build"
        + " context \"./api\" is not a directory; create it, or fix the path: docker compose refuses"
        + " a build path that does not exist");
  }

  @Test
  void anImageLeftHalfWrittenByAnUnsetVariableIsAnErrorAtItsLine() {
    p.file("compose.yaml", "services:\n  api:\n    image: repo/app:${TAG}\n");
    assertThat(p.errors()).singleElement().asString().startsWith("compose.yaml:3:12: error:"
        + " services.api.image: invalid image reference \"repo/app:\"");
    p.env("TAG", "1.2");
    assertThat(p.service("api").image()).contains("repo/app:1.2");
  }

  @Test
  void validImageReferencesAreAccepted() {
    p.file("compose.yaml", """
        services:
          a: {image: nginx}
          b: {image: "localhost:5000/team/app:v1.2-rc_3"}
          c: {image: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/api@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
          d: {image: "ghcr.io/acme/app:1@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"}
          e: {image: "[::1]:5000/app"}
        """);
    assertThat(p.project().services()).hasSize(5);
  }

  @Test
  void anEmptyRestartPolicyIsComposesDefault() {
    p.file("compose.yaml", "services:\n  web:\n    image: nginx\n    restart: \"${POLICY}\"\n");
    assertThat(p.service("web").restart()).isEmpty();
  }
}
