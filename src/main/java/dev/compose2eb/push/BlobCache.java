package dev.compose2eb.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

/**
 * Compressed layers from earlier pushes, keyed by diff id (the sha256 of the uncompressed layer):
 * {@code <hex>.gz} holds the gzip blob and {@code <hex>.digest} its "digest size" line, written last,
 * so a half-written entry is never found. Lets an unchanged layer skip compression, and gives the
 * same blob (and digest) for every registry and region it goes to.
 */
final class BlobCache {
  /** A compressed layer ready to upload. */
  record Blob(String digest, long size, Path file) {}

  private final Path dir;

  BlobCache(Path dir) {
    this.dir = dir;
  }

  Optional<Blob> find(String diffId) throws IOException {
    String hex = hex(diffId);
    Path meta = dir.resolve(hex + ".digest");
    Path file = dir.resolve(hex + ".gz");
    String line;
    try {
      line = Files.readString(meta, StandardCharsets.US_ASCII).trim();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    String[] parts = line.split(" ");
    if (parts.length != 2 || !parts[0].matches("sha256:[0-9a-f]{64}") || !parts[1].matches("\\d+")
        || !Files.isRegularFile(file) || Files.size(file) != Long.parseLong(parts[1])) {
      return Optional.empty(); // damaged or from another layout: compress again
    }
    return Optional.of(new Blob(parts[0], Long.parseLong(parts[1]), file));
  }

  /** A fresh temporary file inside the cache, on the same file system as the entries. */
  Path newTemporary() throws IOException {
    Files.createDirectories(dir);
    return Files.createTempFile(dir, "layer-", ".tmp");
  }

  /** Moves a finished temporary file into place under {@code diffId}. */
  Blob put(String diffId, Path temporary, String digest, long size) throws IOException {
    String hex = hex(diffId);
    Path file = dir.resolve(hex + ".gz");
    Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    Path meta = Files.createTempFile(dir, "meta-", ".tmp");
    Files.writeString(meta, digest + " " + size + "\n", StandardCharsets.US_ASCII);
    Files.move(meta, dir.resolve(hex + ".digest"), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    return new Blob(digest, size, file);
  }

  private static String hex(String diffId) {
    return diffId.substring(diffId.indexOf(':') + 1);
  }
}
