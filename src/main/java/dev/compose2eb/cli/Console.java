package dev.compose2eb.cli;

import dev.compose2eb.diag.Diagnostic;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What one run of the tool sees of the world: the two output streams (stdout carries results,
 * stderr diagnostics and progress), the process environment and the working directory. Tests give
 * their own, so that the developer's environment never leaks into results.
 */
final class Console {
  final PrintStream out;
  final PrintStream err;
  final Map<String, String> env;
  final Path cwd;

  Console(PrintStream out, PrintStream err, Map<String, String> env, Path cwd) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
    this.cwd = cwd.toAbsolutePath().normalize();
  }

  void diagnostics(List<Diagnostic> diagnostics) {
    for (Diagnostic d : diagnostics) {
      err.println(d.render());
    }
  }

  void error(String message) {
    err.println("error: " + message);
  }
}
