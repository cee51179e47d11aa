package dev.compose2eb.push;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.function.LongConsumer;
import java.util.function.Supplier;
import java.util.zip.GZIPInputStream;

/**
 * Turns one archive layer into the gzip blob to upload, checking on the way that the layer's
 * uncompressed sha256 is the diff id the image configuration lists for it:
 * <ul>
 *   <li>a layer already gzipped (magic bytes 1f 8b) is uploaded as it is, straight from the archive;
 *   <li>an uncompressed layer found in the cache is only hashed, not compressed again;
 *   <li>any other is compressed with {@link ParallelGzip} into the cache.
 * </ul>
 */
final class LayerPreparer {
  private static final int BUFFER = 1 << 20;

  /** A blob to upload: its digest and size, and where its bytes are. */
  record Blob(String digest, FileRegion bytes) {
    long size() {
      return bytes.size();
    }
  }

  private final BlobCache cache;
  private final ParallelGzip gzip;

  private final Supplier<Instant> clock;

  LayerPreparer(BlobCache cache, ParallelGzip gzip) {
    this(cache, gzip, Instant::now);
  }

  LayerPreparer(BlobCache cache, ParallelGzip gzip, Supplier<Instant> clock) {
    this.cache = cache;
    this.gzip = gzip;
    this.clock = clock;
  }

  /**
   * The blob for {@code layer}; {@code progress} receives bytes of the archive read. A layer this
   * cache saw in the same unchanged archive file (same {@link FileStamp}) is not read again.
   */
  Blob prepare(Path archive, DockerArchive.Layer layer, LongConsumer progress)
      throws IOException, InterruptedException, DockerArchive.Invalid {
    TarIndex.Entry entry = layer.entry();
    FileRegion inArchive = new FileRegion(archive, entry.offset(), entry.size());
    Optional<FileStamp> stamp = FileStamp.of(archive, clock.get());
    Optional<BlobCache.Verified> seen = stamp.isPresent()
        ? cache.verified(stamp.get(), entry.offset(), entry.size()) : Optional.empty();
    boolean known = seen.isPresent() && seen.get().diffId().equals(layer.diffId());
    if (known && seen.get().blobDigest().isPresent()) {
      progress.accept(entry.size());
      return new Blob(seen.get().blobDigest().get(), inArchive); // stored gzipped, seen before
    }
    if (isGzip(inArchive)) {
      MessageDigest compressed = Digests.sha256();
      String diffId = hashGzip(inArchive, compressed, progress);
      check(archive, layer, diffId);
      String digest = Digests.of(compressed);
      remember(archive, stamp, entry, new BlobCache.Verified(diffId, Optional.of(digest)));
      return new Blob(digest, inArchive);
    }
    Optional<BlobCache.Blob> cached = cache.find(layer.diffId());
    if (cached.isPresent()) {
      if (known) {
        progress.accept(entry.size());
      } else {
        check(archive, layer, hash(inArchive, progress));
        remember(archive, stamp, entry, new BlobCache.Verified(layer.diffId(), Optional.empty()));
      }
      BlobCache.Blob c = cached.get();
      return new Blob(c.digest(), FileRegion.whole(c.file(), c.size()));
    }
    Path temporary = cache.newTemporary();
    try {
      ParallelGzip.Result r;
      try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ)) {
        r = gzip.compress(ch, entry.offset(), entry.size(), temporary, progress);
      }
      check(archive, layer, r.diffId());
      BlobCache.Blob stored = cache.put(layer.diffId(), temporary, r.digest(), r.size());
      remember(archive, stamp, entry, new BlobCache.Verified(layer.diffId(), Optional.empty()));
      return new Blob(stored.digest(), FileRegion.whole(stored.file(), stored.size()));
    } finally {
      Files.deleteIfExists(temporary); // still there only when something failed
    }
  }

  /** Records what was read, if the archive kept its stamp while it was read. */
  private void remember(Path archive, Optional<FileStamp> before, TarIndex.Entry entry,
      BlobCache.Verified verified) {
    if (before.isPresent() && before.equals(FileStamp.of(archive, clock.get()))) {
      cache.recordVerified(before.get(), entry.offset(), entry.size(), verified);
    }
  }

  private static void check(Path archive, DockerArchive.Layer layer, String actual)
      throws DockerArchive.Invalid {
    if (!actual.equals(layer.diffId())) {
      throw new DockerArchive.Invalid(archive + " is inconsistent: the layer "
          + layer.entry().name() + " has sha256 " + actual + " but the image configuration lists "
          + layer.diffId() + " for it");
    }
  }

  private static boolean isGzip(FileRegion region) throws IOException {
    if (region.size() < 2) {
      return false;
    }
    try (InputStream in = region.open()) {
      return in.read() == 0x1f && in.read() == 0x8b;
    }
  }

  private static String hash(FileRegion region, LongConsumer progress) throws IOException {
    MessageDigest digest = Digests.sha256();
    byte[] buf = new byte[BUFFER];
    try (InputStream in = region.open()) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        digest.update(buf, 0, n);
        progress.accept(n);
      }
    }
    return Digests.of(digest);
  }

  /** The sha256 of the decompressed bytes; {@code compressed} gets every byte of the region. */
  private static String hashGzip(FileRegion region, MessageDigest compressed, LongConsumer progress)
      throws IOException {
    MessageDigest uncompressed = Digests.sha256();
    byte[] buf = new byte[BUFFER];
    try (InputStream raw = region.open();
        CountingInput counted = new CountingInput(new DigestInputStream(raw, compressed), progress);
        InputStream in = new GZIPInputStream(counted, 1 << 16)) {
      for (int n; (n = in.read(buf)) >= 0; ) {
        uncompressed.update(buf, 0, n);
      }
      while (counted.read(buf) >= 0) {
        // bytes after the gzip data are part of the blob too
      }
    }
    return Digests.of(uncompressed);
  }

  /** Reports the bytes read through it. */
  private static final class CountingInput extends java.io.FilterInputStream {
    private final LongConsumer progress;

    CountingInput(InputStream in, LongConsumer progress) {
      super(in);
      this.progress = progress;
    }

    @Override
    public int read() throws IOException {
      int b = super.read();
      if (b >= 0) {
        progress.accept(1);
      }
      return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      int n = super.read(b, off, len);
      if (n > 0) {
        progress.accept(n);
      }
      return n;
    }
  }
}
