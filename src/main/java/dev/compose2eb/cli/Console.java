package dev.compose2eb.cli;

import dev.compose2eb.diag.Diagnostic;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one run of the tool sees of the world: the two output streams (stdout carries results,
 * stderr diagnostics and progress), the process environment, the working directory and whether
 * stderr is a terminal. Tests give their own, so that the developer's environment never leaks into
 * results. The shared options ({@link CommonOptions}) set how it speaks: format, colour, verbosity.
 */
final class Console {
  /** How results are written on stdout. */
  enum Format { TEXT, JSON }

  /** When stderr is coloured; {@code auto} follows the terminal and the usual variables. */
  enum ColorMode { AUTO, ALWAYS, NEVER }

  private static final String RED = "\u001b[31m";
  private static final String YELLOW = "\u001b[33m";
  private static final String BOLD = "\u001b[1m";
  private static final String RESET = "\u001b[0m";

  final PrintStream out;
  final PrintStream err;
  final Map<String, String> env;
  final Path cwd;
  /** Whether stderr is a terminal; only the real process's stderr can be one. */
  private final boolean errTerminal;

  Format format = Format.TEXT;
  ColorMode colorMode = ColorMode.AUTO;
  boolean quiet;
  boolean verbose;
  /** The command a usage error is about, when parsing stopped before the parse result named it. */
  String usageCommand = "";
  /** Every diagnostic and error reported in this run, in order, for the JSON document. */
  private final List<Diagnostic> reported = new ArrayList<>();
  /** The command's own part of the JSON document; null until the command sets it. */
  private JsonDocument.Body body;

  Console(PrintStream out, PrintStream err, Map<String, String> env, Path cwd) {
    this(out, err, env, cwd, false);
  }

  Console(PrintStream out, PrintStream err, Map<String, String> env, Path cwd, boolean errTerminal) {
    this.out = out;
    this.err = err;
    this.env = Map.copyOf(env);
    this.cwd = cwd.toAbsolutePath().normalize();
    this.errTerminal = errTerminal;
  }

  boolean json() {
    return format == Format.JSON;
  }

  /**
   * Whether stderr is coloured: {@code --color} wins; else never with {@code NO_COLOR}, always
   * with {@code CLICOLOR_FORCE} or {@code FORCE_COLOR}, otherwise only on a terminal that is not
   * dumb. stdout is never coloured: it carries results (and JSON).
   */
  boolean colour() {
    return switch (colorMode) {
      case ALWAYS -> true;
      case NEVER -> false;
      case AUTO -> {
        if (isSet("NO_COLOR")) {
          yield false;
        }
        if (isSet("CLICOLOR_FORCE") && !"0".equals(env.get("CLICOLOR_FORCE")) || isSet("FORCE_COLOR")) {
          yield true;
        }
        yield errTerminal && !"dumb".equals(env.get("TERM"));
      }
    };
  }

  /** Whether progress bars (carriage returns) may be drawn on stderr. */
  boolean interactive() {
    return errTerminal && !quiet && !isSet("NO_COLOR") && !"dumb".equals(env.get("TERM"));
  }

  private boolean isSet(String name) {
    String v = env.get(name);
    return v != null && !v.isEmpty();
  }

  /** A kind repeated this often is folded into one line; two lines are still easy to read. */
  static final int FOLD_AT = 3;

  /**
   * Prints diagnostics on stderr: only errors with {@code --quiet}; every one with
   * {@code --verbose}; otherwise a kind (severity, message and hint) said {@value #FOLD_AT} times
   * or more at different places is folded into its first line, with the count and the other paths.
   */
  void diagnostics(List<Diagnostic> diagnostics) {
    reported.addAll(diagnostics);
    if (verbose) {
      diagnostics.forEach(d -> err.println(styled(d, "")));
      return;
    }
    Map<List<Object>, List<Diagnostic>> kinds = new LinkedHashMap<>();
    List<Diagnostic> shown = new ArrayList<>();
    for (Diagnostic d : diagnostics) {
      if (!quiet || d.isError()) {
        shown.add(d);
        kinds.computeIfAbsent(kind(d), k -> new ArrayList<>()).add(d);
      }
    }
    for (Diagnostic d : shown) {
      List<Diagnostic> same = kinds.get(kind(d));
      if (same.size() < FOLD_AT) {
        err.println(styled(d, ""));
      } else if (same.get(0) == d) {
        List<String> others = new ArrayList<>();
        for (Diagnostic o : same.subList(1, Math.min(same.size(), 6))) {
          others.add(o.path().isEmpty() ? o.location().map(Object::toString).orElse("?") : o.path());
        }
        err.println(styled(d, " (and " + (same.size() - 1) + " more like this: "
            + String.join(", ", others) + (same.size() > 6 ? ", ..." : "")
            + "; --verbose lists each)"));
      }
    }
  }

  private static List<Object> kind(Diagnostic d) {
    return List.of(d.severity(), d.message(), d.hint());
  }

  private String styled(Diagnostic d, String suffix) {
    String text = d.render() + suffix;
    if (!colour()) {
      return text;
    }
    String location = d.location().map(Object::toString).orElse("");
    String label = d.severity().label();
    String rest = text.substring(location.length() + (location.isEmpty() ? 0 : 2) + label.length());
    String colour = switch (d.severity()) {
      case ERROR -> RED;
      case WARNING -> YELLOW;
      case INFO -> "";
    };
    return (location.isEmpty() ? "" : BOLD + location + RESET + ": ")
        + (colour.isEmpty() ? label : colour + label + RESET) + rest;
  }

  /** A failure: printed even with {@code --quiet}, and part of the JSON document. */
  void error(String message) {
    reported.add(Diagnostic.error(null, "", message, ""));
    err.println((colour() ? RED + "error" + RESET : "error") + ": " + message);
  }

  /** The closing "error: N error(s) ..." line of a command: shown even with {@code --quiet}. */
  void errorSummary(String message) {
    err.println((colour() ? RED + "error" + RESET : "error") + ": " + message);
  }

  /** A summary or progress line on stderr; not with {@code --quiet}. */
  void note(String message) {
    if (!quiet) {
      err.println(message);
    }
  }

  /** A timing on stderr, only with {@code --verbose}. */
  void timing(String what, long startNanos) {
    if (verbose && !quiet) {
      err.println("time: " + what + " " + (System.nanoTime() - startNanos) / 1_000_000 + " ms");
    }
  }

  /** Sets the command's own fields of the JSON document (written once, when the run ends). */
  void result(JsonDocument.Body body) {
    this.body = body;
  }

  List<Diagnostic> reported() {
    return List.copyOf(reported);
  }

  JsonDocument.Body body() {
    return body;
  }
}
