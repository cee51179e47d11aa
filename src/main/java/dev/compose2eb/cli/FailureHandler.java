package dev.compose2eb.cli;

import dev.compose2eb.diag.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns what escaped a command into one line on stderr and an exit code. Stack traces only with
 * {@code COMPOSE2EB_STACKTRACE=1}: users should never see one for any input.
 */
final class FailureHandler implements CommandLine.IExecutionExceptionHandler {
  private final Console console;

  FailureHandler(Console console) {
    this.console = console;
  }

  @Override
  public int handleExecutionException(
      Exception ex, CommandLine cmd, CommandLine.ParseResult parseResult) {
    if (ex instanceof InvalidInputException invalid) {
      console.diagnostics(invalid.diagnostics());
      return ExitCode.INVALID_INPUT.code;
    }
    if ("1".equals(System.getenv("COMPOSE2EB_STACKTRACE"))) {
      ex.printStackTrace(console.err);
    }
    Throwable cause = ex instanceof UncheckedIOException u ? u.getCause() : ex;
    String what = cause instanceof IOException ? "I/O error: " : "";
    console.error(what + describe(cause));
    console.err.println("Run '" + cmd.getCommandSpec().qualifiedName() + " --help' for usage.");
    return ExitCode.FAILURE.code;
  }

  private static String describe(Throwable t) {
    String msg = t.getMessage();
    return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
  }
}
