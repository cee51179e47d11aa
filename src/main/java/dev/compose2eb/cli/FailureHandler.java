package dev.compose2eb.cli;

import dev.compose2eb.diag.InvalidInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
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
    if (cause instanceof InvalidPathException p && !Utf8Locale.isUtf8(System.getProperty("sun.jnu.encoding"))) {
      // Java names files in the locale's charset: under LC_ALL=C (ASCII) a name with "é" has no
      // bytes at all, and Java says only "Malformed input or input contains unmappable characters"
      console.error("the path " + p.getInput() + " cannot be named in this locale's character set ("
          + System.getProperty("sun.jnu.encoding") + "); run with a UTF-8 locale, e.g."
          + " LC_ALL=C.UTF-8");
      return ExitCode.FAILURE.code;
    }
    String what = cause instanceof IOException ? "I/O error: " : "";
    console.error(what + describe(cause)); // not a usage error: no "Run --help" line
    return ExitCode.FAILURE.code;
  }

  private static String describe(Throwable t) {
    if (t instanceof FileSystemException f) {
      return fileProblem(f);
    }
    String msg = t.getMessage();
    return msg == null || msg.isBlank() ? t.getClass().getSimpleName() : msg;
  }

  /**
   * The file and the reason: Java's file exceptions often carry only the path (an
   * AccessDeniedException's message is the path alone), which says nothing about what went wrong.
   */
  static String fileProblem(FileSystemException f) {
    String reason = f.getReason() != null ? f.getReason()
        : f instanceof AccessDeniedException ? "permission denied"
        : f instanceof NoSuchFileException ? "no such file or directory"
        : f instanceof NotDirectoryException ? "not a directory"
        : f instanceof DirectoryNotEmptyException ? "is a directory"
        : f instanceof FileAlreadyExistsException ? "already exists"
        : f.getClass().getSimpleName();
    String file = f.getOtherFile() != null ? f.getFile() + " -> " + f.getOtherFile() : f.getFile();
    return file == null ? reason : file + ": " + reason;
  }
}
