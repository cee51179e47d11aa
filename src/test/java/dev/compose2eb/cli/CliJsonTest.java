package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --format json}: one document on stdout per run, parsed and checked field by field against
 * docs/output.md; stderr keeps the text; secrets never appear.
 */
class CliJsonTest {
  static final String COMPOSE = CliCommandsTest.COMPOSE;
  static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Cli.write(dir, name, text);
  }

  /** Runs with --format json; checks the envelope every document has and returns it. */
  private JsonNode json(int code, String command, String... args) throws IOException {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--format");
    all.add("json");
    Cli.Result r = Cli.run(dir, Map.of(), all.toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(code);
    assertThat(r.out()).endsWith("}\n");
    JsonNode doc = JSON.readTree(r.out());
    assertThat(doc.get("schemaVersion").asInt()).isEqualTo(JsonDocument.SCHEMA_VERSION);
    assertThat(doc.get("command").asText()).isEqualTo(command);
    assertThat(doc.get("exitCode").asInt()).isEqualTo(code);
    OutputDocs.assertDocumented(doc);
    JsonNode diagnostics = doc.get("diagnostics");
    assertThat(diagnostics.isArray()).isTrue();
    int errors = 0;
    int warnings = 0;
    int infos = 0;
    for (JsonNode d : diagnostics) {
      switch (d.get("severity").asText()) {
        case "error" -> errors++;
        case "warning" -> warnings++;
        default -> infos++;
      }
      assertThat(d.get("path").isTextual() && d.get("message").isTextual() && d.get("hint").isTextual())
          .as("%s", d).isTrue();
    }
    assertThat(doc.get("errors").asInt()).isEqualTo(errors);
    assertThat(doc.get("warnings").asInt()).isEqualTo(warnings);
    assertThat(doc.get("infos").asInt()).isEqualTo(infos);
    return doc;
  }

  private static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    node.fieldNames().forEachRemaining(out::add);
    return out;
  }

  @Test
  void convertListsTheFilesWrittenAndEveryDiagnostic() throws IOException {
    write("compose.yaml", COMPOSE.replace("    mem_limit: 64m\n    ports", "    ports"));
    JsonNode doc = json(0, "convert", "convert", "-o", "out");
    assertThat(names(doc)).containsExactly("schemaVersion", "command", "exitCode", "errors",
        "warnings", "infos", "diagnostics", "services", "check", "files");
    assertThat(doc.get("services").asInt()).isEqualTo(2);
    assertThat(doc.get("check").asBoolean()).isFalse();
    assertThat(doc.get("files").size()).isEqualTo(2);
    assertThat(doc.get("files").get(0).get("path").asText()).isEqualTo("out/Dockerrun.aws.json");
    assertThat(doc.get("files").get(0).get("status").asText()).isEqualTo("written");
    assertThat(doc.get("files").get(1).get("path").asText()).isEqualTo("out/buildspec.yml");
    JsonNode memory = doc.get("diagnostics").get(0);
    assertThat(memory.get("severity").asText()).isEqualTo("info");
    assertThat(memory.get("file").asText()).isEqualTo("compose.yaml");
    assertThat(memory.get("line").asInt()).isEqualTo(2);
    assertThat(memory.get("column").asInt()).isEqualTo(3);
    assertThat(memory.get("path").asText()).isEqualTo("services");
    assertThat(memory.get("message").asText()).startsWith("memory for a t3.small");
    assertThat(memory.get("hint").asText()).startsWith("state what a service needs");
    assertThat(Files.exists(dir.resolve("out/Dockerrun.aws.json"))).isTrue();

    JsonNode check = json(0, "convert", "convert", "-o", "out", "--check");
    assertThat(check.get("check").asBoolean()).isTrue();
    assertThat(check.get("files").get(0).get("status").asText()).isEqualTo("unchanged");
    Files.delete(dir.resolve("out/buildspec.yml"));
    JsonNode missing = json(4, "convert", "convert", "-o", "out", "--check");
    assertThat(missing.get("files").get(1).get("status").asText()).isEqualTo("missing");
  }

  @Test
  void aFailedConvertIsStillOneDocument() throws IOException {
    write("compose.yaml", COMPOSE.replace("\"80:80\"", "\"80:80\", \"22:22\""));
    Cli.Result text = Cli.run(dir, "convert", "-o", "out");
    Cli.Result r = Cli.run(dir, Map.of(), "convert", "-o", "out", "--format", "json");
    assertThat(r.err()).isEqualTo(text.err()); // stderr keeps the text
    JsonNode doc = json(3, "convert", "convert", "-o", "out");
    assertThat(doc.get("errors").asInt()).isEqualTo(1);
    assertThat(doc.get("files").size()).isZero();
    JsonNode error = doc.get("diagnostics").get(0);
    assertThat(error.get("severity").asText()).isEqualTo("error");
    assertThat(error.get("line").asInt()).isEqualTo(5);
    assertThat(error.get("column").asInt()).isEqualTo(22);
    assertThat(error.get("path").asText()).isEqualTo("services.web.ports");
    assertThat(Files.exists(dir.resolve("out"))).isFalse();
  }

  @Test
  void configIsTheResolvedProjectWithoutSecretValues() throws IOException {
    write("compose.yaml", """
        services:
          web:
            image: nginx:1.27
            environment:
              API_KEY: abc123
              DATABASE_URL: postgres://app:pw@db/app
              PLAIN: "$$HOME"
              MODE: production
        """);
    Cli.Result r = Cli.run(dir, Map.of(), "config", "--format", "json");
    assertThat(r.out()).doesNotContain("abc123").doesNotContain(":pw@");
    JsonNode doc = json(0, "config", "config");
    JsonNode web = doc.get("project").get("services").get("web");
    assertThat(doc.get("project").get("name").asText()).isEqualTo(dir.getFileName().toString()
        .toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9_-]", ""));
    assertThat(web.get("image").asText()).isEqualTo("nginx:1.27");
    JsonNode env = web.get("environment");
    assertThat(env.get("API_KEY").asText()).isEqualTo("<redacted>");
    assertThat(env.get("DATABASE_URL").asText()).isEqualTo("<redacted>");
    assertThat(env.get("MODE").asText()).isEqualTo("production");
    assertThat(env.get("PLAIN").asText()).isEqualTo("$HOME"); // JSON is not a compose file: no $$
  }

  @Test
  void validateReportsEachFile() throws IOException {
    write("good.json", CliCommandsTest.DOCKERRUN);
    write("bad.json", CliConventionsTest.BAD);
    JsonNode doc = json(3, "validate", "validate", "good.json", "bad.json", "missing.json");
    JsonNode files = doc.get("files");
    assertThat(files.size()).isEqualTo(3);
    assertThat(files.get(0).get("file").asText()).isEqualTo("good.json");
    assertThat(files.get(0).get("valid").asBoolean()).isTrue();
    assertThat(files.get(0).get("errors").asInt()).isZero();
    assertThat(files.get(1).get("file").asText()).isEqualTo("bad.json");
    assertThat(files.get(1).get("valid").asBoolean()).isFalse();
    assertThat(files.get(1).get("errors").asInt()).isEqualTo(1);
    assertThat(files.get(2).get("valid").asBoolean()).isFalse();
    assertThat(doc.get("errors").asInt()).isEqualTo(2);
    JsonNode notFound = doc.get("diagnostics").get(doc.get("diagnostics").size() - 1);
    assertThat(notFound.get("file").asText()).isEqualTo("missing.json");
    assertThat(notFound.get("line").asInt()).isZero();
    assertThat(notFound.get("message").asText()).isEqualTo("file not found");
  }

  @Test
  void diffListsChangesAndHidesSecretValues() throws IOException {
    String a = """
        {"AWSEBDockerrunVersion": 2, "containerDefinitions": [
          {"name": "api", "image": "example/api:1.0", "essential": true, "memory": 64,
           "environment": [{"name": "DB_PASSWORD", "value": "old-secret"}]}]}
        """;
    write("a.json", a);
    write("b.json", a.replace("\"memory\": 64", "\"memory\": 128").replace("old-secret", "new-secret"));
    JsonNode same = json(0, "diff", "diff", "a.json", "a.json");
    assertThat(same.get("same").asBoolean()).isTrue();
    assertThat(same.get("changes").size()).isZero();
    Cli.Result r = Cli.run(dir, Map.of(), "diff", "a.json", "b.json", "--format", "json");
    assertThat(r.out()).doesNotContain("secret\"").doesNotContain("old-secret");
    JsonNode doc = json(4, "diff", "diff", "a.json", "b.json");
    assertThat(doc.get("old").asText()).isEqualTo("a.json");
    assertThat(doc.get("new").asText()).isEqualTo("b.json");
    assertThat(doc.get("same").asBoolean()).isFalse();
    assertThat(doc.get("changes").size()).isEqualTo(2);
    JsonNode memory = doc.get("changes").get(0);
    assertThat(memory.get("change").asText()).isEqualTo("changed");
    assertThat(memory.get("subject").asText()).isEqualTo("api.memory");
    assertThat(memory.get("before").asText()).isEqualTo("64");
    assertThat(memory.get("after").asText()).isEqualTo("128");
    JsonNode secret = doc.get("changes").get(1);
    assertThat(secret.get("subject").asText()).isEqualTo("api.environment[DB_PASSWORD]");
    assertThat(secret.get("before").asText()).isEqualTo("<redacted>");
    assertThat(secret.get("after").asText()).isEqualTo("<redacted>");
  }

  @Test
  void graphHasTheNodesAndEdgesOfTheDiagram() throws IOException {
    write("compose.yaml", COMPOSE);
    JsonNode doc = json(0, "graph", "graph");
    JsonNode nodes = doc.get("nodes");
    assertThat(nodes.size()).isEqualTo(3);
    assertThat(nodes.get(0).get("id").asText()).isEqualTo("c_web");
    assertThat(nodes.get(0).get("kind").asText()).isEqualTo("container");
    assertThat(nodes.get(0).get("name").asText()).isEqualTo("web");
    assertThat(nodes.get(0).get("detail").asText()).isEqualTo("nginx:1.27");
    assertThat(nodes.get(2).get("id").asText()).isEqualTo("p_80");
    assertThat(nodes.get(2).get("kind").asText()).isEqualTo("port");
    assertThat(nodes.get(2).get("name").asText()).isEqualTo("80");
    JsonNode edges = doc.get("edges");
    assertThat(edges.size()).isEqualTo(2);
    assertThat(edges.get(0).get("from").asText()).isEqualTo("p_80");
    assertThat(edges.get(0).get("to").asText()).isEqualTo("c_web");
    assertThat(edges.get(0).get("kind").asText()).isEqualTo("port");
    assertThat(edges.get(0).get("label").asText()).isEmpty();
    assertThat(edges.get(1).get("from").asText()).isEqualTo("c_web");
    assertThat(edges.get(1).get("to").asText()).isEqualTo("c_api");
    assertThat(edges.get(1).get("kind").asText()).isEqualTo("link");
    assertThat(edges.get(1).get("label").asText()).isEqualTo("START");
  }

  @Test
  void bundleAndBuildspec() throws IOException {
    write("compose.yaml", COMPOSE);
    JsonNode bundle = json(0, "bundle", "bundle", "-o", "b.zip");
    assertThat(bundle.get("path").asText()).isEqualTo("b.zip");
    assertThat(bundle.get("sha256").asText()).matches("[0-9a-f]{64}");
    assertThat(bundle.get("versionLabel").asText()).endsWith(bundle.get("sha256").asText().substring(0, 8));
    assertThat(bundle.get("size").asLong()).isEqualTo(Files.size(dir.resolve("b.zip")));
    assertThat(bundle.get("entries").get(0).asText()).isEqualTo("Dockerrun.aws.json");
    JsonNode buildspec = json(0, "buildspec", "buildspec", "-o", "ci");
    assertThat(buildspec.get("written").get(0).asText()).isEqualTo("ci/buildspec.yml");
  }

  @Test
  void usageErrorsAndFailuresAreDocumentsToo() throws IOException {
    JsonNode usage = json(2, "convert", "convert", "--default-memory", "5");
    assertThat(usage.get("errors").asInt()).isEqualTo(1);
    assertThat(usage.get("diagnostics").get(0).get("message").asText())
        .isEqualTo("--default-memory must be at least 6 (MiB), not 5");
    assertThat(usage.get("diagnostics").get(0).has("file")).isFalse();
    write("compose.yaml", "services:\n  a:\n    image: x\n    links: [b]\n  b:\n    image: y\n    links: [a]\n");
    JsonNode invalid = json(3, "graph", "graph");
    assertThat(invalid.get("diagnostics").get(0).get("message").asText())
        .startsWith("dependency cycle detected: a -> b -> a");
    assertThat(invalid.has("nodes")).isFalse();
    JsonNode unknown = json(2, "validate", "validate", "--bogus", "x.json");
    assertThat(unknown.get("diagnostics").get(0).get("message").asText())
        .isEqualTo("Unknown option: '--bogus'");
    // help is help, not a document
    Cli.Result help = Cli.run(dir, Map.of(), "graph", "--format", "json", "--help");
    assertThat(help.out()).startsWith("Usage: compose2eb graph");
    Cli.Result bad = Cli.run(dir, Map.of(), "graph", "--format", "xml");
    assertThat(bad).isEqualTo(new Cli.Result(2, "", "error: invalid --format \"xml\"; expected text or"
        + " json\nRun 'compose2eb graph --help' for usage.\n"));
  }
}
