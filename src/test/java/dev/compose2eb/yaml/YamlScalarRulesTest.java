package dev.compose2eb.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.Diagnostics;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every scalar rule of go-yaml v3, as Docker Compose sees a value written after {@code v: }. */
class YamlScalarRulesTest {

  static Object valueOf(String scalarText) {
    Diagnostics diags = new Diagnostics();
    List<Node> docs = YamlReader.read("t.yml", "v: " + scalarText + "\n", diags);
    assertThat(diags.list()).as("diagnostics for %s", scalarText).isEmpty();
    return ((ScalarNode) ((MapNode) docs.get(0)).get("v")).value();
  }

  static List<Arguments> typedScalars() {
    return List.of(
        // booleans: only the three spellings of true/false
        Arguments.of("true", Boolean.TRUE),
        Arguments.of("True", Boolean.TRUE),
        Arguments.of("TRUE", Boolean.TRUE),
        Arguments.of("false", Boolean.FALSE),
        Arguments.of("False", Boolean.FALSE),
        Arguments.of("FALSE", Boolean.FALSE),
        // YAML 1.1 words stay strings
        Arguments.of("yes", "yes"),
        Arguments.of("Yes", "Yes"),
        Arguments.of("no", "no"),
        Arguments.of("NO", "NO"),
        Arguments.of("on", "on"),
        Arguments.of("off", "off"),
        Arguments.of("y", "y"),
        Arguments.of("n", "n"),
        Arguments.of("tRUE", "tRUE"),
        // no base 60, no timestamps
        Arguments.of("22:22", "22:22"),
        Arguments.of("190:20:30", "190:20:30"),
        Arguments.of("2001-12-14", "2001-12-14"),
        Arguments.of("2001-12-14t21:59:43.10-05:00", "2001-12-14t21:59:43.10-05:00"),
        // ints, Go's ParseInt with base 0 after dropping every underscore
        Arguments.of("0", 0L),
        Arguments.of("-0", 0L),
        Arguments.of("42", 42L),
        Arguments.of("+42", 42L),
        Arguments.of("-42", -42L),
        Arguments.of("0x1F", 31L),
        Arguments.of("0X1f", 31L),
        Arguments.of("-0x1F", -31L),
        Arguments.of("0o17", 15L),
        Arguments.of("+0o17", 15L),
        Arguments.of("0O17", 15L),
        Arguments.of("0b101", 5L),
        Arguments.of("-0b101", -5L),
        Arguments.of("0755", 493L),
        Arguments.of("-0755", -493L),
        Arguments.of("00", 0L),
        Arguments.of("1_000", 1000L),
        Arguments.of("1__0_0", 100L),
        Arguments.of("1_", 1L),
        Arguments.of("-_1", -1L),
        Arguments.of("0x_1F", 31L),
        Arguments.of("9223372036854775807", Long.MAX_VALUE),
        Arguments.of("-9223372036854775808", Long.MIN_VALUE),
        // beyond int64: Go's uint64 (a number here), then float, as go-yaml does
        Arguments.of("18446744073709551615", 1.8446744073709552E19),
        Arguments.of("18446744073709551616", 1.8446744073709552E19),
        Arguments.of("-9223372036854775809", -9.223372036854775808E18),
        Arguments.of("0xFFFFFFFFFFFFFFFFFF", "0xFFFFFFFFFFFFFFFFFF"),
        // a leading 0 with 8 or 9 is not octal, so it is the float Go parses
        Arguments.of("08", 8.0),
        Arguments.of("09.5", 9.5),
        // floats
        Arguments.of("1.5", 1.5),
        Arguments.of("-1.5", -1.5),
        Arguments.of("1.", 1.0),
        Arguments.of(".5", 0.5),
        Arguments.of("-.5", -0.5),
        Arguments.of("+.5", 0.5),
        Arguments.of("1e3", 1000.0),
        Arguments.of("1E-2", 0.01),
        Arguments.of(".5e1", 5.0),
        Arguments.of("1_000.5", 1000.5),
        Arguments.of(".inf", Double.POSITIVE_INFINITY),
        Arguments.of(".Inf", Double.POSITIVE_INFINITY),
        Arguments.of("+.INF", Double.POSITIVE_INFINITY),
        Arguments.of("-.inf", Double.NEGATIVE_INFINITY),
        Arguments.of(".nan", Double.NaN),
        Arguments.of(".NaN", Double.NaN),
        Arguments.of(".NAN", Double.NaN),
        // what go-yaml leaves as strings
        Arguments.of("-.NaN", "-.NaN"),
        Arguments.of(".iNf", ".iNf"),
        Arguments.of("1e400", "1e400"),
        Arguments.of("._5", "._5"),
        Arguments.of("_1", "_1"),
        Arguments.of("0x", "0x"),
        Arguments.of("-x", "-x"),
        Arguments.of("+", "+"),
        Arguments.of("1.2.3", "1.2.3"),
        Arguments.of("1e", "1e"),
        Arguments.of("inf", "inf"),
        Arguments.of("NaN", "NaN"),
        Arguments.of("0x1p3", "0x1p3"),
        Arguments.of("١٢", "١٢"),
        Arguments.of("<<", "<<"),
        Arguments.of("nginx:1.25", "nginx:1.25"),
        Arguments.of("80:80", "80:80"),
        Arguments.of("\"42\"", "42"),
        Arguments.of("'true'", "true"),
        Arguments.of("\"~\"", "~"),
        Arguments.of("'0x1F'", "0x1F"),
        Arguments.of("\"\"", ""));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("typedScalars")
  void resolvesLikeGoYamlV3(String text, Object expected) {
    assertThat(valueOf(text)).isEqualTo(expected);
  }

  @Test
  void aLoneSignIsAString() {
    assertThat(ScalarResolver.plain("-")).isEqualTo("-");
    assertThat(ScalarResolver.plain("-_")).isEqualTo("-_");
  }

  @ParameterizedTest
  @ValueSource(strings = {"~", "null", "Null", "NULL", "", "!!null ~", "!!null ''"})
  void nulls(String text) {
    assertThat(valueOf(text)).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"nUll", "NIL", "none"})
  void otherNullLookalikesAreStrings(String text) {
    assertThat(valueOf(text)).isEqualTo(text);
  }

