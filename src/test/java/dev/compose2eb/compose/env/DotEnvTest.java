package dev.compose2eb.compose.env;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The dotenv grammar, case by case; most cases come from compose-go's dotenv tests. */
class DotEnvTest {
  private static final Interpolator.Lookup NOTHING = name -> Optional.empty();

  private static Map<String, String> parse(String text, Diagnostics diags) {
    return DotEnv.parse(".env", text, NOTHING, diags);
  }

  private static Map<String, String> parseClean(String text) {
    Diagnostics diags = new Diagnostics();
    Map<String, String> result = parse(text, diags);
    assertThat(diags.list()).as("diagnostics for %s", text).isEmpty();
    return result;
  }

  static Stream<Arguments> grammar() {
    return Stream.of(
        // KEY=VALUE, spaces around the key and before the value
        arguments("FOO=bar", Map.of("FOO", "bar")),
        arguments("FOO =bar", Map.of("FOO", "bar")),
        arguments("FOO= bar", Map.of("FOO", "bar")),
        arguments(" KEY =value", Map.of("KEY", "value")),
        arguments("\tKEY=value", Map.of("KEY", "value")),
        arguments("FOO=bar ", Map.of("FOO", "bar")),
        arguments("FOO=foobar=", Map.of("FOO", "foobar=")),
        arguments("FOO=", Map.of("FOO", "")),
        arguments("FOO=\nBAR=1", Map.of("FOO", "", "BAR", "1")),
        arguments("=\"value\"", Map.of("", "value")),
        // key characters
        arguments("FOO.BAR=foobar", Map.of("FOO.BAR", "foobar")),
        arguments("VAR-WITH-DASHES=d\na[1]=c", Map.of("VAR-WITH-DASHES", "d", "a[1]", "c")),
        arguments("árvíztűrő-TÜKÖRFÚRÓGÉP=ÁRVÍZTŰRŐ",
            Map.of("árvíztűrő-TÜKÖRFÚRÓGÉP", "ÁRVÍZTŰRŐ")),
        arguments("1KEY=x", Map.of("1KEY", "x")),
        // yaml style
        arguments("OPTION_A: 1", Map.of("OPTION_A", "1")),
        arguments("OPTION_A: Foo=bar", Map.of("OPTION_A", "Foo=bar")),
        arguments("OPTION_A=1:B", Map.of("OPTION_A", "1:B")),
        arguments("URL:http://x", Map.of("URL", "http://x")),
        // export
        arguments("export OPTION_A=2", Map.of("OPTION_A", "2")),
        arguments("export OPTION_B='\\n'", Map.of("OPTION_B", "\\n")),
        arguments("export exportFoo=2", Map.of("exportFoo", "2")),
        arguments("exportFOO=2", Map.of("exportFOO", "2")),
        arguments("export_FOO =2", Map.of("export_FOO", "2")),
        arguments("export.FOO= 2", Map.of("export.FOO", "2")),
        arguments("export\tOPTION_A=2", Map.of("OPTION_A", "2")),
        arguments("  export OPTION_A=2", Map.of("OPTION_A", "2")),
        arguments("export OPTION_A=\"export A\"", Map.of("OPTION_A", "export A")),
        arguments("export=1", Map.of("export", "1")),
        // comments
        arguments("# comment\nA=1\n  # indented\n\t # tab\nB=2", Map.of("A", "1", "B", "2")),
        arguments("FOO=bar # this is foo", Map.of("FOO", "bar")),
        arguments("FOO=bar #this is foo", Map.of("FOO", "bar")),
        arguments("FOO=bar #", Map.of("FOO", "bar")),
        arguments("FOO=123#not-an-inline-comment", Map.of("FOO", "123#not-an-inline-comment")),
        arguments("FOO=a\t#b", Map.of("FOO", "a\t#b")),
        arguments("FOO= #x", Map.of("FOO", "#x")),
        arguments("FOO=\"bar#baz\"", Map.of("FOO", "bar#baz")),
        arguments("FOO=\"bar#baz\"#", Map.of("FOO", "bar#baz")),
        arguments("FOO=\"bar#baz\" # comment", Map.of("FOO", "bar#baz")),
        arguments("FOO='bar#baz' # comment", Map.of("FOO", "bar#baz")),
        arguments("FOO=\"bar#baz#bang\" # comment", Map.of("FOO", "bar#baz#bang")),
        // quotes
        arguments("FOO=\"bar\"", Map.of("FOO", "bar")),
        arguments("FOO='bar'", Map.of("FOO", "bar")),
        arguments("FOO=\"\"\nBAR=''", Map.of("FOO", "", "BAR", "")),
        arguments("FOO=\"escaped\\\"bar\"", Map.of("FOO", "escaped\"bar")),
        arguments("FOO=\"\\\"quoted\\\"\"", Map.of("FOO", "\"quoted\"")),
        arguments("FOO=\"'d'\"", Map.of("FOO", "'d'")),
        arguments("FOO='it\\'s'", Map.of("FOO", "it's")),
        arguments("FOO='a\\tb\\\\'", Map.of("FOO", "a\\tb\\\\")),
        arguments("FOO=a\"b'c", Map.of("FOO", "a\"b'c")),
        arguments("ONE=1\nTWO='2'\nTHREE = \"3\"", Map.of("ONE", "1", "TWO", "2", "THREE", "3")),
        arguments("A=\"x\" B=y", Map.of("A", "x", "B", "y")),
        // multi-line quoted values
        arguments("TEST_URLS=\"stratum+tcp://a:3333\nstratum+tcp://b:443\"\nNEXT=1",
            Map.of("TEST_URLS", "stratum+tcp://a:3333\nstratum+tcp://b:443", "NEXT", "1")),
        arguments("OPTION_J = 'first line\nsecond line\nthird line'\nOPTION_Z = \"last value\"",
            Map.of("OPTION_J", "first line\nsecond line\nthird line", "OPTION_Z", "last value")),
        arguments("K='line one\nthis is \\'quoted\\'\none more line'",
            Map.of("K", "line one\nthis is 'quoted'\none more line")),
        // escapes: only in double quotes
        arguments("FOO=\"bar\\nbaz\"", Map.of("FOO", "bar\nbaz")),
        arguments("FOO=a\\tb", Map.of("FOO", "a\\tb")),
        arguments("FOO=\"a\\tb\"", Map.of("FOO", "a\tb")),
        arguments("KEY=\"Z\\aZ\\bZ\\fZ\\nZ\\rZ\\tZ\\vZ\\\\Z\\0123Z\"",
            Map.of("KEY", "Z\u0007Z\bZ\fZ\nZ\rZ\tZ\u000BZ\\ZSZ")),
        arguments("FOO=\"bar\\n\\ b\\az\"", Map.of("FOO", "bar\n\\ b\u0007z")),
        arguments("FOO=\"bar\\\\\\n\\ b\\az\"", Map.of("FOO", "bar\\\n\\ b\u0007z")),
        arguments("FOO=\"bar\\\\r\\ b\\az\"", Map.of("FOO", "bar\\r\\ b\u0007z")),
        arguments("FOO=\"bar\\nbaz\\\\\"", Map.of("FOO", "bar\nbaz\\")),
        arguments("KEY=\"\\0123\"", Map.of("KEY", "S")),
        arguments("KEY=\"\\0101\\0\\01\\012\\0400\\0189\"", Map.of("KEY", "A\\0\\01\\012\\0400\\0189")),
        arguments("KEY=\"\\x07\\u12e4\\U00101234\\c\"", Map.of("KEY", "\\x07\\u12e4\\U00101234\\c")),
        // interpolation: unquoted and double-quoted values, not single-quoted ones
        arguments("FOO=test\nBAR=$FOO", Map.of("FOO", "test", "BAR", "test")),
        arguments("FOO=test\nBAR=${FOO}bar", Map.of("FOO", "test", "BAR", "testbar")),
        arguments("FOO=test\nBAR=\"quote $FOO\"", Map.of("FOO", "test", "BAR", "quote test")),
        arguments("BAR='quote $FOO'", Map.of("BAR", "quote $FOO")),
        arguments("FOO=\"foo\\$BAR\"", Map.of("FOO", "foo$BAR")),
        arguments("FOO=\"foo\\${BAR}\"", Map.of("FOO", "foo${BAR}")),
        arguments("FOO=test\nBAR=\"foo\\${FOO} ${FOO}\"", Map.of("FOO", "test", "BAR", "foo${FOO} test")),
        arguments("A=$$x", Map.of("A", "$x")),
        arguments("R=${UNSET_VAR:-Default Value}\nE=\nS=${E-x}",
            Map.of("R", "Default Value", "E", "", "S", "")),
        arguments("OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\n"
                + "OPTION_D=${OPTION_A}_${OPTION_B}\nOPTION_E=${OPTION_NOT_DEFINED:-}",
            Map.of("OPTION_A", "1", "OPTION_B", "1", "OPTION_C", "1", "OPTION_D", "1_1",
                "OPTION_E", "")),
        // later definitions win
        arguments("A=1\nA=2", Map.of("A", "2")),
        // blank lines, whitespace, CRLF, BOM
        arguments("\n", Map.of()),
        arguments("\r\n", Map.of()),
        arguments("\t\t ", Map.of()),
        arguments("", Map.of()),
        arguments("A=1\r\nB = two words \r\n\r\nC=\"3\"\r\nexport D='4'\r\n",
            Map.of("A", "1", "B", "two words", "C", "3", "D", "4")),
        arguments("K=\"a\r\nb\"", Map.of("K", "a\r\nb")),
        arguments("\uFEFFOPTION_A=1\nOPTION_B=2", Map.of("OPTION_A", "1", "OPTION_B", "2")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("grammar")
  void parses(String text, Map<String, String> expected) {
    assertThat(parseClean(text)).containsExactlyInAnyOrderEntriesOf(expected);
  }

  @Test
  void keepsTheOrderOfFirstDefinition() {
    assertThat(parseClean("Z=1\nA=2\nM=3\nZ=4").entrySet())
        .extracting(Map.Entry::getKey, Map.Entry::getValue)
        .containsExactly(
            tuple("Z", "4"),
            tuple("A", "2"),
            tuple("M", "3"));
  }

  @Test
  void bareKeysTakeTheirValueFromTheLookupOrAreLeftOut() {
    Interpolator.Lookup os = Interpolator.Lookup.of(Map.of("FROM_OS", "os value", "EMPTY", ""));
    Diagnostics diags = new Diagnostics();
    Map<String, String> env = DotEnv.parse(".env",
        "FOO=bar\nFROM_OS\nVARIABLE_NOT_FOUND\n  EMPTY  \nBAR=baz\nLAST", os, diags);
    assertThat(env).containsExactly(
        Map.entry("FOO", "bar"), Map.entry("FROM_OS", "os value"), Map.entry("EMPTY", ""),
        Map.entry("BAR", "baz"));
    assertThat(diags.list()).isEmpty();
  }

  @Test
  void bareKeyReadsTheLookupNotTheFile() {
    Diagnostics diags = new Diagnostics();
    assertThat(DotEnv.parse(".env", "A=file\nA\n", NOTHING, diags)).containsExactly(Map.entry("A", "file"));
    Interpolator.Lookup os = Interpolator.Lookup.of(Map.of("A", "os"));
    assertThat(DotEnv.parse(".env", "A=file\nA\n", os, diags)).containsExactly(Map.entry("A", "os"));
  }

  @Test
  void interpolationAsksTheLookupBeforeTheFile() {
    Interpolator.Lookup os = Interpolator.Lookup.of(Map.of("OPTION_A", "5"));
    Diagnostics diags = new Diagnostics();
    Map<String, String> env = DotEnv.parse(".env",
        "OPTION_A=1\nOPTION_B=${OPTION_A}\nOPTION_C=$OPTION_B\nOPTION_D=${OPTION_A}_${OPTION_B}\n"
            + "OPTION_F=${OPTION_A:-1}", os, diags);
    // OPTION_A itself is what the file says; references to it see the environment's 5
    assertThat(env).containsExactly(Map.entry("OPTION_A", "1"), Map.entry("OPTION_B", "5"),
        Map.entry("OPTION_C", "5"), Map.entry("OPTION_D", "5_5"), Map.entry("OPTION_F", "5"));
  }

  @Test
  void warnsOncePerUnsetVariableAtTheValue() {
    Diagnostics diags = new Diagnostics();
    Map<String, String> env = parse("A=ok\nBAR=$FOO\nBAZ=\"x ${FOO} $OTHER\"\nQ='$FOO'", diags);
    assertThat(env).containsEntry("BAR", "").containsEntry("BAZ", "x  ").containsEntry("Q", "$FOO");
    assertThat(diags.list()).extracting(Diagnostic::render).containsExactly(
        ".env:2:5: warning: BAR: The \"FOO\" variable is not set. Defaulting to a blank string.",
        ".env:3:5: warning: BAZ: The \"OTHER\" variable is not set. Defaulting to a blank string.");
  }

  static Stream<Arguments> errors() {
    return Stream.of(
        arguments("lol$wut", List.of(
            ".env:1:4: error: unexpected character \"$\" in variable name \"lol$wut\"; names may "
                + "contain letters, digits, \"_\", \".\", \"-\", \"[\" and \"]\", e.g. \"API_KEY=value\"")),
        arguments("A=1\n%!(EXTRA string)=foo\nB=2", List.of(
            ".env:2:1: error: unexpected character \"%\" in variable name \"%!(EXTRA string)=foo\"; "
                + "names may contain letters, digits, \"_\", \".\", \"-\", \"[\" and \"]\", "
                + "e.g. \"API_KEY=value\"")),
        arguments("# c\n\nMY KEY=1\n", List.of(
            ".env:3:1: error: key cannot contain a space: \"MY KEY\"; e.g. \"MY_KEY=value\"")),
        arguments("A=1\nKEY=\"value", List.of(
            ".env:2:5: error: KEY: unterminated quoted value \"value; "
                + "close the value with \", e.g. KEY=\"value\"")),
        arguments("KEY='value\\'\nMORE=1", List.of(
            ".env:1:5: error: KEY: unterminated quoted value 'value\\'; "
                + "close the value with ', e.g. KEY='value'")),
        arguments("A=${foo!}", List.of(
            ".env:1:3: error: A: invalid interpolation format \"${foo!}\"; "
                + "You may need to escape any $ with another $, e.g. \"$$foo\"")),
        arguments("X=1\nP=\"${PASSWORD:?set a password}\"", List.of(
            ".env:2:3: error: P: required variable PASSWORD is missing a value: set a password; "
                + "set PASSWORD in the shell environment or in the .env file")));
  }

  @ParameterizedTest(name = "[{index}] {0}")
  @MethodSource("errors")
  void reportsErrorsWithLineAndColumn(String text, List<String> expected) {
    Diagnostics diags = new Diagnostics();
    parse(text, diags);
    assertThat(diags.list()).extracting(Diagnostic::render).containsExactlyElementsOf(expected);
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "KEY=\"", "KEY=\"value", "KEY=\"value\\\"", "KEY=\"value'", "KEY='", "KEY='value",
      "KEY='value\\'", "KEY='value\""})
  void unterminatedQuotesAreErrors(String text) {
    Diagnostics diags = new Diagnostics();
    assertThat(parse(text, diags)).isEmpty();
    assertThat(diags.list()).singleElement().satisfies(d -> {
      assertThat(d.isError()).isTrue();
      assertThat(d.message()).startsWith("unterminated quoted value ");
    });
  }

  @Test
  void collectsEveryErrorAndKeepsTheGoodEntries() {
    Diagnostics diags = new Diagnostics();
    Map<String, String> env = parse("A=1\nB C=2\nD=${\nE=5\nF@=6\nG=7", diags);
    assertThat(env).containsExactly(Map.entry("A", "1"), Map.entry("E", "5"), Map.entry("G", "7"));
    assertThat(diags.list()).extracting(d -> d.location().orElseThrow().line())
        .containsExactly(2, 3, 5);
  }

  @Test
  void readsFilesAsUtf8(@TempDir Path dir) throws IOException {
    Path file = dir.resolve("app.env");
    Files.write(file, "\uFEFFNAME=Zoë\r\nexport PORT: 80\r\n".getBytes(StandardCharsets.UTF_8));
    Diagnostics diags = new Diagnostics();
    assertThat(DotEnv.readFile(file, "app.env", NOTHING, diags))
        .containsExactly(Map.entry("NAME", "Zoë"), Map.entry("PORT", "80"));
    assertThat(diags.list()).isEmpty();
  }

  @Test
  void reportsFilesThatCannotBeRead(@TempDir Path dir) throws IOException {
    Path latin1 = dir.resolve("latin1.env");
    Files.write(latin1, new byte[] {'A', '=', 'Z', 'o', (byte) 0xEB, '\n'});
    Path big = dir.resolve("big.env");
    Files.write(big, new byte[(int) DotEnv.MAX_BYTES + 1]);

    assertThat(readErrors(dir.resolve("missing.env"), "missing.env"))
        .containsExactly("missing.env: error: couldn't find env file; "
            + "create it, or correct the path (relative to the project directory)");
    assertThat(readErrors(dir, "envdir"))
        .containsExactly("envdir: error: env file is a directory; name a file, e.g. \".env\"");
    assertThat(readErrors(latin1, "latin1.env"))
        .containsExactly("latin1.env: error: env file is not valid UTF-8 (bad byte at offset 4); "
            + "save it as UTF-8");
    assertThat(readErrors(big, "big.env"))
        .containsExactly("big.env: error: env file is too large (1048577 bytes, the limit is 1 MiB); "
            + "keep only KEY=VALUE lines in it");
  }

  private static List<String> readErrors(Path file, String name) {
    Diagnostics diags = new Diagnostics();
    assertThat(DotEnv.readFile(file, name, NOTHING, diags)).isEmpty();
    return diags.list().stream().map(Diagnostic::render).toList();
  }
}
