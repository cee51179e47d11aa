package dev.compose2eb.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Severity;
import dev.compose2eb.dockerrun.PrettyJson;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * The one JSON document a run writes on stdout with {@code --format json} (docs/output.md): the
 * schema version, the command, its exit code, every diagnostic as an object, then the command's
 * own fields. Written with jackson-core's streaming generator, in a fixed order.
 */
final class JsonDocument {
  /** Bumped when a field changes meaning or disappears; new fields do not bump it. */
  static final int SCHEMA_VERSION = 1;

  /** The command's own fields, written into the open top-level object. */
  @FunctionalInterface
  interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private JsonDocument() {}

  static String render(String command, int exitCode, List<Diagnostic> diagnostics, Body body) {
    StringWriter w = new StringWriter();
    try (JsonGenerator g = generator(w)) {
      g.writeStartObject();
      g.writeNumberField("schemaVersion", SCHEMA_VERSION);
      g.writeStringField("command", command);
      g.writeNumberField("exitCode", exitCode);
      writeDiagnostics(g, diagnostics);
      if (body != null) {
        body.write(g);
      }
      g.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w + "\n";
  }

  /** A generator that indents by two spaces and writes {@code "key": value}, as Dockerrun files are. */
  static JsonGenerator generator(Writer w) throws IOException {
    return PrettyJson.generator(w);
  }

  /** {@code errors}, {@code warnings}, {@code infos} counts, then {@code diagnostics}: one object each. */
  static void writeDiagnostics(JsonGenerator g, List<Diagnostic> diagnostics) throws IOException {
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
  }

  static long count(List<Diagnostic> diagnostics, Severity s) {
    return diagnostics.stream().filter(d -> d.severity() == s).count();
  }

  /**
   * A tree of maps, lists, strings, numbers and booleans (the resolved project); the values of
   * {@code environment} and build {@code args} mappings go through {@link Redaction}.
   */
  static void writeTree(JsonGenerator g, Object value, boolean redact) throws IOException {
    if (value instanceof Map<?, ?> map) {
      g.writeStartObject();
      for (Map.Entry<?, ?> e : map.entrySet()) {
        String key = String.valueOf(e.getKey());
        g.writeFieldName(key);
        if (redact && e.getValue() instanceof String text) {
          g.writeString(Redaction.value(key, text));
        } else {
          writeTree(g, e.getValue(), key.equals("environment") || key.equals("args"));
        }
      }
      g.writeEndObject();
    } else if (value instanceof List<?> list) {
      g.writeStartArray();
      for (Object o : list) {
        writeTree(g, o, false);
      }
      g.writeEndArray();
    } else if (value instanceof String s) {
      g.writeString(s);
    } else if (value instanceof Boolean b) {
      g.writeBoolean(b);
    } else if (value instanceof Long || value instanceof Integer) {
      g.writeNumber(((Number) value).longValue());
    } else if (value instanceof Number n) {
      g.writeNumber(n.doubleValue());
    } else if (value == null) {
      g.writeNull();
    } else {
      g.writeString(value.toString());
    }
  }

  /** A string field, or null when absent. */
  static void writeOptional(JsonGenerator g, String field, java.util.Optional<String> value)
      throws IOException {
    if (value.isPresent()) {
      g.writeStringField(field, value.get());
    } else {
      g.writeNullField(field);
    }
  }

  /** A list of strings as a JSON array field. */
  static void writeStrings(JsonGenerator g, String field, List<String> values) throws IOException {
    g.writeArrayFieldStart(field);
    for (String v : values) {
      g.writeString(v);
    }
    g.writeEndArray();
  }
}
