package dev.compose2eb.yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compose2eb.diag.Diagnostics;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class YamlWriterTest {

  private static Map<String, Object> map(Object... keyValues) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put((String) keyValues[i], keyValues[i + 1]);
    }
    return map;
  }

  @Test
  void composeConfigLayout() {
    Map<String, Object> doc = map(
        "name", "demo",
        "services", map(
            "web", map(
                "image", "nginx:1.25",
                "ports", List.of(map("target", 80, "published", "8080", "protocol", "tcp")),
                "command", List.of("nginx", "-g", "daemon off;"),
                "environment", map("A", "1", "B", null),
                "restart", "no",
                "cpus", 0.5,
                "read_only", true,
                "healthcheck", map("test", List.of("CMD", "true"), "retries", 3L))),
        "volumes", map("data", map()),
        "networks", map());
    assertThat(YamlWriter.write(doc)).isEqualTo("""
        name: demo
        services:
          web:
            image: nginx:1.25
            ports:
              - target: 80
                published: "8080"
                protocol: tcp
            command:
              - nginx
              - "-g"
              - daemon off;
            environment:
              A: "1"
              B: null
            restart: "no"
            cpus: 0.5
            read_only: true
            healthcheck:
              test:
                - CMD
                - "true"
              retries: 3
        volumes:
          data: {}
        networks: {}
        """);
  }

  @Test
  void nestedSequencesAndEmptyCollections() {
    Map<String, Object> doc = map("matrix", List.of(List.of(1, 2), List.of(), map(), List.of(
        map("a", List.of("x")))), "empty", List.of());
    assertThat(YamlWriter.write(doc)).isEqualTo("""
        matrix:
          - - 1
            - 2
          - []
          - {}
          - - a:
                - x
        empty: []
        """);
  }

  @Test
  void topLevelValues() {
    assertThat(YamlWriter.write(map())).isEqualTo("{}\n");
    assertThat(YamlWriter.write(List.of())).isEqualTo("[]\n");
    assertThat(YamlWriter.write(List.of("a", 1))).isEqualTo("- a\n- 1\n");
    assertThat(YamlWriter.write("yes")).isEqualTo("\"yes\"\n");
    assertThat(YamlWriter.write(null)).isEqualTo("null\n");
  }

  @Test
  void numbersReadBackAsNumbersOfTheSameKind() {
    Map<String, Object> doc = map("i", 7, "l", -9_000_000_000L, "d", 1.0, "small", 1.0e-5,
        "big", 1.0e21, "inf", Double.POSITIVE_INFINITY, "ninf", Double.NEGATIVE_INFINITY,
        "nan", Double.NaN);
    assertThat(YamlWriter.write(doc)).isEqualTo("""
        i: 7
        l: -9000000000
        d: 1.0
        small: 1.0e-5
        big: 1.0e+21
        inf: .inf
        ninf: -.inf
        nan: .nan
        """);
    MapNode back = readBack(doc);
    assertThat(((ScalarNode) back.get("l")).value()).isEqualTo(-9_000_000_000L);
    assertThat(((ScalarNode) back.get("d")).value()).isEqualTo(1.0);
    assertThat(((ScalarNode) back.get("small")).value()).isEqualTo(1.0e-5);
    assertThat(((ScalarNode) back.get("big")).value()).isEqualTo(1.0e21);
    assertThat(((ScalarNode) back.get("ninf")).value()).isEqualTo(Double.NEGATIVE_INFINITY);
    assertThat((Double) ((ScalarNode) back.get("nan")).value()).isNaN();
  }

  @Test
  void quotingAndEscapes() {
    Map<String, Object> doc = map("empty", "", "lead", " x", "trail", "x ", "nl", "a\nb",
        "esc", "q\"b\\t\te\u0007\u001b\u0085\u2028\u00a0\uFEFF", "colon", "a: b", "hash", "a #b",
        "hashok", "a#b", "url", "http://x:80/a?b=c", "emoji", "ok \uD83D\uDE00", "star", "*x",
        "tilde", "~", "ver", "1.2.3", "time", "22:22", "date", "2024-01-02", "y", "Y",
        "octal", "0755", "merge", "<<", "end", "a:", "utf", "café");
    assertThat(YamlWriter.write(doc)).isEqualTo("""
        empty: ""
        lead: " x"
        trail: "x "
        nl: "a\\nb"
        esc: "q\\"b\\\\t\\te\\a\\e\\N\\u2028\u00a0\\uFEFF"
        colon: "a: b"
        hash: "a #b"
        hashok: a#b
        url: http://x:80/a?b=c
        emoji: "ok \uD83D\uDE00"
        star: "*x"
        tilde: "~"
        ver: "1.2.3"
        time: "22:22"
        date: "2024-01-02"
        "y": "Y"
        octal: "0755"
        merge: "<<"
        end: "a:"
        utf: café
        """);
  }

  @Test
  void keysAreQuotedByTheSameRules() {
    assertThat(YamlWriter.write(map("80", "a", "on", "b", "x y", "c", "", "d")))
        .isEqualTo("\"80\": a\n\"on\": b\nx y: c\n\"\": d\n");
  }

  @Test
  void sameInputSameBytes() {
    Map<String, Object> doc = map("b", List.of(map("x", 1)), "a", "z");
    assertThat(YamlWriter.write(doc)).isEqualTo(YamlWriter.write(doc));
  }

  @Test
  void unsupportedValuesAreAProgrammingError() {
    assertThatThrownBy(() -> YamlWriter.write(map("x", new Object())))
        .isInstanceOf(IllegalArgumentException.class);
    Map<Object, Object> intKeys = new LinkedHashMap<>();
    intKeys.put(1, "a");
    assertThatThrownBy(() -> YamlWriter.write(intKeys))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static final List<String> TRICKY = List.of(
      "yes", "Yes", "YES", "no", "No", "NO", "on", "On", "ON", "off", "Off", "OFF", "y", "Y", "n",
      "N", "true", "True", "TRUE", "false", "FALSE", "null", "Null", "NULL", "~", "", " ", "  x",
      "x  ", "0", "-0", "+1", "42", "0755", "08", "0x1F", "0o17", "0b101", "1_000", "1e3", "1E3",
      "1.5", ".5", "1.", "-.5", ".inf", "-.Inf", ".NaN", ".nan", "22:22", "1:20:30", "190:20:30.15",
      "2001-12-14", "2001-12-14t21:59:43.10-05:00", "2001-12-14 21:59:43.10 -5",
      "*", "&a", "!tag", "|", ">", "'", "\"", "%x", "@x", "`x", "-", "- x", "-x", "?", "? x",
      ":", ":x", "x:", ",", "[", "]", "{", "}", "{a: 1}", "[1, 2]", "#", "# x", "a #b", "a: b",
      "a:b", "key: value: x", "<<", "=", "---", "...", "--- x", "line1\nline2", "trailing\n",
      "\n", "\r\n", "tab\there", "\t", "nul\0byte", "bell\u0007", "del\u007f", "c1\u0085\u0090",
      "ls\u2028ps\u2029", "bom\uFEFF", "\u00a0nbsp", "emoji \uD83D\uDE00", "café", "日本語",
      "back\\slash", "quote\"inside", "it's", "${VAR}", "$$", "$", "a,b", "a]b", "a}b",
      "nginx:1.25", "80:80", "127.0.0.1:8080:80/tcp", "0.0.0.0", "1.2.3", "3.8-alpine", "-1",
      "+.inf", "0x", "_1", "1__2", "1e400", "9223372036854775808", "18446744073709551616", "NaN",
      "inf", "Infinity", "0.", "00", "0o", "0b", "+", "-.", ".", "x\u00a0", "x ", "x #", "x#");

  @Test
  void trickyStringsRoundTripThroughTheReader() {
    Map<String, Object> doc = new LinkedHashMap<>();
    List<Object> asList = new ArrayList<>();
    for (int i = 0; i < TRICKY.size(); i++) {
      doc.put("k" + i, TRICKY.get(i));
      asList.add(TRICKY.get(i));
    }
    doc.put("list", asList);
    MapNode back = readBack(doc);
    for (int i = 0; i < TRICKY.size(); i++) {
      assertThat(((ScalarNode) back.get("k" + i)).value()).as("value %s", Arrays.toString(
          TRICKY.get(i).chars().toArray())).isEqualTo(TRICKY.get(i));
    }
    assertThat(((SeqNode) back.get("list")).items()).extracting(n -> ((ScalarNode) n).value())
        .containsExactlyElementsOf(TRICKY);
  }

  @Test
  void trickyStringsRoundTripAsKeys() {
    Map<String, Object> doc = new LinkedHashMap<>();
    for (String s : TRICKY) {
      doc.put(s, "v");
    }
    assertThat(readBack(doc).keys()).containsExactlyElementsOf(TRICKY);
  }

  @ParameterizedTest
  @ValueSource(strings = {"yes", "no", "on", "off", "y", "n", "22:22", "1:20", "0755", "1_000",
      "2001-12-14", ".inf", "1.5", "12", "true", "~", "null", "-", "1e3", "0x1F", "0b1", "=", "<<"})
  void stringsYaml11ReadersWouldMisreadAreQuoted(String s) {
    assertThat(YamlWriter.write(map("v", s))).isEqualTo("v: \"" + s + "\"\n");
  }

  @ParameterizedTest
  @ValueSource(strings = {"nginx", "nginx:1.25", "3.8-alpine", "http://x:80/a", "a b", "a#b",
      "unless-stopped", "CMD-SHELL", "${HOME}/x", "./data:/data:ro", "café", "a,b", "yes-please"})
  void ordinaryStringsStayPlain(String s) {
    assertThat(YamlWriter.write(map("v", s))).isEqualTo("v: " + s + "\n");
  }

  private static MapNode readBack(Map<String, Object> doc) {
    Diagnostics diags = new Diagnostics();
    List<Node> docs = YamlReader.read("w.yml", YamlWriter.write(doc), diags);
    assertThat(diags.list()).isEmpty();
    assertThat(docs).hasSize(1);
    return (MapNode) docs.get(0);
  }
}
