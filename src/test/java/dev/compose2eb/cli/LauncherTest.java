package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.nio.file.attribute.BasicFileAttributes;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script (src/main/launcher/compose2eb, copied to target/ by the build) run with bash
 * as a user would: it makes the class-data archive once, reuses it, replaces it when the jar
 * changes, survives two runs making it at once and a cache it cannot write, and runs the command
 * right in every case. The jar beside it is built here from target/classes (the tests run before
 * the package phase), with the dependencies on its manifest Class-Path. No timing is asserted.
 */
class LauncherTest {
  private static final Path SAMPLE = Path.of("samples/multi-docker/docker-compose.yml")
      .toAbsolutePath();
  @TempDir Path work;
  private Path launcher;
  private Path jar;
  private final Map<String, String> extraEnv = new HashMap<>();

  @BeforeEach
  void install() throws IOException, URISyntaxException {
    Path dir = Files.createDirectories(work.resolve("install"));
    launcher = dir.resolve("compose2eb");
    Files.copy(Path.of("src/main/launcher/compose2eb"), launcher);
    jar = dir.resolve("compose2eb.jar");
    writeJar(jar, 0);
  }

  @Test
  void makesTheArchiveOnceAndRunsCommandsWithIt() throws Exception {
    Path cache = work.resolve("cache");
    Run version = launch(cache, "--version");
    assertThat(version.code()).isZero();
    assertThat(version.out()).startsWith("compose2eb ");
    assertThat(version.err()).isEmpty();
    List<Path> made = archives(cache);
    assertThat(made).hasSize(1);
    Object madeKey = Files.readAttributes(made.get(0), BasicFileAttributes.class).fileKey();
    assertNoLeftovers(cache);

    // reused: the JVM must map it (it fails to start otherwise), and it is the same file
    extraEnv.put("COMPOSE2EB_JAVA_OPTS", made.get(0).toString().endsWith(".aot")
        ? "-XX:AOTMode=on" : "-Xshare:on");
    Run convert = launch(cache, "convert", "-f", SAMPLE.toString(), "-o", "out");
    assertThat(convert.code()).isZero();
    assertThat(convert.out()).isEqualTo("out/Dockerrun.aws.json\nout/buildspec.yml\n");
    assertThat(archives(cache)).isEqualTo(made);
    assertThat(Files.readAttributes(made.get(0), BasicFileAttributes.class).fileKey())
        .isEqualTo(madeKey);

    // the same bytes and messages as the command run in-process
    Path expected = Files.createDirectories(work.resolve("expected"));
    Cli.Result inProcess = Cli.run(work, "convert", "-f", SAMPLE.toString(), "-o", "expected");
    assertThat(convert.err()).isEqualTo(inProcess.err());
    for (String f : List.of("Dockerrun.aws.json", "buildspec.yml")) {
      assertThat(work.resolve("out").resolve(f)).hasSameBinaryContentAs(expected.resolve(f));
    }

    // a failing command keeps its exit code and message
    Run missing = launch(cache, "config", "-f", "missing.yaml");
    Cli.Result missingInProcess = Cli.run(work, "config", "-f", "missing.yaml");
    assertThat(missing.code()).isEqualTo(missingInProcess.code()).isNotZero();
    assertThat(missing.err()).isEqualTo(missingInProcess.err());
  }

  @Test
  void aChangedJarGetsANewArchiveAndTheOldOneGoes() throws Exception {
    Path cache = work.resolve("cache");
    assertThat(launch(cache, "--version").code()).isZero();
    List<Path> first = archives(cache);
    assertThat(first).hasSize(1);

    writeJar(jar, 1); // new content, new time
    Run after = launch(cache, "--version");
    assertThat(after.code()).isZero();
    assertThat(after.out()).startsWith("compose2eb ");
    List<Path> second = archives(cache);
    assertThat(second).hasSize(1).doesNotContainAnyElementsOf(first);

    // the same content with a new time: the JVM would reject the old archive, so it is replaced
    Files.setLastModifiedTime(jar, FileTime.fromMillis(Files.getLastModifiedTime(jar).toMillis()
        + 5_000));
    assertThat(launch(cache, "--version").code()).isZero();
    assertThat(archives(cache)).hasSize(1).doesNotContainAnyElementsOf(second);
  }

  @Test
  void twoRunsMakingItAtOnceBothSucceed() throws Exception {
    Path cache = work.resolve("cache");
    Started a = start(cache, "convert", "-f", SAMPLE.toString(), "-o", "a");
    Started b = start(cache, "convert", "-f", SAMPLE.toString(), "-o", "b");
    Run ra = a.finish();
    Run rb = b.finish();
    assertThat(ra.code()).isZero();
    assertThat(rb.code()).isZero();
    assertThat(ra.out()).isEqualTo("a/Dockerrun.aws.json\na/buildspec.yml\n");
    assertThat(rb.out()).isEqualTo("b/Dockerrun.aws.json\nb/buildspec.yml\n");
    assertThat(work.resolve("a/Dockerrun.aws.json"))
        .hasSameBinaryContentAs(work.resolve("b/Dockerrun.aws.json"));
    assertThat(archives(cache)).hasSize(1);
    assertNoLeftovers(cache);
  }

