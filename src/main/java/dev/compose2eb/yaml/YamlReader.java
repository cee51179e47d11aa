package dev.compose2eb.yaml;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.parser.ParserImpl;
import org.snakeyaml.engine.v2.scanner.StreamReader;

/**
 * Reads YAML files into node trees with Docker Compose's YAML dialect (go-yaml v3: YAML 1.2 with
 * go-yaml's number rules, see {@link ScalarResolver}). Every problem, hostile input included, ends
 * as one error diagnostic with a position and an empty result; nothing is thrown.
 */
public final class YamlReader {
  /** The largest file read; compose files are a few kilobytes, rarely a few megabytes. */
  public static final int MAX_BYTES = 16 * 1024 * 1024;

  private static final String UTF8_HINT = "a compose file must be UTF-8 YAML";

  private YamlReader() {}

  /** All documents of one file, in order; empty on error (reported to {@code diags}) or no content. */
  public static List<Node> read(String displayName, String text, Diagnostics diags) {
    return read(displayName, text, false, diags);
  }

  /** {@code printable}: the text is known to hold only printable characters already. */
  private static List<Node> read(String displayName, String text, boolean printable,
      Diagnostics diags) {
    try {
      return parse(displayName, text, printable);
    } catch (YamlError e) {
      diags.error(e.location(), "", e.getMessage(), e.hint());
    } catch (MarkedYamlEngineException e) {
      SourceLocation at = SnakeMessages.mark(e)
          .map(m -> new SourceLocation(displayName, m.getLine() + 1, m.getColumn() + 1))
          .orElse(SourceLocation.ofFile(displayName));
      diags.error(at, "", SnakeMessages.clean(e), "");
    } catch (YamlEngineException e) {
      diags.error(SourceLocation.ofFile(displayName), "", SnakeMessages.firstLine(e.getMessage()),
          "");
    } catch (StackOverflowError e) {
      // Not expected (nothing here recurses on input depth); a last line of defence.
      diags.error(SourceLocation.ofFile(displayName), "", "YAML structure is nested too deeply",
          "flatten the structure");
    } catch (RuntimeException e) {
      diags.error(SourceLocation.ofFile(displayName), "",
          "cannot read YAML: " + SnakeMessages.firstLine(String.valueOf(e.getMessage())), "");
    }
    return List.of();
  }

  /**
   * Reads a file from disk: refuses a missing file, a directory, a file over {@link #MAX_BYTES}
   * (checked before reading) and bytes that are not UTF-8 text; a UTF-8 byte order mark is skipped.
   */
  public static List<Node> readFile(Path path, String displayName, Diagnostics diags) {
    SourceLocation whole = SourceLocation.ofFile(displayName);
    byte[] bytes;
    try {
      if (Files.isDirectory(path)) {
        diags.error(whole, "", "is a directory, not a file", "give the path of a compose file");
        return List.of();
      }
      if (!Files.exists(path)) {
        diags.error(whole, "", "file not found", "check the path");
        return List.of();
      }
      if (!Files.isRegularFile(path)) { // a fifo blocks until written to, a device never ends
        diags.error(whole, "", "is not a regular file (a fifo, socket or device)",
            "give the path of a compose file; use -f - for standard input");
        return List.of();
      }
      long size = Files.size(path);
      if (size > MAX_BYTES) {
        diags.error(whole, "", tooLarge(size), "check that the path names a compose file");
        return List.of();
      }
      bytes = readAtMost(path, MAX_BYTES + 1); // the size can lie (a growing file, /dev/zero)
      if (bytes.length > MAX_BYTES) {
        diags.error(whole, "", "file is too large (more than " + MAX_BYTES + " bytes)",
            "check that the path names a compose file");
        return List.of();
      }
    } catch (NoSuchFileException e) {
      diags.error(whole, "", "file not found", "check the path");
      return List.of();
    } catch (AccessDeniedException e) {
      diags.error(whole, "", "cannot read file: permission denied", "check the file's permissions");
      return List.of();
    } catch (IOException | SecurityException e) {
      diags.error(whole, "", "cannot read file: " + e.getMessage(), "");
      return List.of();
    }
    if (isPrintableAscii(bytes)) {
      // the common case: ASCII is UTF-8 as it is, and every character is already known printable
      return read(displayName, new String(bytes, StandardCharsets.ISO_8859_1), true, diags);
    }
    String text = decodeUtf8(bytes, displayName, diags);
    return text == null ? List.of() : read(displayName, text, diags);
  }

