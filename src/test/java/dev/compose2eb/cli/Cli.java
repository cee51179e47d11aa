package dev.compose2eb.cli;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

/** Runs the tool in-process with a chosen working directory and environment, capturing both streams. */
final class Cli {
  record Result(int code, String out, String err) {}

  private Cli() {}

  static Result run(Path cwd, Map<String, String> env, String... args) {
    return run(cwd, env, false, args);
  }

  /** As {@link #run(Path, Map, String...)}, as if stderr were a terminal or not. */
  static Result run(Path cwd, Map<String, String> env, boolean errTerminal, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    int code = Main.run(new Console(o, e, env, cwd, errTerminal), args);
    return new Result(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Writes a file under {@code dir}, creating its directories. */
  static Path write(Path dir, String name, String text) throws java.io.IOException {
    Path p = dir.resolve(name);
    java.nio.file.Files.createDirectories(p.getParent());
    java.nio.file.Files.writeString(p, text);
    return p;
  }

  static Result run(Path cwd, String... args) {
    return run(cwd, Map.of(), args);
  }
}
