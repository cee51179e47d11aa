package dev.compose2eb.compose.env;

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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;

/**
 * The dotenv format of {@code .env}, {@code --env-file} and {@code env_file}, read as docker
 * compose reads it (see {@link DotEnvParser} for the grammar).
 */
public final class DotEnv {
  /** Larger files are almost certainly not env files; refuse them rather than read them whole. */
  static final long MAX_BYTES = 1024 * 1024;

  private DotEnv() {}

  /**
   * Parses dotenv text. Problems are added to {@code diags} with {@code displayName:line:col};
   * the entries that could be read are returned either way.
   *
   * @param lookup where bare {@code KEY} lines get their values; {@code $VAR} references ask it
   *     first and the variables defined earlier in the text second
   * @return the variables in the order they were first defined, unmodifiable
   */
  public static Map<String, String> parse(
      String displayName, String text, Interpolator.Lookup lookup, Diagnostics diags) {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(text, "text");
    Objects.requireNonNull(lookup, "lookup");
    Objects.requireNonNull(diags, "diags");
    return Collections.unmodifiableMap(DotEnvParser.parse(displayName, text, lookup, diags));
  }

  /**
   * Reads and parses a dotenv file. A missing, unreadable, not regular (fifo, device), over-1-MiB,
   * NUL-holding or non-UTF-8 file is
   * reported as an error and yields an empty map.
   */
  public static Map<String, String> readFile(
      Path file, String displayName, Interpolator.Lookup lookup, Diagnostics diags) {
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(displayName, "displayName");
    SourceLocation whole = SourceLocation.ofFile(displayName);
    if (Files.isDirectory(file)) {
      diags.error(whole, "", "env file is a directory", "name a file, e.g. \".env\"");
      return Map.of();
    }
    if (!Files.exists(file)) {
      diags.error(whole, "", "couldn't find env file",
          "create it, or correct the path (relative to the project directory)");
      return Map.of();
    }
    if (!Files.isRegularFile(file)) {
      diags.error(whole, "", "env file is not a regular file (a fifo, socket or device)",
          "name a file, e.g. \".env\"");
      return Map.of();
    }
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      long size = Files.size(file);
      if (size > MAX_BYTES) {
        diags.error(whole, "", "env file is too large (" + size + " bytes, the limit is 1 MiB)",
            "keep only KEY=VALUE lines in it");
        return Map.of();
      }
      // bounded whatever the size says: /proc files say 0, a growing file more than it was
      bytes = in.readNBytes((int) MAX_BYTES + 1);
    } catch (IOException | SecurityException e) {
      diags.error(whole, "", "couldn't read env file: " + describe(e), "check its permissions");
      return Map.of();
    }
    if (bytes.length > MAX_BYTES) {
      diags.error(whole, "", "env file is too large (more than 1 MiB)",
          "keep only KEY=VALUE lines in it");
      return Map.of();
    }
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == 0) { // e.g. /proc/self/environ: the whole environment, NUL-separated
        diags.error(whole, "", "env file holds a NUL byte (at offset " + i + "); it is not a text"
            + " file", "name a file of KEY=VALUE lines");
        return Map.of();
      }
    }
    int bad = firstMalformedByte(bytes);
    if (bad >= 0) {
      diags.error(whole, "", "env file is not valid UTF-8 (bad byte at offset " + bad + ")",
          "save it as UTF-8");
      return Map.of();
    }
    return parse(displayName, new String(bytes, StandardCharsets.UTF_8), lookup, diags);
  }


  /** The offset of the first byte that is not well-formed UTF-8, or -1. */
  private static int firstMalformedByte(byte[] bytes) {
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CoderResult result = decoder.decode(in, CharBuffer.allocate(bytes.length), true);
    if (result.isError()) {
      return in.position();
    }
    return -1;
  }

  private static String describe(Exception e) {
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }
}
