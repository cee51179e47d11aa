package dev.compose2eb.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.dockerrun.PrettyJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code eb-environment.json}: name to value, sorted, for {@code env set --from}, which sets the
 * plain ones as EB properties and stores the secret ones.
 */
final class EbEnvironmentJson {
  private EbEnvironmentJson() {}

  /**
   * Reads a JSON object of string values (what {@link #render} writes); anything else is invalid
   * input at its line and column.
   */
  static Map<String, String> read(Path file, String shown) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw InvalidInputException.of(Diagnostic.error(SourceLocation.ofFile(shown), "",
          "no such file", "give the eb-environment.json that convert --env-to-eb wrote"));
    }
    Map<String, String> out = new LinkedHashMap<>();
    try (JsonParser p = new JsonFactory().createParser(Files.readString(file))) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw bad(shown, p, "expected a JSON object of NAME: \"value\"");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String name = p.currentName();
        if (p.nextToken() != JsonToken.VALUE_STRING) {
          throw bad(shown, p, "the value of " + name + " is not a string");
        }
        out.put(name, p.getText());
      }
      if (p.nextToken() != null) {
        throw bad(shown, p, "text after the JSON object");
      }
    } catch (JsonProcessingException e) {
      var at = e.getLocation();
      throw InvalidInputException.of(Diagnostic.error(new SourceLocation(shown,
          at == null ? 0 : at.getLineNr(), at == null ? 0 : at.getColumnNr()), "",
          "not valid JSON: " + e.getOriginalMessage().lines().findFirst().orElse(""),
          "expected a JSON object of NAME: \"value\""));
    }
    return out;
  }

  private static InvalidInputException bad(String file, JsonParser p, String message) {
    var at = p.currentTokenLocation();
    return InvalidInputException.of(Diagnostic.error(new SourceLocation(file, at.getLineNr(),
        at.getColumnNr()), "", message, "expected a JSON object of NAME: \"value\""));
  }

  static String render(Map<String, String> env) {
    return PrettyJson.write(g -> {
      g.writeStartObject();
      for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    });
  }
}
