package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile files given to {@code config -f}: each ends with exit 3 and one clear line
 * naming the file (with line:column where the problem has a place), nothing on stdout and no stack
 * trace. A file that cannot be read is invalid input too (exit 3, not 1): the user named it, and
 * the fix is theirs (a wrong path or permissions), not a retry.
 */
class HostileConfigTest {
  @TempDir Path dir;

  @Test
  void emptyFile() throws IOException {
    write("compose.yaml", "");
    assertRejected("compose.yaml", "compose.yaml: error: empty compose file; a compose file needs at"
        + " least a services: mapping, e.g. services: {web: {image: nginx}}");
  }

  @Test
  void commentsOnlyAreAnEmptyFileToo() throws IOException {
    write("compose.yaml", "# nothing yet\n\n");
    assertRejected("compose.yaml", "compose.yaml: error: empty compose file; a compose file needs at"
        + " least a services: mapping, e.g. services: {web: {image: nginx}}");
  }

  @Test
  void rootThatIsNotAMapping() throws IOException {
    write("compose.yaml", "- web\n- db\n");
    assertRejected("compose.yaml", "compose.yaml:1:1: error: the top level of a compose file must be"
        + " a mapping, not a sequence; start the file with services:, e.g. services: {web: {image: nginx}}");
    write("compose.yaml", "just text\n");
    assertRejected("compose.yaml", "compose.yaml:1:1: error: the top level of a compose file must be"
        + " a mapping, not a string; start the file with services:, e.g. services: {web: {image: nginx}}");
  }

  @Test
  void invalidYaml() throws IOException {
    write("compose.yaml", "services:\n  web:\n    image: [nginx\n");
    assertRejected("compose.yaml", "compose.yaml:4:1: error: expected ',' or ']', but got <stream end>"
        + " (while parsing a flow sequence that starts at line 3, column 12)");
    write("compose.yaml", "services:\n  web:\n    image: nginx\n   ports: [80]\n");
    assertThat(run("compose.yaml").err()).startsWith("compose.yaml:4:");
  }

  @Test
  void binaryGarbage() throws IOException {
    byte[] bytes = new byte[4096];
    new Random(42).nextBytes(bytes);
    bytes[0] = 'a';
    bytes[1] = (byte) 0xC3; // a lone lead byte: not UTF-8 at the second byte of line 1
    bytes[2] = '\n';
    Files.write(dir.resolve("compose.yaml"), bytes);
    assertRejected("compose.yaml", "compose.yaml:1:2: error: not valid UTF-8 text at byte 1; a compose"
        + " file must be UTF-8 YAML");
  }

  @Test
  void controlCharacterInValidUtf8() throws IOException {
    write("compose.yaml", "services:\n  web:\n    image: ngi\u0000nx\n");
    assertRejected("compose.yaml", "compose.yaml:3:15: error: non-printable character U+0000 is not"
        + " allowed in YAML; a compose file must be UTF-8 YAML text");
  }

