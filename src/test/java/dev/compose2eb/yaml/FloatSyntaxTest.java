package dev.compose2eb.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The hand-written float syntax check accepts exactly what the YAML 1.2 core schema regex does. */
class FloatSyntaxTest {
  private static final Pattern YAML_FLOAT =
      Pattern.compile("[-+]?(\\.[0-9]+|[0-9]+(\\.[0-9]*)?)([eE][-+]?[0-9]+)?");
  private static final Pattern LEADING_DOT_FLOAT = Pattern.compile("\\.[0-9]+([eE][-+]?[0-9]+)?");

  /** Every string of up to {@code max} characters over {@code alphabet}. */
  private static List<String> allStrings(String alphabet, int max) {
    List<String> out = new ArrayList<>(List.of(""));
    List<String> previous = List.of("");
    for (int length = 1; length <= max; length++) {
      List<String> next = new ArrayList<>();
      for (String p : previous) {
        for (char c : alphabet.toCharArray()) {
          next.add(p + c);
        }
      }
      out.addAll(next);
      previous = next;
    }
    return out;
  }

  @Test
  void agreesWithTheRegexOnEveryShortString() {
    List<String> all = allStrings("09.eE+-x_", 6);
    assertThat(all).hasSizeGreaterThan(500_000);
    int floats = 0;
    for (String s : all) {
      boolean signed = !s.isEmpty() && (s.charAt(0) == '+' || s.charAt(0) == '-');
      boolean expected = YAML_FLOAT.matcher(s).matches();
      assertThat(NumberSyntax.isFloat(s, signed ? 1 : 0, true)).as("%s", s).isEqualTo(expected);
      if (!s.isEmpty() && s.charAt(0) == '.') {
        assertThat(NumberSyntax.isFloat(s, 0, false)).as(".%s", s)
            .isEqualTo(LEADING_DOT_FLOAT.matcher(s).matches());
      }
      floats += expected ? 1 : 0;
    }
    assertThat(floats).isGreaterThan(1000);
  }

  @Test
  void plainScalarsResolveAsBefore() {
    assertThat(ScalarResolver.plain("1.5")).isEqualTo(1.5);
    assertThat(ScalarResolver.plain("-.5e1")).isEqualTo(-5.0);
    assertThat(ScalarResolver.plain("5.")).isEqualTo(5.0);
    assertThat(ScalarResolver.plain(".5")).isEqualTo(0.5);
    assertThat(ScalarResolver.plain("1e3")).isEqualTo(1000.0);
    assertThat(ScalarResolver.plain("30s")).isEqualTo("30s");
    assertThat(ScalarResolver.plain("256m")).isEqualTo("256m");
    assertThat(ScalarResolver.plain("1.2.3")).isEqualTo("1.2.3");
    assertThat(ScalarResolver.plain("3000")).isEqualTo(3000L);
    assertThat(ScalarResolver.plain("-0x1F")).isEqualTo(-31L);
    assertThat(ScalarResolver.plain("999999999999999")).isEqualTo(999_999_999_999_999L);
    assertThat(ScalarResolver.plain("9223372036854775807")).isEqualTo(Long.MAX_VALUE);
    assertThat(ScalarResolver.plain("18446744073709551615")).isEqualTo(1.8446744073709552E19);
    assertThat(ScalarResolver.plain("image")).isEqualTo("image");
    assertThat(ScalarResolver.plain("~")).isNull();
    assertThat(ScalarResolver.plain("")).isNull();
  }
}
