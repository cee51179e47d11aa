package dev.compose2eb.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
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
    try (JsonGenerator g = new JsonFactory().createGenerator(w)) {
      // "key": value and [], as Dockerrun.aws.json is written
      DefaultPrettyPrinter pp = new DefaultPrettyPrinter(Separators.createDefaultInstance()
          .withObjectFieldValueSpacing(Separators.Spacing.AFTER).withArrayEmptySeparator("")
          .withObjectEmptySeparator(""));
      pp.indentArraysWith(new DefaultIndenter("  ", "\n"));
      pp.indentObjectsWith(new DefaultIndenter("  ", "\n"));
      g.setPrettyPrinter(pp);
      g.writeStartObject();
      g.writeNumberField("errors", count(diagnostics, Severity.ERROR));
      g.writeNumberField("warnings", count(diagnostics, Severity.WARNING));
      g.writeNumberField("infos", count(diagnostics, Severity.INFO));
      g.writeArrayFieldStart("diagnostics");
      for (Diagnostic d : diagnostics) {
        g.writeStartObject();
        g.writeStringField("severity", d.severity().label());
        if (d.location().isPresent()) {
          g.writeStringField("file", d.location().get().file());
          g.writeNumberField("line", d.location().get().line());
          g.writeNumberField("column", d.location().get().column());
        }
        g.writeStringField("path", d.path());
        g.writeStringField("message", d.message());
        g.writeStringField("hint", d.hint());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w + "\n";
  }

  static long count(List<Diagnostic> diagnostics, Severity s) {
    return diagnostics.stream().filter(d -> d.severity() == s).count();
  }
}
