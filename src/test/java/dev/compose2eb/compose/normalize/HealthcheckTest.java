package dev.compose2eb.compose.normalize;

import static dev.compose2eb.compose.normalize.Fixture.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.Healthcheck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HealthcheckTest {
  private final Fixture f = new Fixture();

  private Healthcheck check(String... lines) {
    String[] all = new String[lines.length + 2];
    all[0] = "image: a";
    all[1] = "healthcheck:";
    for (int i = 0; i < lines.length; i++) {
      all[i + 2] = "  " + lines[i];
    }
    return f.service(web(all)).healthcheck().orElseThrow();
  }

  @Test
  void stringTestRunsInTheShellAndTimingsAreDurations() {
    Healthcheck h = check("test: curl -f http://localhost || exit 1", "interval: 1m30s", "timeout: 10s",
        "retries: \"3\"", "start_period: 40s", "start_interval: 5s");
    assertThat(h).isEqualTo(new Healthcheck(List.of("CMD-SHELL", "curl -f http://localhost || exit 1"),
        Optional.of(Duration.ofSeconds(90)), Optional.of(Duration.ofSeconds(10)), Optional.of(3),
        Optional.of(Duration.ofSeconds(40)), Optional.of(Duration.ofSeconds(5)), false));
    assertThat(f.errors()).isEmpty();
  }

  @Test
  void listTestIsKept() {
    assertThat(check("test: [\"CMD\", \"pg_isready\", \"-U\", \"app\"]").test())
        .containsExactly("CMD", "pg_isready", "-U", "app");
  }

  @Test
  void disableAndNone() {
    Healthcheck disabled = check("disable: true");
    assertThat(disabled.disable()).isTrue();
    assertThat(disabled.test()).containsExactly("NONE");
    Healthcheck none = new Fixture().service(web("image: a", "healthcheck: {test: [\"NONE\"]}")).healthcheck().orElseThrow();
    assertThat(none.disable()).isTrue();
    Healthcheck yes = check("disable: \"yes\"");
    assertThat(yes.disable()).isTrue();
    assertThat(f.warnings()).containsExactly(
        "compose.yaml:5:16: warning: services.web.healthcheck.disable: \"yes\" for boolean is not supported by YAML 1.2, please use `true`");
  }

  @Test
  void timingsOnlyKeepTheImageTest() {
    Healthcheck h = check("interval: 5s");
    assertThat(h.test()).isEmpty();
    assertThat(h.disable()).isFalse();
  }

  @Test
  void listMustStartWithAKnownWord() {
    check("test: [\"curl\", \"-f\", \"http://localhost\"]", "retries: many", "intervl: 5s");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:5:13: error: services.web.healthcheck.test: a healthcheck test list must start with CMD, CMD-SHELL or NONE, found \"curl\"; e.g. [\"CMD\", \"curl\", \"-f\", \"http://localhost\"] or a string for the shell",
        "compose.yaml:6:16: error: services.web.healthcheck.retries: expected an integer, found the string \"many\"; e.g. retries: 3");
    assertThat(f.warnings()).containsExactly(
        "compose.yaml:7:7: warning: services.web.healthcheck: unknown key \"intervl\"; did you mean \"interval\"?");
  }
}