  /**
   * Reads a compose file from a stream (standard input, {@code -f -}): at most {@link #MAX_BYTES},
   * then as {@link #readFile}.
   */
  public static List<Node> readStream(InputStream stream, String displayName, Diagnostics diags) {
    byte[] bytes;
    try {
      bytes = stream.readNBytes(MAX_BYTES + 1);
    } catch (IOException e) {
      diags.error(SourceLocation.ofFile(displayName), "", "cannot read: " + e.getMessage(), "");
      return List.of();
    }
    if (bytes.length > MAX_BYTES) {
      diags.error(SourceLocation.ofFile(displayName), "", "file is too large (more than "
          + MAX_BYTES + " bytes)", "check that the input is a compose file");
      return List.of();
    }
    String text = decodeUtf8(bytes, displayName, diags);
    return text == null ? List.of() : read(displayName, text, diags);
  }

  private static String tooLarge(long size) {
    return "file is too large (" + size + " bytes; the limit is " + MAX_BYTES + " bytes)";
  }

  private static byte[] readAtMost(Path path, int limit) throws IOException {
    try (InputStream in = Files.newInputStream(path)) {
      return in.readNBytes(limit);
    }
  }

  /** Only printable ASCII, tabs and line breaks: text that needs neither decoding nor checking. */
  private static boolean isPrintableAscii(byte[] bytes) {
    for (byte b : bytes) {
      if ((b < 0x20 || b == 0x7F) && b != '\n' && b != '\r' && b != '\t') {
        return false; // bytes are signed: every non-ASCII byte is negative
      }
    }
    return true;
  }

  /** Strict UTF-8; on bad bytes reports where they are and returns null. */
  private static String decodeUtf8(byte[] bytes, String displayName, Diagnostics diags) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    if (result.isError()) {
      int offset = in.position();
      diags.error(byteLocation(bytes, offset, displayName), "",
          "not valid UTF-8 text at byte " + offset, UTF8_HINT);
      return null;
    }
    out.flip();
    return out.toString();
  }

  /** Line and column (in characters) of a byte offset whose prefix is valid UTF-8. */
  private static SourceLocation byteLocation(byte[] bytes, int offset, String displayName) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < offset; i++) {
      if (bytes[i] == '\n') {
        line++;
        column = 1;
      } else if ((bytes[i] & 0xC0) != 0x80) {
        column++; // count a character once, at its first byte
      }
    }
    return new SourceLocation(displayName, line, column);
  }

  private static List<Node> parse(String displayName, String text, boolean printable) {
    if (text.length() > MAX_BYTES) {
      throw new YamlError(SourceLocation.ofFile(displayName), tooLarge(text.length()), "");
    }
    String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
    if (!printable) {
      checkPrintable(body, displayName);
    }
    LoadSettings settings = LoadSettings.builder()
        .setLabel(displayName)
        .setUseMarks(true)
        .setParseComments(false)
        .setAllowDuplicateKeys(false)
        .setAllowRecursiveKeys(false)
        .setMaxAliasesForCollections(TreeBuilder.MAX_ALIASES)
        .setCodePointLimit(MAX_BYTES)
        // One buffer for the whole text: snakeyaml re-copies its window per chunk while it scans a
        // long token, which is quadratic on a huge single line.
        .setBufferSize(body.length() + 2)
        .build();
    ParserImpl parser = new ParserImpl(settings, new StreamReader(settings, body));
    return List.copyOf(new TreeBuilder(displayName).build(parser));
  }

  /** YAML allows only printable characters; say which one is wrong and where, before parsing. */
  private static void checkPrintable(String text, String displayName) {
    // Fast path: plain ASCII text and line breaks need no code points, lines or columns.
    int n = text.length();
    int ascii = 0;
    while (ascii < n) {
      char c = text.charAt(ascii);
      if ((c >= 0x20 && c < 0x7F) || c == '\n' || c == '\r' || c == '\t') {
        ascii++;
      } else {
        break;
      }
    }
    if (ascii == n) {
      return;
    }
    int line = 1;
    int column = 1;
    for (int i = 0; i < text.length(); ) {
      int cp = text.codePointAt(i);
      if (!StreamReader.isPrintable(cp)) {
        String name = String.format(Locale.ROOT, "U+%04X", cp);
        throw new YamlError(new SourceLocation(displayName, line, column),
            "non-printable character " + name + " is not allowed in YAML", UTF8_HINT + " text");
      }
      boolean crlf = cp == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n';
      if (cp == '\n' || (cp == '\r' && !crlf)) {
        line++;
        column = 1;
      } else if (!crlf) {
        column++;
      }
      i += Character.charCount(cp);
    }
  }
}
