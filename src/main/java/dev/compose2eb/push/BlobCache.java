package dev.compose2eb.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Compressed layers from earlier pushes, keyed by diff id (the sha256 of the uncompressed layer):
 * {@code <hex>.gz} holds the gzip blob and {@code <hex>.digest} its "digest size" line, written last,
 * so a half-written entry is never found. Lets an unchanged layer skip compression, and gives the
 * same blob (and digest) for every registry and region it goes to.
 *
 * <p>The time of last use is the {@code .digest} file's modification time (set on every hit), so
 * {@link #prune} can drop entries nobody used for a while and keep the cache under a size.
 *
 * <p>{@code verified/<sha256 of stamp and region>} remembers what an earlier push read in a region of
 * an archive (its diff id, and the blob digest of a layer stored gzipped), so that pushing an
 * unchanged archive again reads none of its layers.
 */
final class BlobCache {
  /** A compressed layer ready to upload. */
  record Blob(String digest, long size, Path file) {}

  /** What reading a layer's bytes showed: its diff id, and its digest as a blob if stored gzipped. */
  record Verified(String diffId, Optional<String> blobDigest) {}

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

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
    touch(meta);
    return Optional.of(new Blob(parts[0], Long.parseLong(parts[1]), file));
  }

  /** What an earlier push read in this region of the file with this stamp, if it was recorded. */
  Optional<Verified> verified(FileStamp stamp, long offset, long size) throws IOException {
    Path record = verifiedRecord(stamp, offset, size);
    String[] parts;
    try {
      parts = Files.readString(record, StandardCharsets.US_ASCII).trim().split(" ");
    } catch (NoSuchFileException e) {
      return Optional.empty();
    }
    if (parts.length < 1 || parts.length > 2 || !DIGEST.matcher(parts[0]).matches()
        || parts.length == 2 && !DIGEST.matcher(parts[1]).matches()) {
      return Optional.empty();
    }
    touch(record);
    return Optional.of(new Verified(parts[0],
        parts.length == 2 ? Optional.of(parts[1]) : Optional.empty()));
  }

  /** Remembers what reading this region showed; best effort, as the record only saves work. */
  void recordVerified(FileStamp stamp, long offset, long size, Verified v) {
    try {
      Path record = verifiedRecord(stamp, offset, size);
      Files.createDirectories(record.getParent());
      Path tmp = Files.createTempFile(record.getParent(), "verified-", ".tmp");
      try {
        Files.writeString(tmp, v.diffId() + v.blobDigest().map(d -> " " + d).orElse("") + "\n",
            StandardCharsets.US_ASCII);
        Files.move(tmp, record, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      // the next push reads the layer again
    }
  }

  private Path verifiedRecord(FileStamp stamp, long offset, long size) {
    MessageDigest d = Digests.sha256();
    d.update((stamp.key() + "\n" + offset + " " + size).getBytes(StandardCharsets.UTF_8));
    return dir.resolve("verified").resolve(Digests.of(d).substring("sha256:".length()));
  }

  /**
   * Deletes entries last used before {@code now - maxAge}, then the least recently used ones until
   * the blobs take at most {@code maxBytes}, and temporary files a crashed run left (older than a
   * day). Best effort: the cache only saves work, so a file that cannot be deleted stays.
   */
  void prune(Instant now, Duration maxAge, long maxBytes) throws IOException {
    if (!Files.isDirectory(dir)) {
      return;
    }
    List<Entry> entries = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
      for (Path f : files) {
        String name = f.getFileName().toString();
        if (name.endsWith(".tmp")) {
          if (modified(f).isBefore(now.minus(Duration.ofDays(1)))) {
            Files.deleteIfExists(f);
          }
        } else if (name.endsWith(".digest")) {
          Path blob = dir.resolve(name.substring(0, name.length() - ".digest".length()) + ".gz");
          entries.add(new Entry(f, blob, modified(f), Files.exists(blob) ? Files.size(blob) : 0));
        }
      }
    }
    Path verified = dir.resolve("verified");
    if (Files.isDirectory(verified)) {
      try (DirectoryStream<Path> files = Files.newDirectoryStream(verified)) {
        for (Path f : files) {
          if (modified(f).isBefore(now.minus(maxAge))
              || f.getFileName().toString().endsWith(".tmp")
                  && modified(f).isBefore(now.minus(Duration.ofDays(1)))) {
            Files.deleteIfExists(f);
          }
        }
      }
    }
    // least recently used first; the name breaks ties so the choice does not depend on the listing
    entries.sort(Comparator.comparing(Entry::lastUsed).thenComparing(e -> e.meta().toString()));
    long total = entries.stream().mapToLong(Entry::size).sum();
    for (Entry e : entries) {
      if (!e.lastUsed().isBefore(now.minus(maxAge)) && total <= maxBytes) {
        break;
      }
      Files.deleteIfExists(e.meta()); // first: from here on the entry is not found
      Files.deleteIfExists(e.blob());
      total -= e.size();
    }
  }

  private record Entry(Path meta, Path blob, Instant lastUsed, long size) {}

  private static Instant modified(Path f) throws IOException {
    return Files.getLastModifiedTime(f).toInstant();
  }

  private static void touch(Path f) {
    try {
      Files.setLastModifiedTime(f, FileTime.from(Instant.now()));
    } catch (IOException e) {
      // a read-only cache still serves its entries; they just age
    }
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
