package dev.compose2eb.diag;

/** How serious a diagnostic is; an error stops the command, a warning does not (unless --strict). */
public enum Severity {
  ERROR("error"),
  WARNING("warning"),
  INFO("info");

  private final String label;

  Severity(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }
}
