package dev.compose2eb.yaml;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class YamlReaderFileTest {
  @TempDir Path dir;

  private List<Node> read(Path file, Diagnostics diags) {
    return YamlReader.readFile(file, "x.yml", diags);
  }

  private List<String> errors(Path file) {
    Diagnostics diags = new Diagnostics();
    assertThat(read(file, diags)).isEmpty();
    return diags.list().stream().map(Diagnostic::render).toList();
  }

  private Path write(byte[] bytes) throws IOException {
    return Files.write(dir.resolve("x.yml"), bytes);
  }

  @Test
  void readsAUtf8File() throws IOException {
    Path file = write("name: café\n".getBytes(StandardCharsets.UTF_8));
    Diagnostics diags = new Diagnostics();
    List<Node> docs = read(file, diags);
    assertThat(diags.list()).isEmpty();
    assertThat(((ScalarNode) ((MapNode) docs.get(0)).get("name")).value()).isEqualTo("café");
    assertThat(((MapNode) docs.get(0)).get("name").location().file()).isEqualTo("x.yml");
  }

  @Test
  void byteOrderMarkIsTolerated() throws IOException {
    byte[] body = "a: 1\n".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[body.length + 3];
    bytes[0] = (byte) 0xEF;
    bytes[1] = (byte) 0xBB;
    bytes[2] = (byte) 0xBF;
    System.arraycopy(body, 0, bytes, 3, body.length);
    Diagnostics diags = new Diagnostics();
    List<Node> docs = read(write(bytes), diags);
    assertThat(diags.list()).isEmpty();
    assertThat(((MapNode) docs.get(0)).keys()).containsExactly("a");
    assertThat(((MapNode) docs.get(0)).keyLocation("a").column()).isEqualTo(1);
  }

  @Test
  void emptyFileHasNoDocuments() throws IOException {
    Diagnostics diags = new Diagnostics();
    assertThat(read(write(new byte[0]), diags)).isEmpty();
    assertThat(diags.list()).isEmpty();
  }

  @Test
  void missingFile() {
    assertThat(errors(dir.resolve("nope.yml")))
        .containsExactly("x.yml: error: file not found; check the path");
  }

  @Test
  void directory() {
    assertThat(errors(dir))
        .containsExactly("x.yml: error: is a directory, not a file; give the path of a compose file");
  }

  @Test
  void fiftyMegabyteFileIsRejectedBeforeReading() throws IOException {
    Path file = dir.resolve("x.yml");
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.setLength(50L * 1024 * 1024);
    }
    assertThat(errors(file)).containsExactly("x.yml: error: file is too large (52428800 bytes;"
        + " the limit is 16777216 bytes); check that the path names a compose file");
  }

  @Test
  void invalidUtf8IsReportedWithItsByteOffsetAndPosition() throws IOException {
    byte[] good = "a: 1\nb: café".getBytes(StandardCharsets.UTF_8);
    byte[] bytes = new byte[good.length + 2];
    System.arraycopy(good, 0, bytes, 0, good.length);
    bytes[good.length] = (byte) 0xFF;
    bytes[good.length + 1] = '\n';
    assertThat(errors(write(bytes))).containsExactly("x.yml:2:8: error: not valid UTF-8 text at"
        + " byte 13; a compose file must be UTF-8 YAML");
  }

  @Test
  void truncatedMultiByteSequenceAtTheEnd() throws IOException {
    assertThat(errors(write(new byte[] {'a', ':', ' ', (byte) 0xC3}))).containsExactly(
        "x.yml:1:4: error: not valid UTF-8 text at byte 3; a compose file must be UTF-8 YAML");
  }

  @Test
  void utf16FileIsNotUtf8() throws IOException {
    assertThat(errors(write("\uFEFFa: 1\n".getBytes(StandardCharsets.UTF_16LE)))).containsExactly(
        "x.yml:1:1: error: not valid UTF-8 text at byte 0; a compose file must be UTF-8 YAML");
  }

  @Test
  void randomBinaryBytes() throws IOException {
    byte[] bytes = new byte[64 * 1024];
    new Random(42).nextBytes(bytes);
    assertThat(errors(write(bytes))).singleElement().asString()
        .matches("x\\.yml:1:\\d+: error: not valid UTF-8 text at byte \\d+; a compose file must"
            + " be UTF-8 YAML");
  }

  @Test
  void binaryThatIsValidUtf8() throws IOException {
    assertThat(errors(write(new byte[] {0, 0, 0, 1, 2, 3}))).containsExactly("x.yml:1:1: error:"
        + " non-printable character U+0000 is not allowed in YAML; a compose file must be UTF-8"
        + " YAML text");
  }

  @Test
  void yamlErrorsInAFileCarryTheDisplayName() throws IOException {
    assertThat(errors(write("a: [1\n".getBytes(StandardCharsets.UTF_8)))).singleElement().asString()
        .startsWith("x.yml:2:1: error: expected ',' or ']'");
  }
}
