package dev.compose2eb.push;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Where each file of a tar archive lies: name to (data offset, size). Reads only the 512-byte headers
 * and seeks over entry data, so indexing a large {@code docker save} archive costs a few reads and the
 * layers are read once, later, straight from their offsets. Knows ustar prefixes, PAX {@code path} and
 * {@code size} records, GNU long names, and symbolic links ({@code docker save} links a repeated layer
 * to its first copy).
 */
final class TarIndex {
  private static final int BLOCK = 512;

  /** A regular file's data: {@code size} bytes from {@code offset}. */
  record Entry(String name, long offset, long size) {}

  private final Map<String, Entry> files;
  private final Map<String, String> links;

  private TarIndex(Map<String, Entry> files, Map<String, String> links) {
    this.files = files;
    this.links = links;
  }

  /** Indexes {@code archive}; IOException "not a tar archive (...)" when it is not one. */
  static TarIndex read(Path archive) throws IOException {
    Map<String, Entry> files = new HashMap<>();
    Map<String, String> links = new HashMap<>();
    try (FileChannel ch = FileChannel.open(archive, StandardOpenOption.READ)) {
      long size = ch.size();
      long position = 0;
      Map<String, String> pax = Map.of();
      Optional<String> longName = Optional.empty();
      byte[] h = new byte[BLOCK];
      while (position + BLOCK <= size) {
        readFully(ch, h, position);
        if (isZero(h)) {
          break; // end-of-archive marker
        }
        if (!checksumMatches(h)) {
          throw new IOException("not a tar archive (bad header at byte " + position + ")");
        }
        long dataOffset = position + BLOCK;
        long entrySize = pax.containsKey("size") ? parseLong(pax.get("size")) : size(h);
        if (dataOffset + entrySize > size) {
          throw new IOException("the tar archive is truncated (entry at byte " + position
              + " needs " + entrySize + " bytes)");
        }
        char type = (char) h[156];
        String name = pax.containsKey("path") ? pax.get("path") : longName.orElseGet(() -> name(h));
        pax = Map.of();
        longName = Optional.empty();
        switch (type) {
          case 'x' -> pax = paxRecords(ch, dataOffset, entrySize);
          case 'L' -> longName = Optional.of(text(ch, dataOffset, entrySize));
          case '0', '\0', '7' -> files.put(normalize(name), new Entry(normalize(name), dataOffset,
              entrySize));
          case '1', '2' -> links.put(normalize(name), linkTarget(normalize(name), field(h, 157, 100),
              type == '2'));
          default -> { } // directories, global PAX headers, devices: not needed
        }
        position = dataOffset + (entrySize + BLOCK - 1) / BLOCK * BLOCK;
      }
      if (position == 0) {
        throw new IOException("not a tar archive (too short)");
      }
    }
    return new TarIndex(files, links);
  }

  /** The regular file at {@code name}, following links (a few hops at most). */
  Optional<Entry> file(String name) {
    String current = normalize(name);
    for (int hops = 0; hops < 8; hops++) {
      Entry e = files.get(current);
      if (e != null) {
        return Optional.of(e);
      }
      String target = links.get(current);
      if (target == null) {
        return Optional.empty();
      }
      current = target;
    }
    return Optional.empty();
  }

  private static String normalize(String name) {
    String n = name;
    while (n.startsWith("./")) {
      n = n.substring(2);
    }
    while (n.startsWith("/")) {
      n = n.substring(1);
    }
    return n;
  }

  /** Symbolic link targets are relative to the link's directory; hard link targets to the root. */
  private static String linkTarget(String link, String target, boolean symbolic) {
    if (!symbolic || target.startsWith("/")) {
      return normalize(target);
    }
    Path base = Path.of(link).getParent();
    Path resolved = (base == null ? Path.of(target) : base.resolve(target)).normalize();
    return normalize(resolved.toString());
  }

  /** PAX extended header: records "LEN key=value\n". */
  private static Map<String, String> paxRecords(FileChannel ch, long offset, long size)
      throws IOException {
    String text = text(ch, offset, size);
    Map<String, String> out = new HashMap<>();
    int i = 0;
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    while (i < bytes.length) {
      int space = i;
      while (space < bytes.length && bytes[space] != ' ') {
        space++;
      }
      int length;
      try {
        length = Integer.parseInt(new String(bytes, i, space - i, StandardCharsets.US_ASCII));
      } catch (NumberFormatException e) {
        throw new IOException("not a tar archive (bad PAX header)");
      }
      if (length <= 0 || i + length > bytes.length) {
        throw new IOException("not a tar archive (bad PAX header)");
      }
      String record = new String(bytes, space + 1, i + length - space - 2, StandardCharsets.UTF_8);
      int eq = record.indexOf('=');
      if (eq > 0) {
        out.put(record.substring(0, eq), record.substring(eq + 1));
      }
      i += length;
    }
    return out;
  }

  private static String text(FileChannel ch, long offset, long size) throws IOException {
    if (size > 1 << 20) {
      throw new IOException("not a tar archive (extended header of " + size + " bytes)");
    }
    byte[] b = new byte[(int) size];
    readFully(ch, b, offset);
    int end = b.length;
    while (end > 0 && b[end - 1] == 0) {
      end--;
    }
    return new String(b, 0, end, StandardCharsets.UTF_8);
  }

  private static void readFully(FileChannel ch, byte[] into, long position) throws IOException {
    ByteBuffer buf = ByteBuffer.wrap(into);
    while (buf.hasRemaining()) {
      if (ch.read(buf, position + buf.position()) < 0) {
        throw new IOException("the tar archive is truncated");
      }
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

  private static long parseLong(String s) throws IOException {
    try {
      return Long.parseLong(s.trim());
    } catch (NumberFormatException e) {
      throw new IOException("not a tar archive (bad PAX size)");
    }
  }

  private static String name(byte[] h) {
    String name = field(h, 0, 100);
    // POSIX "ustar\0" has a name prefix there; GNU "ustar " keeps times in those bytes
    boolean posix = new String(h, 257, 5, StandardCharsets.US_ASCII).equals("ustar") && h[262] == 0;
    String prefix = posix ? field(h, 345, 155) : "";
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  private static String field(byte[] h, int offset, int length) {
    int end = offset;
    while (end < offset + length && h[end] != 0) {
      end++;
    }
    return new String(h, offset, end - offset, StandardCharsets.UTF_8);
  }
}
