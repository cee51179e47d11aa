package dev.compose2eb.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Severity;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/** The conversion report as JSON ({@code --report}): counts, then every diagnostic in order. */
final class ReportJson {
  private ReportJson() {}

  static String render(List<Diagnostic> diagnostics) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = JsonDocument.generator(w)) {
      g.writeStartObject();
      JsonDocument.writeDiagnostics(g, diagnostics);
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w + "\n";
  }

  static long count(List<Diagnostic> diagnostics, Severity s) {
    return JsonDocument.count(diagnostics, s);
  }
}
