package dev.compose2eb.push;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Whether a file is a tar archive with a top-level {@code manifest.json}, as {@code docker save}
 * writes it. Reads only the 512-byte headers and seeks over entry data, so a large archive costs
 * a few reads. (commons-compress is only a runtime dependency of jib, hence this small reader.)
 */
final class ArchiveCheck {
  private static final int BLOCK = 512;

  private ArchiveCheck() {}

  /** True when the tar has a manifest.json entry; IOException when it is not a readable tar. */
  static boolean hasDockerManifest(Path archive) throws IOException {
    try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ)) {
      ByteBuffer header = ByteBuffer.allocate(BLOCK);
      long position = 0;
      long size = ch.size();
      while (position + BLOCK <= size) {
        header.clear();
        while (header.hasRemaining() && ch.read(header, position + header.position()) > 0) {
          // fill the block
        }
        byte[] h = header.array();
        if (isZero(h)) {
          return false; // end-of-archive marker
        }
        if (!checksumMatches(h)) {
          throw new IOException("not a tar archive (bad header at byte " + position + ")");
        }
        String name = field(h, 0, 100);
        String prefix = new String(h, 257, 6, StandardCharsets.US_ASCII).startsWith("ustar")
            ? field(h, 345, 155) : "";
        String full = prefix.isEmpty() ? name : prefix + "/" + name;
        if (full.equals("manifest.json") || full.equals("./manifest.json")) {
          return true;
        }
        long entrySize = size(h);
        position += BLOCK + (entrySize + BLOCK - 1) / BLOCK * BLOCK;
      }
      if (position == 0) {
        throw new IOException("not a tar archive (too short)");
      }
      return false;
    }
  }

  private static boolean isZero(byte[] h) {
    for (byte b : h) {
      if (b != 0) {
        return false;
      }
    }
    return true;
  }

  /** The header checksum: sum of all bytes with the checksum field read as spaces. */
  private static boolean checksumMatches(byte[] h) {
    String stored = field(h, 148, 8).trim();
    if (stored.isEmpty()) {
      return false;
    }
    long expected;
    try {
      expected = Long.parseLong(stored, 8);
    } catch (NumberFormatException e) {
      return false;
    }
    long sum = 0;
    for (int i = 0; i < BLOCK; i++) {
      sum += (i >= 148 && i < 156) ? ' ' : (h[i] & 0xff);
    }
    return sum == expected;
  }

  private static long size(byte[] h) throws IOException {
    if ((h[124] & 0x80) != 0) { // base-256 for sizes that do not fit 11 octal digits
      long v = 0;
      for (int i = 125; i < 136; i++) {
        v = (v << 8) | (h[i] & 0xff);
      }
      return v;
    }
    String octal = field(h, 124, 12).trim();
    try {
      return octal.isEmpty() ? 0 : Long.parseLong(octal, 8);
    } catch (NumberFormatException e) {
      throw new IOException("not a tar archive (bad size field)");
    }
  }

  private static String field(byte[] h, int offset, int length) {
    int end = offset;
    while (end < offset + length && h[end] != 0) {
      end++;
    }
    return new String(h, offset, end - offset, StandardCharsets.UTF_8);
  }
}