  static List<Arguments> taggedScalars() {
    return List.of(
        Arguments.of("!!str 80", "80"),
        Arguments.of("!!str true", "true"),
        Arguments.of("!!str ~", "~"),
        Arguments.of("!!str", ""),
        Arguments.of("!!int \"42\"", 42L),
        Arguments.of("!!int 0x10", 16L),
        Arguments.of("!!float 1", 1.0),
        Arguments.of("!!float '2.5'", 2.5),
        Arguments.of("!!bool \"true\"", Boolean.TRUE),
        Arguments.of("!<tag:yaml.org,2002:int> 7", 7L),
        Arguments.of("! 12", 12L),
        Arguments.of("!custom 12", "12"),
        Arguments.of("!custom true", "true"),
        Arguments.of("!!binary aGk=", "aGk="),
        Arguments.of("!!timestamp 2001-12-14", "2001-12-14"),
        Arguments.of("| \n  line1\n  line2", "line1\nline2\n"),
        Arguments.of(">-\n  folded\n  text", "folded text"),
        Arguments.of("|\n  42", "42\n"),
        Arguments.of("'it''s'", "it's"),
        Arguments.of("\"tab\\there\\u00e9\"", "tab\there\u00e9"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("taggedScalars")
  void tagsAndStyles(String text, Object expected) {
    assertThat(valueOf(text)).isEqualTo(expected);
  }

  static List<Arguments> badlyTagged() {
    return List.of(
        Arguments.of("!!int abc", "t.yml:1:4: error: cannot decode !!str `abc` as a !!int"),
        Arguments.of("!!int 1.5", "t.yml:1:4: error: cannot decode !!float `1.5` as a !!int"),
        Arguments.of("!!bool yes", "t.yml:1:4: error: cannot decode !!str `yes` as a !!bool"),
        Arguments.of("!!float true", "t.yml:1:4: error: cannot decode !!bool `true` as a !!float"),
        Arguments.of("!!null 0", "t.yml:1:4: error: cannot decode !!int `0` as a !!null"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badlyTagged")
  void explicitTagThatDoesNotFitIsAnError(String text, String expected) {
    Diagnostics diags = new Diagnostics();
    assertThat(YamlReader.read("t.yml", "v: " + text + "\n", diags)).isEmpty();
    assertThat(diags.list()).extracting(d -> d.render()).containsExactly(expected);
  }
}
