package dev.compose2eb.cli;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.dockerrun.DockerrunValidator;
import dev.compose2eb.ebcompose.ComposeSchema;
import dev.compose2eb.ebcompose.EbComposeValidator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden cases: each case directory is a compose project plus {@code expected/} (the exact report
 * on stderr, the exit code and every file written to {@code out/}). Cases live under
 * {@code src/test/resources/golden/}; the samples under {@code samples/} are cases too, with their
 * expectations under {@code src/test/resources/golden-samples/}. Run with
 * {@code -Dgolden.update=true} to rewrite the expectations (see the README beside the cases).
 */
class GoldenTest {
  static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  static final Path CASES = BASE.resolve("src/test/resources/golden");
  static final Path SAMPLES = BASE.resolve("samples");
  static final Path SAMPLE_EXPECTATIONS = BASE.resolve("src/test/resources/golden-samples");
  static final boolean UPDATE = Boolean.getBoolean("golden.update");
  /** Cases of {@code convert --platform docker}, and the samples' expectations for it. */
  static final Path DOCKER_CASES = BASE.resolve("src/test/resources/golden-docker");
  static final Path DOCKER_SAMPLE_EXPECTATIONS = BASE.resolve("src/test/resources/golden-docker-samples");
  static final List<String> DOCKER = List.of("--platform", "docker");
  static final List<String> DOCKER_REGISTRY = List.of("--platform", "docker", "--registry",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com", "--tag", "v1");

  /** One case: the project to copy, the arguments every run of it gets, its expectations. */
  record Case(String name, Path project, Path expected, List<String> baseArgs) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    for (Path dir : subdirectories(CASES)) {
      out.add(new Case(dir.getFileName().toString(), dir, dir.resolve("expected"), List.of()));
    }
    for (Path dir : subdirectories(SAMPLES)) {
      String name = dir.getFileName().toString();
      out.add(new Case("sample " + name, dir, SAMPLE_EXPECTATIONS.resolve(name), List.of()));
    }
    for (Path dir : subdirectories(DOCKER_CASES)) {
      out.add(new Case("docker " + dir.getFileName(), dir, dir.resolve("expected"), DOCKER));
    }
    for (Path dir : subdirectories(SAMPLES)) {
      String name = dir.getFileName().toString();
      out.add(new Case("docker sample " + name, dir, DOCKER_SAMPLE_EXPECTATIONS.resolve(name),
          DOCKER_REGISTRY));
    }
    return out.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void convertsAsExpected(Case c, @TempDir Path tmp) throws IOException {
    Path project = tmp.resolve("project");
    copy(c.project(), project);
    List<String> args = new ArrayList<>(List.of("convert", "-o", "out"));
    args.addAll(c.baseArgs());
    Path argsFile = c.project().resolve("args");
    if (Files.exists(argsFile)) {
      Files.readAllLines(argsFile).stream().filter(l -> !l.isBlank()).forEach(args::add);
    }
    Cli.Result r = Cli.run(project, Map.of(), args.toArray(String[]::new));
    Path out = project.resolve("out");
    List<String> written = Files.isDirectory(out) ? list(out) : List.of();

    if (UPDATE) {
      update(c.expected(), r, out, written);
      return;
    }
    assertThat(r.err()).as("stderr of %s", c).isEqualTo(read(c.expected().resolve("stderr.txt")));
    assertThat(r.code()).as("exit code of %s", c)
        .isEqualTo(Integer.parseInt(read(c.expected().resolve("exit")).strip()));
    List<String> expectedFiles = list(c.expected()).stream()
        .filter(f -> !f.equals("stderr.txt") && !f.equals("exit")).toList();
    assertThat(written).as("files written by %s (no temp files left)", c)
        .containsExactlyElementsOf(expectedFiles);
    for (String f : expectedFiles) {
      assertThat(read(out.resolve(f))).as("%s of %s", f, c).isEqualTo(read(c.expected().resolve(f)));
    }
    if (written.contains("docker-compose.yml")) {
      loadsBack(c, project);
    }
    if (written.contains("Dockerrun.aws.json")) {
      // convert does not validate what it writes (the translator reports at the compose file's
      // positions): every Dockerrun it wrote must pass the validator
      assertThat(DockerrunValidator.validate("Dockerrun.aws.json",
          read(out.resolve("Dockerrun.aws.json"))))
          .as("validate errors of %s", c).noneMatch(Diagnostic::isError);
    }
  }

  /**
   * A generated docker-compose.yml is a compose file: the official schema accepts it, and our own
   * loader reads it without a word, from the project directory (the bundle root on EB) with the
   * .env that EB writes there.
   */
  private static void loadsBack(Case c, Path project) throws IOException {
    String text = read(project.resolve("out/docker-compose.yml"));
    assertThat(ComposeSchema.errors(text)).as("schema errors of %s", c).isEmpty();
    assertThat(EbComposeValidator.validate("docker-compose.yml", text))
        .as("validate errors of %s", c).noneMatch(Diagnostic::isError);
    Path dotEnv = project.resolve(".env");
    if (!Files.exists(dotEnv)) {
      Files.writeString(dotEnv, "");
    }
    Cli.Result back = Cli.run(project, Map.of(), "config", "-q", "-f", "out/docker-compose.yml",
        "--project-directory", ".");
    assertThat(back.err()).as("loading the docker-compose.yml of %s back", c).isEmpty();
    assertThat(back.code()).as("exit code of loading %s back", c).isZero();
  }

  private static void update(Path expected, Cli.Result r, Path out, List<String> written)
      throws IOException {
    if (Files.isDirectory(expected)) {
      for (String f : list(expected)) {
        Files.delete(expected.resolve(f));
      }
    }
    Files.createDirectories(expected);
    Files.writeString(expected.resolve("stderr.txt"), r.err(), StandardCharsets.UTF_8);
    Files.writeString(expected.resolve("exit"), r.code() + "\n", StandardCharsets.UTF_8);
    for (String f : written) {
      Files.createDirectories(expected.resolve(f).getParent());
      Files.copy(out.resolve(f), expected.resolve(f), StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private static List<Path> subdirectories(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isDirectory).sorted().toList();
    }
  }

  /** The files under {@code dir}, as relative paths ({@code .ebextensions/x.config}), sorted. */
  private static List<String> list(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      return s.filter(Files::isRegularFile).map(p -> dir.relativize(p).toString()).sorted()
          .toList();
    }
  }

  private static String read(Path p) throws IOException {
    return Files.readString(p, StandardCharsets.UTF_8);
  }

  /** Copies a project, leaving out the case's own {@code expected/} folder and {@code args}. */
  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      s.forEach(p -> {
        Path rel = from.relativize(p);
        if (rel.startsWith("expected") || rel.toString().equals("args")
            || rel.startsWith("eb-docker")) {
          return;
        }
        try {
          if (Files.isDirectory(p)) {
            Files.createDirectories(to.resolve(rel.toString()));
          } else {
            Files.copy(p, to.resolve(rel.toString()), StandardCopyOption.COPY_ATTRIBUTES);
          }
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    }
  }
}
