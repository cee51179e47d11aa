package dev.compose2eb.dockerrun;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.diag.SourceLocation;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerrunReaderTest {
  private static final String TEXT = """
      {
        "AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
          {"name": "web", "image": "nginx", "memory": 128},
          {
            "name": "api",
            "portMappings": [
              {"containerPort": 80, "hostPort": 8080}
            ],
            "dockerLabels": {"com.example.tier": "api"}
          }
        ]
      }
      """;

  private static SourceLocation at(int line, int column) {
    return new SourceLocation("Dockerrun.aws.json", line, column);
  }

  @Test
  void recordsWhereEveryValueStarts() {
    JsonDocument doc = DockerrunReader.parse("Dockerrun.aws.json", TEXT);
    assertThat(doc.valueAt("")).isEqualTo(at(1, 1));
    assertThat(doc.valueAt("AWSEBDockerrunVersion")).isEqualTo(at(2, 28));
    assertThat(doc.valueAt("containerDefinitions")).isEqualTo(at(3, 27));
    assertThat(doc.valueAt("containerDefinitions[0]")).isEqualTo(at(4, 5));
    assertThat(doc.valueAt("containerDefinitions[0].memory")).isEqualTo(at(4, 49));
    assertThat(doc.valueAt("containerDefinitions[1].portMappings[0].hostPort")).isEqualTo(at(8, 43));
    assertThat(doc.valueAt("containerDefinitions[1].dockerLabels[\"com.example.tier\"]"))
        .isEqualTo(at(10, 44));
  }

  @Test
  void recordsWhereEveryKeyIsWritten() {
    JsonDocument doc = DockerrunReader.parse("Dockerrun.aws.json", TEXT);
    assertThat(doc.keyAt("containerDefinitions[1].portMappings")).isEqualTo(at(7, 7));
    assertThat(doc.keyAt("containerDefinitions[1].portMappings[0].hostPort")).isEqualTo(at(8, 31));
    // array items have no key: their own position stands in
    assertThat(doc.keyAt("containerDefinitions[1]")).isEqualTo(at(5, 5));
    // unknown paths fall back to the start of the file
    assertThat(doc.valueAt("nowhere")).isEqualTo(at(1, 1));
  }

  @Test
  void syntaxErrorIsPositioned() {
    assertThatThrownBy(() -> DockerrunReader.parse("f.json", "{\n  \"a\": [1, 2,]\n}"))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.diagnostics()).extracting(Diagnostic::render).containsExactly(
                "f.json:2:14: error: invalid JSON: Unexpected character (']' (code 93)): expected a"
                    + " valid value (JSON String, Number, Array, Object or token 'null', 'true' or"
                    + " 'false'); the file must be plain JSON: double-quoted keys, no comments, no"
                    + " trailing commas"));
  }

  @Test
  void contentAfterTheObjectIsRefused() {
    assertThatThrownBy(() -> DockerrunReader.parse("f.json", "{}\n{}"))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.getMessage()).isEqualTo("f.json:2:1: error: unexpected content after the"
                + " end of the JSON value; a JSON file holds exactly one object"));
  }

  @Test
  void nestingDeeperThanOneHundredIsRefused() {
    String deep = "[".repeat(101) + "]".repeat(101);
    assertThat(DockerrunReader.parse("f.json", "[".repeat(100) + "]".repeat(100)).root().isArray())
        .isTrue();
    assertThatThrownBy(() -> DockerrunReader.parse("f.json", deep))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.getMessage()).isEqualTo("f.json:1:101: error: JSON nested deeper than 100"
                + " levels; a Dockerrun.aws.json nests about six levels; check that this is the"
                + " right file"));
  }

  @Test
  void filesOverFourMibAreRefused() {
    String big = "{\"x\": \"" + "a".repeat(4 * 1024 * 1024) + "\"}";
    assertThatThrownBy(() -> DockerrunReader.parse("f.json", big))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.getMessage()).isEqualTo("f.json: error: the file is 4194313 bytes, over"
                + " the 4 MiB this tool reads; a Dockerrun.aws.json is a few KiB; check that this"
                + " is the right file"));
  }

  @Test
  void duplicateKeysAreReportedWithoutStoppingTheParse() {
    JsonDocument doc = DockerrunReader.parse("f.json", "{\"a\": 1,\n \"a\": 2}");
    assertThat(doc.root().get("a").intValue()).isEqualTo(2);
    assertThat(doc.valueAt("a")).isEqualTo(new SourceLocation("f.json", 1, 7));
    assertThat(doc.problems()).extracting(Diagnostic::render).containsExactly(
        "f.json:2:2: error: a: duplicate key \"a\" (first at line 1, column 2); JSON readers"
            + " disagree on which one wins; keep one");
  }

  @Test
  void convertsToTheModelAndReportsWrongTypes() {
    JsonDocument doc = DockerrunReader.parse("Dockerrun.aws.json", """
        {"AWSEBDockerrunVersion": 2, "containerDefinitions": [
          {"name": "web", "image": "nginx", "memory": "128", "command": [], "links": ["a", 1],
           "portMappings": [{"containerPort": 80}, 8080]}
        ]}
        """);
    Diagnostics out = new Diagnostics();
    Dockerrun model = DockerrunReader.toModel(doc, out);
    assertThat(model.containerDefinitions()).containsExactly(
        ContainerDefinition.builder("web", "nginx")
            .command(List.of())
            .links(List.of("a"))
            .portMappings(List.of(new PortMapping(80, Optional.empty(), "tcp")))
            .build());
    assertThat(out.list()).extracting(Diagnostic::render).containsExactly(
        "Dockerrun.aws.json:2:47: error: containerDefinitions[0].memory: expected an integer, got"
            + " string \"128\"; e.g. \"memory\": 128",
        "Dockerrun.aws.json:3:44: error: containerDefinitions[0].portMappings[1]: expected an"
            + " object, got number 8080; write each item as a JSON object, e.g."
            + " {\"containerPort\": 80, \"hostPort\": 80}",
        "Dockerrun.aws.json:2:84: error: containerDefinitions[0].links[1]: expected a string, got"
            + " number 1; e.g. \"links\": [\"api\"]");
  }

  @Test
  void readThrowsWithEveryProblem() {
    assertThatThrownBy(() -> DockerrunReader.read("f.json", "{\"containerDefinitions\": {}}"))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.diagnostics()).extracting(Diagnostic::render).containsExactly(
                "f.json:1:26: error: containerDefinitions: expected an array, got an object; e.g."
                    + " \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx:1.27\","
                    + " \"memory\": 128}]"));
  }
}
