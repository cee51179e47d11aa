package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Non-ASCII paths under {@code LC_ALL=C} with no {@code LANG} (issue 11, item 6): the launcher
 * script and {@code java -jar} both convert a project under {@code café/プロジェクト}, given by
 * argument or as the working directory. Everything non-ASCII goes through {@code /bin/sh} as octal
 * escapes and is checked as bytes, so that the test does not depend on this JVM's own locale.
 */
class PosixLocaleTest {
  /** café/プロジェクト as UTF-8 bytes, in printf's octal escapes. */
  private static final String DIR_OCTAL = "caf\\303\\251/\\343\\203\\227\\343\\203\\255\\343\\202"
      + "\\270\\343\\202\\247\\343\\202\\257\\343\\203\\210";
  private static final String DIR = "caf\u00e9/\u30d7\u30ed\u30b8\u30a7\u30af\u30c8";
  private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

  @TempDir Path work;
  private Path launcher;
  private Path jar;

  @BeforeEach
  void install() throws Exception {
    Path dir = Files.createDirectories(work.resolve("install"));
    launcher = dir.resolve("compose2eb");
    Files.copy(Path.of("src/main/launcher/compose2eb"), launcher);
    jar = dir.resolve("compose2eb.jar");
    LauncherTest.writeJar(jar, 0);
    Run made = sh("D=$(printf '" + DIR_OCTAL + "') && mkdir -p \"$D\" && printf 'services:\\n"
        + "  web:\\n    image: nginx\\n    ports: [\"80:80\"]\\n' > \"$D/docker-compose.yml\"");
    assertThat(made.code()).as(made.err()).isZero();
  }

  @Test
  void theLauncherRunsTheJvmInAUtf8Locale() throws Exception {
    // the Java side's relaunch off: the launcher alone must do it
    assertConverts("env " + Utf8Locale.RELAUNCHED + "=1 bash \"$LAUNCHER\"",
        System.getProperty("java.home") + "/bin/java");
  }

  @Test
  void javaJarRunsItselfAgainInAUtf8Locale() throws Exception {
    assertConverts("\"$JAVA\" -jar \"$JAR\"", System.getProperty("java.home") + "/bin/java");
  }

  @Test
  void javaJarOnJdk25RunsItselfAgainInAUtf8Locale() throws Exception {
    Assumptions.assumeTrue(Files.isExecutable(JDK25), "no JDK 25 at " + JDK25);
    assertConverts("\"$JAVA\" -jar \"$JAR\"", JDK25.toString());
  }

  /**
   * With the path as an argument, then as the working directory: exit 0, the two files written
   * under the right (UTF-8) names, and the names printed right.
   */
  private void assertConverts(String tool, String java) throws Exception {
    String posix = "export JAVA=" + quote(java) + " JAVA_HOME=" + quote(Path.of(java).getParent()
        .getParent().toString()) + " && unset LANG LANGUAGE LC_CTYPE LC_MESSAGES && export LC_ALL=C"
        + " && D=$(printf '" + DIR_OCTAL + "') && ";
    Run byArgument = sh(posix + "exec " + tool + " convert -f \"$D/docker-compose.yml\" -o \"$D/out\"");
    assertThat(byArgument.code()).as(byArgument.err()).isZero();
    assertThat(byArgument.out()).isEqualTo(DIR + "/out/Dockerrun.aws.json\n" + DIR
        + "/out/buildspec.yml\n");
    assertThat(byArgument.err()).doesNotContain("error").doesNotContain("\uFFFD");
    assertThat(sh("D=$(printf '" + DIR_OCTAL + "') && test -s \"$D/out/Dockerrun.aws.json\""
        + " && test -s \"$D/out/buildspec.yml\"").code()).isZero();

    Run inDirectory = sh(posix + "cd \"$D\" && exec " + tool + " convert -o here");
    assertThat(inDirectory.code()).as(inDirectory.err()).isZero();
    assertThat(inDirectory.out()).isEqualTo("here/Dockerrun.aws.json\nhere/buildspec.yml\n");
    assertThat(sh("D=$(printf '" + DIR_OCTAL + "') && test -s \"$D/here/Dockerrun.aws.json\"")
        .code()).isZero();
  }

  record Run(int code, String out, String err) {}

  /** Runs a POSIX sh script (ASCII) in the work directory; its streams are read as UTF-8 bytes. */
  private Run sh(String script) throws Exception {
    List<String> command = new ArrayList<>(List.of("/bin/sh", "-c", script));
    ProcessBuilder pb = new ProcessBuilder(command).directory(work.toFile());
    pb.environment().keySet().removeIf(k -> k.startsWith("COMPOSE2EB_") || k.startsWith("COMPOSE_"));
    pb.environment().put("LAUNCHER", launcher.toString());
    pb.environment().put("JAR", jar.toString());
    pb.environment().put("COMPOSE2EB_CDS", "off"); // the class-data archive is another test's
    Path out = Files.createTempFile(work, "out", ".txt");
    Path err = Files.createTempFile(work, "err", ".txt");
    Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    if (!p.waitFor(3, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("still running after 3 minutes: " + script);
    }
    return new Run(p.exitValue(), new String(Files.readAllBytes(out), StandardCharsets.UTF_8),
        new String(Files.readAllBytes(err), StandardCharsets.UTF_8));
  }

  private static String quote(String s) {
    return "'" + s.replace("'", "'\\''") + "'";
  }
}
