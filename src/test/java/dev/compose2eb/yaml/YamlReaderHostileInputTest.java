package dev.compose2eb.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Hostile and broken input: each ends with exactly one clear, positioned error and no result. */
class YamlReaderHostileInputTest {

  private static List<String> errors(String text) {
    Diagnostics diags = new Diagnostics();
    assertThat(YamlReader.read("h.yml", text, diags)).isEmpty();
    return diags.list().stream().map(Diagnostic::render).toList();
  }

  private static final String TOO_DEEP =
      "error: nesting too deep: more than 200 levels of mappings and sequences; flatten the structure";

  @Test
  void hundredThousandOpeningBrackets() {
    assertThat(errors("[".repeat(100_000))).containsExactly("h.yml:1:201: " + TOO_DEEP);
  }

  @Test
  void hundredThousandNestedFlowMappings() {
    assertThat(errors("{a: ".repeat(100_000) + "1" + "}".repeat(100_000)))
        .containsExactly("h.yml:1:801: " + TOO_DEEP);
  }

  @Test
  void hundredThousandNestedBlockSequences() {
    assertThat(errors("- ".repeat(100_000) + "x\n")).containsExactly("h.yml:1:401: " + TOO_DEEP);
  }

  @Test
  void deeplyNestedBlockMappings() {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < 1000; i++) {
      text.append(" ".repeat(i)).append("a:\n");
    }
    assertThat(errors(text.toString())).containsExactly("h.yml:201:201: " + TOO_DEEP);
  }

  @Test
  void nestingUpToTheLimitIsFine() {
    Diagnostics diags = new Diagnostics();
    List<Node> docs = YamlReader.read("h.yml", "[".repeat(200) + "]".repeat(200), diags);
    assertThat(diags.list()).isEmpty();
    assertThat(docs).hasSize(1);
  }

  @Test
  void billionLaughs() {
    StringBuilder text = new StringBuilder("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\","
        + "\"lol\",\"lol\",\"lol\"]\n");
    char previous = 'a';
    for (char c = 'b'; c <= 'i'; c++) {
      text.append(c).append(": &").append(c).append(" [")
          .append(("*" + previous + ",").repeat(8)).append('*').append(previous).append("]\n");
      previous = c;
    }
    assertThat(errors(text.toString())).containsExactly("h.yml:7:32: error: document too large"
        + " after alias expansion (alias bomb?); a compose file expands to far fewer than 5000000"
        + " values");
  }

  @Test
  void aliasBombThroughMergeKeys() {
    StringBuilder text = new StringBuilder("a0: &a0 {k0: 1, k1: 1, k2: 1, k3: 1, k4: 1, k5: 1,"
        + " k6: 1, k7: 1, k8: 1, k9: 1}\n");
    for (int i = 1; i < 12; i++) {
      text.append("a").append(i).append(": &a").append(i).append(" {");
      for (int j = 0; j < 10; j++) {
        text.append("m").append(j).append(": *a").append(i - 1).append(", ");
      }
      text.append("<<: *a").append(i - 1).append("}\n");
    }
    assertThat(errors(text.toString())).singleElement().asString()
        .contains("error: document too large after alias expansion (alias bomb?)");
  }

  @Test
  void tooManyAliases() {
    assertThat(errors("a: &a 1\nb: [" + "*a,".repeat(1_000_001) + "*a]\n"))
        .containsExactly("h.yml:2:3000005: error: too many aliases (more than 1000000)");
  }

  @Test
  void recursiveAliases() {
    assertThat(errors("a: &x [*x]\n"))
        .containsExactly("h.yml:1:8: error: anchor 'x' value contains itself");
    assertThat(errors("a: &x\n  b:\n    c: *x\n"))
        .containsExactly("h.yml:3:8: error: anchor 'x' value contains itself");
  }

  @Test
  void unknownAlias() {
    assertThat(errors("a: *nope\n")).containsExactly("h.yml:1:4: error: unknown anchor 'nope' referenced");
  }

  @Test
  void unclosedQuotesPointAtTheOpeningQuote() {
    assertThat(errors("a: 1\nb: \"unclosed\nc: 2\n")).containsExactly("h.yml:2:4: error: unclosed"
        + " quoted string: the file ends before its closing quote");
    assertThat(errors("a: 'x\n")).containsExactly("h.yml:1:4: error: unclosed"
        + " quoted string: the file ends before its closing quote");
  }

  @Test
  void badIndentation() {
    assertThat(errors("a:\n  b: 1\n c: 2\n")).containsExactly("h.yml:3:2: error: expected <block"
        + " end>, but found '<block mapping start>' (while parsing a block mapping that starts at"
        + " line 1, column 1)");
    assertThat(errors("key: value\n  bad: indent\n"))
        .containsExactly("h.yml:2:6: error: mapping values are not allowed here");
  }

  @Test
  void tabIndentation() {
    assertThat(errors("a:\n\tb: 1\n")).containsExactly("h.yml:2:1: error: found a tab character"
        + " where YAML does not allow one; indent with spaces, not tabs");
  }

  @Test
  void otherSyntaxErrorsAreOneCleanLine() {
    assertThat(errors("a: [1, 2\n")).containsExactly("h.yml:2:1: error: expected ',' or ']', but"
        + " got <stream end> (while parsing a flow sequence that starts at line 1, column 4)");
    assertThat(errors("a: @foo\n"))
        .containsExactly("h.yml:1:4: error: found character '@' that cannot start any token");
    assertThat(errors("a: b: c\n")).containsExactly("h.yml:1:5: error: mapping values are not"
        + " allowed here");
  }

  @Test
  void controlCharactersAreRejectedWithTheirPosition() {
    assertThat(errors("a: 1\nb: x\0y\n")).containsExactly("h.yml:2:5: error: non-printable"
        + " character U+0000 is not allowed in YAML; a compose file must be UTF-8 YAML text");
    assertThat(errors("a: 1\r\nb: \u0001\n")).containsExactly("h.yml:2:4: error: non-printable"
        + " character U+0001 is not allowed in YAML; a compose file must be UTF-8 YAML text");
    assertThat(errors("a: \uD800\n")).containsExactly("h.yml:1:4: error: non-printable"
        + " character U+D800 is not allowed in YAML; a compose file must be UTF-8 YAML text");
  }

  @Test
  void hugeSingleLineValueIsReadWhole() {
    Diagnostics diags = new Diagnostics();
    List<Node> docs = YamlReader.read("h.yml", "a: " + "x".repeat(10_000_000) + "\n", diags);
    assertThat(diags.list()).isEmpty();
    assertThat((String) ((ScalarNode) ((MapNode) docs.get(0)).get("a")).value()).hasSize(10_000_000);
  }

  @Test
  void hugeNumberLikeLineStaysAString() {
    Diagnostics diags = new Diagnostics();
    List<Node> docs = YamlReader.read("h.yml", "a: 0x" + "f".repeat(5_000_000) + "\n", diags);
    assertThat(diags.list()).isEmpty();
    assertThat(((ScalarNode) ((MapNode) docs.get(0)).get("a")).value()).isInstanceOf(String.class);
  }

  @Test
  void textOverTheSizeLimit() {
    assertThat(errors("#".repeat(YamlReader.MAX_BYTES + 1))).containsExactly("h.yml: error: file"
        + " is too large (16777217 bytes; the limit is 16777216 bytes)");
  }
}
