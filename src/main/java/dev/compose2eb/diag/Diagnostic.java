package dev.compose2eb.diag;

import java.util.Objects;
import java.util.Optional;

/**
 * One problem found in the input: where it is, which key it concerns, what is wrong and how to fix it.
 *
 * <p>Rendered as {@code file:line:col: error: services.web.ports[1]: invalid port "80:abc"; expected
 * [HOST:]CONTAINER[/PROTOCOL], e.g. "8080:80"}.
 *
 * @param path the key path ({@code services.web.ports[1]}), or empty when the problem has none
 * @param hint the way out (the rule and an example), or empty
 */
public record Diagnostic(
    Severity severity, Optional<SourceLocation> location, String path, String message, String hint) {

  public Diagnostic {
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(hint, "hint");
  }

  public static Diagnostic error(SourceLocation at, String path, String message, String hint) {
    return new Diagnostic(Severity.ERROR, Optional.ofNullable(at), path, message, hint);
  }

  public static Diagnostic warning(SourceLocation at, String path, String message, String hint) {
    return new Diagnostic(Severity.WARNING, Optional.ofNullable(at), path, message, hint);
  }

  public static Diagnostic info(SourceLocation at, String path, String message, String hint) {
    return new Diagnostic(Severity.INFO, Optional.ofNullable(at), path, message, hint);
  }

  public boolean isError() {
    return severity == Severity.ERROR;
  }

  /** The one-line form printed on stderr and written into reports. */
  public String render() {
    StringBuilder sb = new StringBuilder();
    location.ifPresent(l -> sb.append(l).append(": "));
    sb.append(severity.label()).append(": ");
    if (!path.isEmpty()) {
      sb.append(path).append(": ");
    }
    sb.append(message);
    if (!hint.isEmpty()) {
      sb.append("; ").append(hint);
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    return render();
  }

  // Written out: a record's generated equals and hashCode are bootstrapped through method handles
  // on first use, a few milliseconds of every cold start (diagnostics go into a hash set).
  @Override
  public boolean equals(Object o) {
    return o instanceof Diagnostic d && severity == d.severity && location.equals(d.location)
        && path.equals(d.path) && message.equals(d.message) && hint.equals(d.hint);
  }

  @Override
  public int hashCode() {
    return (((severity.hashCode() * 31 + location.hashCode()) * 31 + path.hashCode()) * 31
        + message.hashCode()) * 31 + hint.hashCode();
  }
}
