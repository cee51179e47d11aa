package dev.compose2eb.diag;

import java.util.List;

/** The input cannot be used; carries every diagnostic collected (warnings included). Exit code 3. */
public final class InvalidInputException extends RuntimeException {
  private final transient List<Diagnostic> diagnostics;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    super(diagnostics.stream().filter(Diagnostic::isError).findFirst()
        .map(Diagnostic::render).orElse("invalid input"), null, false, false);
    this.diagnostics = List.copyOf(diagnostics);
  }

  public static InvalidInputException of(Diagnostic d) {
    return new InvalidInputException(List.of(d));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }
}
