package dev.compose2eb.cli;

import dev.compose2eb.diag.Diagnostic;
import java.io.PrintStream;
import java.util.List;

/**
 * The two output streams: stdout carries results (paths written, generated text), stderr carries
 * diagnostics and progress.
 */
final class Console {
  final PrintStream out;
  final PrintStream err;

  Console(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
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
