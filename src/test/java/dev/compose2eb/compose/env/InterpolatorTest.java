package dev.compose2eb.compose.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.compose2eb.compose.env.InterpolationException.Kind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Cases from the Compose Specification and compose-go's template tests. The environment is
 * compose-go's test mapping: FOO=first, BAR="" (set but empty); everything else is unset.
 */
class InterpolatorTest {
  private static final Interpolator.Lookup ENV =
      Interpolator.Lookup.of(Map.of("FOO", "first", "BAR", ""));

  private static String interpolate(String template) throws InterpolationException {
    return Interpolator.interpolate(template, ENV);
  }

  @ParameterizedTest(name = "[{index}] {0} -> {1}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      # no references
      foo                                   | foo
      ''                                    | ''
      # $$ is a literal $
      $${foo}                               | ${foo}
      $$FOO                                 | $FOO
      $$$FOO                                | $first
      a $$ b                                | a $ b
      # a $ not followed by $, a name or { stays as it is
      a $ string                            | a $ string
      ^REGEX$                               | ^REGEX$
      $}                                    | $}
      $                                     | $
      $1                                    | $1
      100$                                  | 100$
      $-x                                   | $-x
      # $VAR and ${VAR}
      $FOO                                  | first
      ${FOO}                                | first
      This $FOO var                         | This first var
      This ${FOO} var                       | This first var
      $FOO-bar                              | first-bar
      $FOO.bar                              | first.bar
      ${FOO}${FOO}                          | firstfirst
      This ${missing} var                   | This  var
      This ${BAR} var                       | This  var
      $foo                                  | ''
      # :- default when unset or empty, - default when unset
      ok ${missing:-def}                    | ok def
      ok ${missing-def}                     | ok def
      ok ${BAR:-def}                        | ok def
      ok ${BAR-def}                         | 'ok '
      ok ${FOO:-def}                        | ok first
      ok ${FOO-def}                         | ok first
      ok ${BAR:-/non:-alphanumeric}         | ok /non:-alphanumeric
      ${missing:-}                          | ''
      ${missing-a b c}                      | a b c
      # :+ alternative when set and non-empty, + alternative when set
      ok ${UNSET_VAR:+presence_value}       | 'ok '
      ok ${UNSET_VAR+presence_value}        | 'ok '
      ok ${FOO:+presence_value}             | ok presence_value
      ok ${FOO+presence_value}              | ok presence_value
      ok ${BAR+presence_value}              | ok presence_value
      ok ${BAR:+presence_value}             | 'ok '
      # :? and ? pass the value through when it is there
      ok ${FOO:?err}                        | ok first
      ok ${FOO?err}                         | ok first
      ok ${BAR?err}                         | 'ok '
      # the operator written first applies; the rest is part of the argument
      ${UNSET_VAR-myerror?msg}              | myerror?msg
      ${FOO?bar-baz}                        | first
      ${BAR:-default_value_for_empty_var}   | default_value_for_empty_var
      ${missing-a:-b}                       | a:-b
      ${missing:-a-b}                       | a-b
      ${missing+x}${missing:-y}             | y
      # operator characters outside the braces do not interfere
      -ok ${BAR:-defaultValue}              | -ok defaultValue
      +ok ${UNSET:-${BAR-defaultValue}}     | '+ok '
      -ok ${FOO:-defaultValue}              | -ok first
      :-ok ${UNSET-defaultValue}            | :-ok defaultValue
      :-ok ${BAR-defaultValue}              | ':-ok '
      :?ok ${BAR-defaultValue}              | ':?ok '
      :?ok ${BAR:-defaultValue}             | :?ok defaultValue
      :+ok ${BAR:-defaultValue}             | :+ok defaultValue
      +ok ${BAR-defaultValue}               | '+ok '
      ?ok ${BAR:-defaultValue}              | ?ok defaultValue
      # arguments are interpolated, and may nest
      ok ${UNSET_VAR-$FOO}                  | ok first
      ok ${UNSET_VAR-${FOO}}                | ok first
      ok ${UNSET_VAR-${FOO} ${FOO}}         | ok first first
      ok ${BAR:-$FOO}                       | ok first
      ok ${BAR:-${FOO}}                     | ok first
      ok ${BAR:-${FOO} ${FOO}}              | ok first first
      ok ${BAR+$FOO}                        | ok first
      ok ${BAR+$FOO ${FOO:+second}}         | ok first second
      ${A:-${B:-x}}                         | x
      ${A:-${B:-${FOO}}}                    | first
      ${A:-${B:-x}} and ${C:-y}             | x and y
      ${A:-$${B}}                           | ${B}
      # braces inside an argument
      '${X:-{"a":1}}'                       | '{"a":1}'
      '${FOO:-{"a":1}}'                     | first
      ${X:-{}}                              | {}
      ${X:-{a}                              | {a
      ${X:-{}                               | {
      ${X:-{}}}                             | {}}
      ${X:-a}b}                             | ab}
      ${X:-{a}}${FOO}                       | {a}first
      ${X:-[x]}                             | [x]
      # an argument that is not used is not interpolated, so not checked either
      ${FOO:-${}}                           | first
      ${missing+${ foo}}                    | ''
      """)
  void interpolates(String template, String expected) throws InterpolationException {
    assertThat(interpolate(template)).isEqualTo(expected);
  }

  @Test
  void keepsLineBreaksAndInterpolatesAcrossLines() throws InterpolationException {
    assertThat(interpolate("a\n${FOO}\n$FOO-${missing:-d}\n")).isEqualTo("a\nfirst\nfirst-d\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "${", "${}", "${ }", "${ foo}", "${foo }", "${foo!}", "${foo:}", "${foo:x}", "${:-x}",
      "${1}", "${foo", "${foo:-bar", "ok ${foo:-a\nb}", "${foo-\n}", "$FOO ${", "${foo[0]}",
      "${missing:-${}}", "${FOO} ${BAR:-${ x}}", "${X:-a{\n}"})
  void rejectsMalformedReferences(String template) {
    InterpolationException e =
        catchThrowableOfType(InterpolationException.class, () -> interpolate(template));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(Kind.INVALID_FORMAT);
    assertThat(e.template()).isEqualTo(template);
    assertThat(e.variable()).isEmpty();
  }

  @Test
  void invalidFormatMessageQuotesTheValueOnOneLine() {
    InterpolationException e =
        catchThrowableOfType(InterpolationException.class, () -> interpolate("${foo!}"));
    assertThat(e.getMessage()).isEqualTo("invalid interpolation format \"${foo!}\"");
    assertThat(e.hint()).isEqualTo("You may need to escape any $ with another $, e.g. \"$$foo\"");
    assertThat(e.composeMessage("services.web.image")).isEqualTo(
        "invalid interpolation format for services.web.image.\n"
            + "You may need to escape any $ with another $.\n${foo!}");

    InterpolationException multiLine =
        catchThrowableOfType(InterpolationException.class, () -> interpolate("a\n${\"x\"}"));
    assertThat(multiLine.getMessage())
        .isEqualTo("invalid interpolation format \"a\\n${\\\"x\\\"}\"");
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @CsvSource(delimiter = '|', quoteCharacter = '\'', textBlock = """
      not ok ${UNSET_VAR:?Mandatory Variable Unset} | UNSET_VAR | Mandatory Variable Unset
      not ok ${BAR:?Mandatory Variable Empty}       | BAR       | Mandatory Variable Empty
      not ok ${UNSET_VAR:?}                         | UNSET_VAR | ''
      not ok ${UNSET_VAR?Mandatory Variable Unset}  | UNSET_VAR | Mandatory Variable Unset
      not ok ${UNSET_VAR?}                          | UNSET_VAR | ''
      not ok ${UNSET_VAR:?Mandatory Variable ${FOO}} | UNSET_VAR | Mandatory Variable first
      not ok ${UNSET_VAR?Mandatory Variable ${FOO}} | UNSET_VAR | Mandatory Variable first
      ${UNSET_VAR?bar-baz}                          | UNSET_VAR | bar-baz
      ${missing:-${NEEDED:?set it}}                 | NEEDED    | set it
      ${FOO} and ${X:?a {b} c}                      | X         | a {b} c
      """)
  void reportsMissingRequiredVariables(String template, String variable, String reason) {
    InterpolationException e =
        catchThrowableOfType(InterpolationException.class, () -> interpolate(template));
    assertThat(e).isNotNull();
    assertThat(e.kind()).isEqualTo(Kind.REQUIRED);
    assertThat(e.variable()).isEqualTo(variable);
    assertThat(e.reason()).isEqualTo(reason);
    assertThat(e.template()).isEqualTo(template);
  }

  @Test
  void requiredMessagesAreComposes() {
    assertThatThrownBy(() -> interpolate("${UNSET_VAR:?Mandatory Variable Unset}"))
        .hasMessage("required variable UNSET_VAR is missing a value: Mandatory Variable Unset");
    assertThatThrownBy(() -> interpolate("${UNSET_VAR?}"))
        .hasMessage("required variable UNSET_VAR is missing a value");
    InterpolationException e =
        catchThrowableOfType(InterpolationException.class, () -> interpolate("${DB:?needed}"));
    assertThat(e.composeMessage("services.db.environment.PASSWORD")).isEqualTo(
        "error while interpolating services.db.environment.PASSWORD: "
            + "required variable DB is missing a value: needed");
    assertThat(e.hint()).isEqualTo("set DB in the shell environment or in the .env file");
  }

  @Test
  void theFirstErrorInTheValueWins() {
    InterpolationException e = catchThrowableOfType(
        InterpolationException.class, () -> interpolate("${A:?first} ${}"));
    assertThat(e.kind()).isEqualTo(Kind.REQUIRED);
    InterpolationException f = catchThrowableOfType(
        InterpolationException.class, () -> interpolate("${} ${A:?first}"));
    assertThat(f.kind()).isEqualTo(Kind.INVALID_FORMAT);
  }

  @Test
  void reportsEveryUnsetVariableUsedWithoutOperator() throws InterpolationException {
    List<String> unset = new ArrayList<>();
    String result = Interpolator.interpolate(
        "${A} $A ${B:-x} ${C} $BAR ${D+y} ${FOO:-$E} ${missing:-$F}", ENV, unset::add);
    assertThat(result).isEqualTo("  x    first ");
    // B and D have operators; E is in a default that is not used; BAR is set (to "")
    assertThat(unset).containsExactly("A", "A", "C", "F");
  }

  @Test
  void lookupIsCaseSensitiveAndSeesOnlyNames() throws InterpolationException {
    List<String> asked = new ArrayList<>();
    Interpolator.Lookup recording = name -> {
      asked.add(name);
      return Optional.of("<" + name + ">");
    };
    assertThat(Interpolator.interpolate("$foo ${Foo:-x} $$FOO ${B-${C}}", recording))
        .isEqualTo("<foo> <Foo> $FOO <B>");
    assertThat(asked).containsExactly("foo", "Foo", "B");
  }

  @Test
  void namesFollowGoCaseFolding() throws InterpolationException {
    // Go matches [_a-z] case-insensitively, which also admits the long s and the Kelvin sign
    Interpolator.Lookup lookup = Interpolator.Lookup.of(Map.of("\u212Aelvin", "K", "_x9", "v"));
    assertThat(Interpolator.interpolate("$\u212Aelvin/${_x9}/$9", lookup)).isEqualTo("K/v/$9");
  }

  @Test
  void lookupOrElseFallsBack() throws InterpolationException {
    Interpolator.Lookup first = Interpolator.Lookup.of(Map.of("A", "1", "E", ""));
    Interpolator.Lookup both = first.orElse(Interpolator.Lookup.of(Map.of("A", "2", "B", "3")));
    assertThat(Interpolator.interpolate("$A $B ${E-x} ${Z-z}", both)).isEqualTo("1 3  z");
  }

  @Test
  void valuesWithoutDollarAreReturnedAsGiven() throws InterpolationException {
    String text = "no references here";
    assertThat(Interpolator.interpolate(text, name -> {
      throw new AssertionError("lookup must not be called");
    })).isSameAs(text);
  }
}