  @Test
  void fiftyMegabyteFileIsRefusedBeforeItIsRead() throws IOException {
    Path big = dir.resolve("compose.yaml");
    try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.UTF_8)) {
      w.write("services:\n  web:\n    image: nginx\n    environment:\n");
      String value = "x".repeat(100);
      for (int i = 0; i < 480_000; i++) {
        w.write("      K" + i + ": \"" + value + "\"\n");
      }
    }
    long size = Files.size(big);
    assertThat(size).isGreaterThan(50L * 1000 * 1000);
    assertRejected("compose.yaml", "compose.yaml: error: file is too large (" + size + " bytes; the"
        + " limit is 16777216 bytes); check that the path names a compose file");
  }

  @Test
  void deeplyNestedSequencesAndMappings() throws IOException {
    String prefix = "services:\n  web:\n    image: nginx\n    x-deep: ";
    write("seq.yaml", prefix + "[".repeat(100_000) + "]".repeat(100_000) + "\n");
    assertRejected("seq.yaml", "seq.yaml:4:210: error: nesting too deep: more than 200 levels of"
        + " mappings and sequences; flatten the structure");
    write("map.yaml", prefix + "{a: ".repeat(50_000) + "1" + "}".repeat(50_000) + "\n");
    assertRejected("map.yaml", "map.yaml:4:801: error: nesting too deep: more than 200 levels of"
        + " mappings and sequences; flatten the structure");
    StringBuilder block = new StringBuilder(prefix).append('\n');
    for (int i = 0; i < 1000; i++) {
      block.append("  ".repeat(i + 3)).append("k: \n");
    }
    write("block.yaml", block.toString());
    assertThat(run("block.yaml").err()).contains("nesting too deep");
  }

  @Test
  void billionLaughsAliasBomb() throws IOException {
    StringBuilder y = new StringBuilder("x-a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    String prev = "a";
    for (char c = 'b'; c <= 'i'; c++) {
      y.append("x-").append(c).append(": &").append(c).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(9, "*" + prev))).append("]\n");
      prev = String.valueOf(c);
    }
    y.append("services:\n  web:\n    image: nginx\n    x-bomb: *i\n");
    write("compose.yaml", y.toString());
    assertRejected("compose.yaml", "compose.yaml:7:42: error: document too large after alias expansion"
        + " (alias bomb?); a compose file expands to far fewer than 5000000 values");
  }

  @Test
  void aliasBombThroughMergeKeys() throws IOException {
    StringBuilder y = new StringBuilder("x-a: &a {k0: lol, k1: lol, k2: lol, k3: lol, k4: lol, k5: lol,"
        + " k6: lol, k7: lol, k8: lol}\n");
    String prev = "a";
    for (char c = 'b'; c <= 'i'; c++) {
      y.append("x-").append(c).append(": &").append(c).append(" {");
      for (int j = 0; j < 9; j++) {
        y.append(j == 0 ? "" : ", ").append("m").append(j).append(": *").append(prev);
      }
      y.append("}\n");
      prev = String.valueOf(c);
    }
    y.append("services:\n  web:\n    <<: *i\n    image: nginx\n");
    write("compose.yaml", y.toString());
    assertThat(run("compose.yaml").err()).contains("document too large after alias expansion");
  }

  @Test
  void missingFile() {
    assertRejected("nope.yaml", "nope.yaml: error: file not found; check the path");
  }

  @Test
  void directoryGivenAsFile() throws IOException {
    Files.createDirectories(dir.resolve("conf"));
    assertRejected("conf", "conf: error: is a directory, not a file; give the path of a compose file");
  }

  @Test
  void unreadableFile() throws IOException {
    Path f = write("compose.yaml", "services:\n  web:\n    image: nginx\n");
    Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
    Assumptions.assumeFalse(Files.isReadable(f), "skipped: this process can read a chmod 000 file"
        + " (it runs as root), so the permission-denied error cannot be provoked here");
    assertRejected("compose.yaml", "compose.yaml: error: cannot read file: permission denied; check the"
        + " file's permissions");
  }

  @Test
  void servicesOfTheWrongShape() throws IOException {
    write("compose.yaml", "services: [web]\n");
    assertRejected("compose.yaml", "compose.yaml:1:11: error: services: expected a mapping, found a"
        + " list; e.g. services: {web: {image: nginx}}");
  }

  @Test
  void anUnreadableExtendsFileIsReportedOnceNotAlsoAsAMissingService() throws IOException {
    Files.createDirectories(dir.resolve("base"));
    write("compose.yaml", "services:\n  web:\n    extends: {file: base, service: web}\n");
    assertRejected("compose.yaml", "base: error: is a directory, not a file; give"
        + " the path of a compose file");
  }

  // --- helpers ---------------------------------------------------------------------------------

  private Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Cli.Result run(String file) {
    return Cli.run(dir, Map.of(), "config", "-f", file);
  }

  private void assertRejected(String file, String line) {
    Cli.Result r = run(file);
    assertThat(r.err()).isEqualTo(line + System.lineSeparator());
    assertThat(r.out()).isEmpty();
    assertThat(r.code()).isEqualTo(3);
  }
}
