package dev.compose2eb.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the tool in a child JVM with a small heap ({@code -Xmx256m}): for inputs where memory, a
 * signal or the process's locale is the point. Every run is bounded: a child still running after
 * {@code bound} is killed and reported as a hang (a hang guard, not a speed assertion).
 */
final class ChildJvm {
  record Result(int code, String out, String err, boolean hung) {
    /** stderr without the JVM's own notes (none expected, but a JIT warning is not ours). */
    List<String> errLines() {
      return err.lines().toList();
    }
  }

  private ChildJvm() {}

  static ProcessBuilder builder(Path cwd, Map<String, String> env, String... args) {
    return builder(cwd, env, Path.of(System.getProperty("java.io.tmpdir")), args);
  }

  /** With {@code tmpDir} as the child's java.io.tmpdir, to see what it leaves there. */
  static ProcessBuilder builder(Path cwd, Map<String, String> env, Path tmpDir, String... args) {
    List<String> cmd = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:TieredStopAtLevel=1", "-Xshare:auto", "-Djava.io.tmpdir=" + tmpDir,
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().remove("COMPOSE2EB_STACKTRACE");
    pb.environment().putAll(env);
    return pb;
  }

  static Result run(Path cwd, Duration bound, Map<String, String> env, String... args) {
    return run(cwd, bound, env, Path.of(System.getProperty("java.io.tmpdir")), args);
  }

  static Result run(Path cwd, Duration bound, Map<String, String> env, Path tmpDir,
      String... args) {
    try {
      Path out = Files.createTempFile("child-out", ".txt");
      Path err = Files.createTempFile("child-err", ".txt");
      try {
        Process p = builder(cwd, env, tmpDir, args).redirectOutput(out.toFile())
            .redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(
                Path.of("/dev/null").toFile())).start();
        boolean done = p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          p.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
        return new Result(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8), !done);
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static Result run(Path cwd, Duration bound, String... args) {
    return run(cwd, bound, Map.of(), args);
  }
}