  @Test
  void withoutAWritableCacheOrWithTheArchiveOffItRunsPlain() throws Exception {
    Path notADirectory = Files.writeString(work.resolve("cache-file"), "x");
    Run run = launch(notADirectory, "convert", "-f", SAMPLE.toString(), "-o", "out");
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("out/Dockerrun.aws.json\nout/buildspec.yml\n");
    assertThat(Files.readString(notADirectory)).isEqualTo("x");

    Path cache = work.resolve("cache");
    extraEnv.put("COMPOSE2EB_CDS", "off");
    assertThat(launch(cache, "--version").code()).isZero();
    assertThat(cache).doesNotExist();
  }

  @Test
  void eachJvmHasItsOwnArchive() throws Exception {
    Path other = otherJdk();
    Assumptions.assumeTrue(other != null, "no second JDK 17+ installed under /usr/lib/jvm");
    Path cache = work.resolve("cache");
    assertThat(launch(cache, "--version").code()).isZero();
    List<Path> mine = archives(cache);
    extraEnv.put("JAVA_HOME", other.toString());
    Run run = launch(cache, "convert", "-f", SAMPLE.toString(), "-o", "out");
    assertThat(run.code()).isZero();
    assertThat(run.out()).isEqualTo("out/Dockerrun.aws.json\nout/buildspec.yml\n");
    assertThat(archives(cache)).hasSize(2).containsAll(mine);
  }

  /** A JDK 17 or later under /usr/lib/jvm other than the one running the tests, if any. */
  private static Path otherJdk() throws IOException {
    Path jvms = Path.of("/usr/lib/jvm");
    if (!Files.isDirectory(jvms)) {
      return null;
    }
    Path mine = Path.of(System.getProperty("java.home")).toRealPath();
    try (Stream<Path> homes = Files.list(jvms)) {
      for (Path home : homes.sorted().toList()) {
        Path release = home.resolve("release");
        if (Files.isRegularFile(release) && Files.isExecutable(home.resolve("bin/java"))
            && !home.toRealPath().equals(mine)) {
          for (String line : Files.readAllLines(release)) {
            if (line.startsWith("JAVA_VERSION=\"")) {
              String major = line.substring(14).split("[.\"]")[0];
              if (major.matches("\\d+") && Integer.parseInt(major) >= 17) {
                return home;
              }
            }
          }
        }
      }
    }
    return null;
  }

  /** target/classes as a jar (CDS archives no class from a directory), plus one entry of filler. */
  static void writeJar(Path target, int filler) throws IOException, URISyntaxException {
    Path classes = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    String classPath = Stream.of(System.getProperty("java.class.path").split(File.pathSeparator))
        .filter(p -> p.endsWith(".jar") && !p.contains("surefire"))
        .map(p -> Path.of(p).toAbsolutePath().toUri().toString())
        .collect(Collectors.joining(" "));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, classPath);
    Path tmp = Files.createTempFile(target.getParent(), "jar", ".tmp");
    try (OutputStream file = Files.newOutputStream(tmp);
        JarOutputStream out = new JarOutputStream(file, manifest);
        Stream<Path> walk = Files.walk(classes)) {
      for (Path p : (Iterable<Path>) walk.filter(Files::isRegularFile).sorted()::iterator) {
        out.putNextEntry(new JarEntry(classes.relativize(p).toString().replace('\\', '/')));
        Files.copy(p, out);
        out.closeEntry();
      }
      out.putNextEntry(new JarEntry("filler.txt"));
      out.write(("build " + filler + "\n").getBytes(StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
  }

  record Run(int code, String out, String err) {}

  /** A started launcher and the files its streams go to. */
  record Started(Process process, Path out, Path err) {
    Run finish() throws Exception {
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("launcher did not finish in 5 minutes");
      }
      return new Run(process.exitValue(), Files.readString(out), Files.readString(err));
    }
  }

  private Run launch(Path cache, String... args) throws Exception {
    return start(cache, args).finish();
  }

  private Started start(Path cache, String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of("bash", launcher.toString()));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("COMPOSE2EB_") || k.startsWith("COMPOSE_"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("XDG_CACHE_HOME", cache.toString());
    env.putAll(extraEnv);
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    pb.redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(
        ProcessBuilder.Redirect.from(new File("/dev/null")));
    return new Started(pb.start(), out, err);
  }

  private static void assertNoLeftovers(Path cache) throws IOException {
    try (Stream<Path> files = Files.list(cache.resolve("compose2eb"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".tmp") || n.endsWith(".lock"));
    }
  }

  private static List<Path> archives(Path cache) throws IOException {
    Path dir = cache.resolve("compose2eb");
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("app-")).sorted().toList();
    }
  }
}
