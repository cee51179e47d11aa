package dev.compose2eb.bundle;

import dev.compose2eb.diag.Diagnostic;
import java.nio.file.Path;
import java.util.List;

/**
 * A source bundle written to disk.
 *
 * @param file the zip file
 * @param sha256Hex the SHA-256 of the zip's bytes, lower-case hex
 * @param entries the entry names in zip order (directories end with '/')
 * @param size the zip's size in bytes
 * @param report things worth knowing that did not stop the bundle: a hook that is not
 *     executable (warning), a .env file left out (info)
 */
public record Bundle(Path file, String sha256Hex, List<String> entries, long size,
    List<Diagnostic> report) {

  public Bundle {
    entries = List.copyOf(entries);
    report = List.copyOf(report);
  }
}
