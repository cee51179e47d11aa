package dev.compose2eb.compose.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.EnvFile;
import dev.compose2eb.compose.model.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentTest {
  @TempDir Path dir;
  private final Fixture f = new Fixture();
  private final List<String> read = new ArrayList<>();

  @BeforeEach
  void files() throws IOException {
    f.projectDir = dir;
    Files.writeString(dir.resolve("a.env"), "ignored: the fake reader answers\n");
    Files.writeString(dir.resolve("b.env"), "");
    f.envFiles.put(dir.resolve("a.env"), Map.of("A", "from-a", "SHARED", "a", "OVERRIDDEN", "file", "UNSET_ME", "x"));
    f.envFiles.put(dir.resolve("b.env"), Map.of("SHARED", "b"));
    f.env.put("FROM_HOST", "host-value");
  }

  @Test
  void envFilesInOrderThenEnvironmentOnTop() {
    Service s = f.service(Fixture.web("image: a", "env_file: [a.env, ./b.env]", "environment:",
        "  OVERRIDDEN: env", "  FROM_HOST:", "  UNSET_ME:", "  MISSING:", "  FLAG: true", "  RATIO: 2.5",
        "  ONE: 1.0", "  EMPTY: \"\""));
    assertThat(f.errors()).isEmpty();
    assertThat(s.environment()).containsExactlyInAnyOrderEntriesOf(Map.of(
        "A", "from-a", "SHARED", "b", "OVERRIDDEN", "env", "FROM_HOST", "host-value", "FLAG", "true",
        "RATIO", "2.5", "ONE", "1", "EMPTY", ""));
    assertThat(s.envFiles()).extracting(EnvFile::path).containsExactly(dir.resolve("a.env"), dir.resolve("b.env"));
  }

  @Test
  void listFormWithKeyOnlyEntries() {
    Service s = f.service(Fixture.web("image: a", "environment:", "  - KEY=VAL=UE", "  - FROM_HOST", "  - NOPE",
        "  - BLANK="));
    assertThat(s.environment()).containsExactly(Map.entry("KEY", "VAL=UE"), Map.entry("FROM_HOST", "host-value"),
        Map.entry("BLANK", ""));
  }

  @Test
  void missingEnvFileIsAnErrorOnlyWhenRequired() {
    Service s = f.service(Fixture.web("image: a", "env_file:", "  - path: ./optional.env", "    required: false",
        "  - missing.env", "  - {path: a.env, format: raw}"));
    assertThat(s.environment()).containsEntry("A", "from-a");
    assertThat(s.envFiles()).extracting(EnvFile::required).containsExactly(false, true, true);
    assertThat(f.errors()).containsExactly("compose.yaml:7:9: error: services.web.env_file[1]: env file missing.env not found ("
        + dir.resolve("missing.env") + "); create it, or mark it optional: {path: missing.env, required: false}");
  }

  @Test
  void aDirectoryGivenAsEnvFileIsAnErrorSayingSo() throws java.io.IOException {
    java.nio.file.Files.createDirectories(dir.resolve("conf.env"));
    f.service(Fixture.web("image: a", "env_file: [conf.env]"));
    assertThat(f.errors()).containsExactly("compose.yaml:4:16: error: services.web.env_file[0]: env file conf.env is a directory ("
        + dir.resolve("conf.env") + "); create it, or mark it optional: {path: conf.env, required: false}");
  }

  @Test
  void singleStringEnvFileAndTypeErrors() {
    Service s = f.service(Fixture.web("image: a", "env_file: a.env", "environment: FOO=bar"));
    assertThat(s.environment()).containsEntry("A", "from-a");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:5:18: error: services.web.environment: expected a mapping or a list of KEY=VALUE, found the string \"FOO=bar\"; e.g. environment: {KEY: value}");
  }
}
