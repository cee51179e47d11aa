package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases for {@code compose2eb config}: each folder of {@code golden-config/} is a project
 * (or names a sample: {@code samples-<name>} reads {@code samples/<name>}), run in-process in a
 * temporary copy with an empty environment. stdout, stderr and the exit code must match
 * {@code expected/}. See {@code src/test/resources/golden-config/README.md}.
 */
class GoldenConfigTest {
  static final Path CASES = Path.of("src/test/resources/golden-config");
  static final Path SAMPLES = Path.of("samples");
  /** Files of a case folder that steer the run and are not part of the project. */
  static final Set<String> CONTROL = Set.of("expected", "args", "os-env", "README.md");
  static final boolean UPDATE = Boolean.getBoolean("golden.update");

  @TempDir Path tmp;

  static Stream<String> cases() throws IOException {
    try (Stream<Path> s = Files.list(CASES)) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void configMatchesTheGoldenFiles(String name) throws IOException {
    Path caseDir = CASES.resolve(name);
    boolean sample = name.startsWith("samples-");
    Path source = sample ? SAMPLES.resolve(name.substring("samples-".length())) : caseDir;
    // the copy keeps the folder's name, so the project name does not depend on the temp dir
    Path project = tmp.resolve(source.getFileName().toString());
    copy(source, project);

    List<String> args = new ArrayList<>(List.of("config"));
    args.addAll(lines(caseDir.resolve("args")));
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : lines(caseDir.resolve("os-env"))) {
      int eq = line.indexOf('=');
      env.put(line.substring(0, eq), line.substring(eq + 1));
    }

    Cli.Result r = Cli.run(project, env, args.toArray(String[]::new));
    String out = placeholders(r.out(), project);
    String err = placeholders(r.err(), project);
    Path expected = caseDir.resolve("expected");
    if (UPDATE) {
      Files.createDirectories(expected);
      Files.writeString(expected.resolve("config.yaml"), out);
      Files.writeString(expected.resolve("stderr.txt"), err);
      Files.writeString(expected.resolve("exit"), r.code() + "\n");
    }
    assertThat(err).as("stderr").isEqualTo(Files.readString(expected.resolve("stderr.txt")));
    assertThat(out).as("stdout").isEqualTo(Files.readString(expected.resolve("config.yaml")));
    assertThat(r.code()).as("exit code").isEqualTo(
        Integer.parseInt(Files.readString(expected.resolve("exit")).strip()));
  }

  /** The project's absolute path differs per run; the golden files say {@code ${PROJECT_DIR}}. */
  private static String placeholders(String text, Path project) {
    return text.replace(project.toAbsolutePath().normalize().toString(), "${PROJECT_DIR}");
  }

  private static List<String> lines(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank()).toList();
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      s.forEach(p -> {
        Path rel = from.relativize(p);
        if (rel.getNameCount() > 0 && CONTROL.contains(rel.getName(0).toString())) {
          return;
        }
        try {
          Path target = to.resolve(rel.toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(target);
          } else {
            Files.copy(p, target);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
