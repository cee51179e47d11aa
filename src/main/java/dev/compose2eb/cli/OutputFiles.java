package dev.compose2eb.cli;

import dev.compose2eb.bundle.BundleBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Map;

/** Writes generated files so that a reader never sees half of one: a temp file, then a rename. */
final class OutputFiles {
  private OutputFiles() {}

  static void write(Path target, String text) throws IOException {
    write(target, text.getBytes(StandardCharsets.UTF_8));
  }

  static void write(Path target, byte[] bytes) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = BundleBuilder.temporaryBeside(target);
    try {
      Files.write(tmp, bytes);
      move(tmp, target);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * Writes several files as one: each to a temporary file first, renamed into place only when all
   * are written, so that a failure (a target that is a directory, a full disk) leaves the old
   * files as they were, not a new Dockerrun beside an old buildspec.
   */
  static void writeAll(Map<Path, String> files) throws IOException {
    Map<Path, Path> staged = new LinkedHashMap<>();
    try {
      for (Map.Entry<Path, String> f : files.entrySet()) {
        Path target = f.getKey();
        if (Files.isDirectory(target)) {
          throw new FileSystemException(target.toString(), null,
              "is a directory; nothing was written");
        }
        Files.createDirectories(target.toAbsolutePath().getParent());
        Path tmp = BundleBuilder.temporaryBeside(target);
        staged.put(target, tmp);
        Files.writeString(tmp, f.getValue(), StandardCharsets.UTF_8);
      }
      for (Map.Entry<Path, Path> s : staged.entrySet()) {
        move(s.getValue(), s.getKey());
      }
    } finally {
      for (Path tmp : staged.values()) {
        Files.deleteIfExists(tmp);
      }
    }
  }

  private static void move(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** The file's text, or null when it does not exist. */
  static String readOrNull(Path file) throws IOException {
    return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : null;
  }
}
