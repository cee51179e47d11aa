package dev.compose2eb.dockerrun;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;

/**
 * The JSON layout of the files this tool writes (Dockerrun.aws.json, the conversion report,
 * eb-environment.json): two-space indent, {@code "key": value}, one array element per line, empty
 * arrays and objects as {@code []} and {@code {}}, LF, a trailing newline. Written through
 * jackson-core's streaming generator: no object mapper or tree (loading and setting up Jackson's
 * ObjectMapper cost a cold run more than writing the file).
 */
public final class PrettyJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  /** What writes one document's tokens. */
  @FunctionalInterface
  public interface Body {
    void write(JsonGenerator g) throws IOException;
  }

  private PrettyJson() {}

  /** The text {@code body} writes, in this layout. */
  public static String write(Body body) {
    StringWriter w = new StringWriter(4096);
    try (JsonGenerator g = generator(w)) {
      body.write(g);
    } catch (IOException e) {
      // a StringWriter does not fail; reaching here is a bug, not bad input
      throw new UncheckedIOException(e);
    }
    return w.append('\n').toString();
  }

  /** A generator writing this layout to {@code w} (the caller adds the trailing newline). */
  public static JsonGenerator generator(Writer w) throws IOException {
    JsonGenerator g = FACTORY.createGenerator(w);
    g.setPrettyPrinter(printer());
    return g;
  }

  /** The pretty printer of this layout. */
  public static DefaultPrettyPrinter printer() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter(Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator(""));
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }
}
