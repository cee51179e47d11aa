package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

/** Keeps docs/output.md true: every field a document holds is named there, in backquotes. */
final class OutputDocs {
  private static String text;

  private OutputDocs() {}

  static void assertDocumented(JsonNode doc) {
    walk(doc, "");
  }

  private static void walk(JsonNode node, String at) {
    if (node.isArray()) {
      node.forEach(n -> walk(n, at + "[]"));
    } else if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        assertThat(docs()).as("docs/output.md documents the field %s%s", at, e.getKey())
            .contains("`" + e.getKey() + "`");
        if (!e.getKey().equals("project")) { // config's project is the compose project itself
          walk(e.getValue(), at + e.getKey() + ".");
        }
      }
    }
  }

  private static synchronized String docs() {
    if (text == null) {
      try {
        text = Files.readString(Path.of("docs/output.md"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return text;
  }
}
