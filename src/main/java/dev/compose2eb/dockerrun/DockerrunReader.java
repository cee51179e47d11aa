package dev.compose2eb.dockerrun;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.diag.SourceLocation;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads Dockerrun.aws.json text: {@link #parse} builds a JSON tree that remembers where each value
 * was written, {@link #toModel} turns a tree into the {@link Dockerrun} model.
 */
public final class DockerrunReader {
  /** Far above any real Dockerrun file (ECS caps task definitions at tens of KiB). */
  static final int MAX_BYTES = 4 * 1024 * 1024;
  /** A Dockerrun file nests about six levels; deeper input is hostile or broken. */
  static final int MAX_DEPTH = 100;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
      .build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final String file;
  private final JsonParser parser;
  private final Map<String, SourceLocation> values = new HashMap<>();
  private final Map<String, SourceLocation> keys = new HashMap<>();
  private final List<Diagnostic> problems = new ArrayList<>();

  private DockerrunReader(String file, JsonParser parser) {
    this.file = file;
    this.parser = parser;
  }

  /**
   * Parses JSON text. Throws {@link InvalidInputException} with a positioned diagnostic for a syntax
   * error, an empty or oversized file, or nesting deeper than 100.
   */
  public static JsonDocument parse(String file, String text) {
    int size = text.getBytes(StandardCharsets.UTF_8).length;
    if (size > MAX_BYTES) {
      throw InvalidInputException.of(Diagnostic.error(SourceLocation.ofFile(file), "",
          "the file is " + size + " bytes, over the 4 MiB this tool reads",
          "a Dockerrun.aws.json is a few KiB; check that this is the right file"));
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (body.isBlank()) {
      throw InvalidInputException.of(Diagnostic.error(SourceLocation.ofFile(file), "",
          "the file is empty; expected a JSON object",
          "e.g. {\"AWSEBDockerrunVersion\": 2, \"containerDefinitions\": []}"));
    }
    try (JsonParser p = FACTORY.createParser(body)) {
      DockerrunReader reader = new DockerrunReader(file, p);
      p.nextToken();
      JsonNode root = reader.value("", 1);
      if (p.nextToken() != null) {
        throw InvalidInputException.of(Diagnostic.error(reader.at(p.currentTokenLocation()), "",
            "unexpected content after the end of the JSON value",
            "a JSON file holds exactly one object"));
      }
      return new JsonDocument(file, root, reader.values, reader.keys, reader.problems, size);
    } catch (JsonProcessingException e) {
      throw InvalidInputException.of(syntaxError(file, e));
    } catch (IOException e) {
      // reading from a String cannot fail with plain I/O; keep the message anyway
      throw InvalidInputException.of(Diagnostic.error(SourceLocation.ofFile(file), "",
          "cannot read JSON: " + e.getMessage(), ""));
    } catch (SyntaxAt e) {
      throw InvalidInputException.of(e.diagnostic);
    }
  }

  /**
   * Converts a parsed tree into the model, reporting each value of the wrong JSON type (and each
   * missing container list) to {@code diagnostics}; such values are left out of the model.
   */
  public static Dockerrun toModel(JsonDocument document, Diagnostics diagnostics) {
    return new ModelConverter(document, diagnostics).convert();
  }

  /** Parses and converts; throws {@link InvalidInputException} if anything was wrong. */
  public static Dockerrun read(String file, String text) {
    return model(parse(file, text));
  }

  /** Converts a parsed file; throws {@link InvalidInputException} if anything was wrong. */
  public static Dockerrun model(JsonDocument document) {
    Diagnostics diagnostics = new Diagnostics();
    diagnostics.addAll(document.problems());
    Dockerrun model = toModel(document, diagnostics);
    diagnostics.throwIfErrors();
    return model;
  }

  private JsonNode value(String path, int depth) throws IOException {
    JsonToken token = parser.currentToken();
    SourceLocation at = at(parser.currentTokenLocation());
    values.put(path, at);
    switch (token) {
      case START_OBJECT:
        checkDepth(depth, at);
        return object(path, depth);
      case START_ARRAY:
        checkDepth(depth, at);
        return array(path, depth);
      case VALUE_STRING:
        return NODES.textNode(parser.getText());
      case VALUE_NUMBER_INT:
        return switch (parser.getNumberType()) {
          case INT -> NODES.numberNode(parser.getIntValue());
          case LONG -> NODES.numberNode(parser.getLongValue());
          default -> NODES.numberNode(parser.getBigIntegerValue());
        };
      case VALUE_NUMBER_FLOAT:
        return NODES.numberNode(parser.getDecimalValue());
      case VALUE_TRUE:
        return NODES.booleanNode(true);
      case VALUE_FALSE:
        return NODES.booleanNode(false);
      case VALUE_NULL:
        return NODES.nullNode();
      default:
        throw new SyntaxAt(Diagnostic.error(at, path, "unexpected JSON token " + token, ""));
    }
  }

  private ObjectNode object(String path, int depth) throws IOException {
    ObjectNode node = NODES.objectNode();
    while (parser.nextToken() == JsonToken.FIELD_NAME) {
      String key = parser.currentName();
      String childPath = JsonDocument.child(path, key);
      SourceLocation keyAt = at(parser.currentTokenLocation());
      if (node.has(key)) {
        problems.add(Diagnostic.error(keyAt, childPath,
            "duplicate key \"" + key + "\" (first at line " + keys.get(childPath).line()
                + ", column " + keys.get(childPath).column() + ")",
            "JSON readers disagree on which one wins; keep one"));
      } else {
        keys.put(childPath, keyAt);
      }
      parser.nextToken();
      SourceLocation firstValueAt = values.get(childPath);
      node.set(key, value(childPath, depth + 1));
      if (firstValueAt != null) {
        values.put(childPath, firstValueAt); // positions follow the first occurrence, like keys
      }
    }
    return node;
  }

  private ArrayNode array(String path, int depth) throws IOException {
    ArrayNode node = NODES.arrayNode();
    int index = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      node.add(value(JsonDocument.item(path, index++), depth + 1));
    }
    return node;
  }

  private void checkDepth(int depth, SourceLocation at) {
    if (depth > MAX_DEPTH) {
      throw new SyntaxAt(Diagnostic.error(at, "",
          "JSON nested deeper than " + MAX_DEPTH + " levels",
          "a Dockerrun.aws.json nests about six levels; check that this is the right file"));
    }
  }

  private SourceLocation at(JsonLocation location) {
    return position(file, location);
  }

  private static SourceLocation position(String file, JsonLocation location) {
    if (location == null || location.getLineNr() < 1) {
      return SourceLocation.ofFile(file);
    }
    return new SourceLocation(file, location.getLineNr(), Math.max(0, location.getColumnNr()));
  }

  private static Diagnostic syntaxError(String file, JsonProcessingException e) {
    String message = e.getOriginalMessage().replaceAll("\\s+", " ").trim();
    // Jackson appends where an unclosed object started; our location already says where we are
    message = message.replaceAll(" ?\\(start marker at \\[.*?\\]\\)", "")
        .replaceAll(" ?\\[Source: .*?\\]", "");
    return Diagnostic.error(position(file, e.getLocation()), "",
        "invalid JSON: " + message,
        "the file must be plain JSON: double-quoted keys, no comments, no trailing commas");
  }

  /** Stops the parse with a positioned diagnostic (depth limit, unexpected token). */
  private static final class SyntaxAt extends RuntimeException {
    private final transient Diagnostic diagnostic;

    SyntaxAt(Diagnostic diagnostic) {
      super(diagnostic.render(), null, false, false);
      this.diagnostic = diagnostic;
    }
  }
}
