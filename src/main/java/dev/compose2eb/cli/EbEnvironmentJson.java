package dev.compose2eb.cli;

import dev.compose2eb.dockerrun.PrettyJson;
import java.util.Map;
import java.util.TreeMap;

/** {@code eb-environment.json}: name to value, sorted, for the deploy step to set as EB properties. */
final class EbEnvironmentJson {
  private EbEnvironmentJson() {}

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
