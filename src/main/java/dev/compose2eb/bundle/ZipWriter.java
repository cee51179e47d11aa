package dev.compose2eb.bundle;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.diag.SourceLocation;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.SecureDirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * Writes planned entries as a reproducible zip: the given order, one timestamp, normalised Unix
 * modes, UTF-8 names, no extra fields, no comments, deflate at a fixed level. Writes through a
 * seekable channel, so local headers carry sizes and CRCs (no data descriptors) and memory stays
 * constant however big the bundle is.
 */
final class ZipWriter {
  /** zlib's default trade-off, fixed so that output does not follow a library default. */
  static final int LEVEL = 6;
  /** How often, in bytes read, the size limit is checked inside one file. */
  private static final int CHECK_EVERY = 1 << 20;

  private ZipWriter() {}

  /**
   * The fixed time of every entry, 1980-02-01 00:00:00 in the zip's zone-less DOS fields. Not
   * 1980-01-01, the first DOS instant: east of UTC that local time is still 1979 in UTC, and zip
   * writers (commons-compress, java.util.zip) then add extended-timestamp extra fields, so the bytes
   * would depend on the time zone (Gradle's reproducible archives pick February 1 for the same
   * reason). commons-compress converts through the default zone, so the constant is taken there.
   */
  static long fixedTime() {
    return FIXED_TIME.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
  }

  static final LocalDateTime FIXED_TIME = LocalDateTime.of(1980, 2, 1, 0, 0);

  /** Writes the zip to {@code file} (created new) and returns its size; throws past maxBytes. */
  static long write(Path root, List<Entry> entries, Path file, long maxBytes) throws IOException {
    long time = fixedTime();
    byte[] buf = new byte[64 * 1024];
    try (SeekableByteChannel ch = Files.newByteChannel(file, StandardOpenOption.WRITE,
            StandardOpenOption.TRUNCATE_EXISTING);
         ZipArchiveOutputStream zip = new ZipArchiveOutputStream(ch)) {
      zip.setEncoding("UTF-8");
      zip.setUseLanguageEncodingFlag(true);
      zip.setFallbackToUTF8(false);
      zip.setCreateUnicodeExtraFields(ZipArchiveOutputStream.UnicodeExtraFieldPolicy.NEVER);
      zip.setUseZip64(Zip64Mode.AsNeeded); // only past 65,535 entries: the zip64 end records
      zip.setLevel(LEVEL);
      for (Entry e : entries) {
        ZipArchiveEntry z = new ZipArchiveEntry(e.name());
        z.setTime(time);
        z.setUnixMode(e.mode());
        if (e.isDirectory()) {
          z.setMethod(ZipArchiveEntry.STORED);
          z.setSize(0);
          z.setCrc(0);
          zip.putArchiveEntry(z);
        } else {
          z.setMethod(ZipArchiveEntry.DEFLATED);
          z.setSize(e.size()); // a known size keeps commons-compress from adding a zip64 field
          zip.putArchiveEntry(z);
          if (e.content().isPresent()) {
            zip.write(e.content().get());
          } else {
            copy(root, e, zip, ch, buf, maxBytes, entries);
          }
        }
        zip.closeArchiveEntry();
        checkLimit(ch.size(), maxBytes, e, entries);
      }
      zip.finish();
      checkLimit(ch.size(), maxBytes, null, entries);
      return ch.size();
    }
  }

  private static void copy(Path root, Entry e, ZipArchiveOutputStream zip, SeekableByteChannel ch,
      byte[] buf, long maxBytes, List<Entry> entries) throws IOException {
    long copied = 0;
    long sinceCheck = 0;
    try (InputStream in = Channels.newInputStream(openInside(root, e))) {
      for (int n; (n = in.read(buf)) > 0; ) {
        copied += n;
        if (copied > e.size()) {
          break;
        }
        zip.write(buf, 0, n);
        sinceCheck += n;
        if (sinceCheck >= CHECK_EVERY) {
          sinceCheck = 0;
          checkLimit(ch.size(), maxBytes, e, entries);
        }
      }
    }
    if (copied != e.size()) {
      throw changed(e, e.size() + " bytes planned, " + (copied > e.size() ? "more" : copied)
          + " read");
    }
  }

  /**
   * Opens a planned file one path component at a time from the project root, following no link
   * (openat with O_NOFOLLOW through {@link SecureDirectoryStream}): the planner resolved every link
   * to a real path, so a component that is a link now was swapped in since, perhaps for a link to
   * a folder outside the project, and is refused. Where the platform has no secure directory
   * streams (Windows), only the last component is opened without following links.
   */
  private static SeekableByteChannel openInside(Path root, Entry e) throws IOException {
    Path source = e.source().orElseThrow();
    Set<OpenOption> read = Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS);
    Path rel = root.relativize(source);
    try (DirectoryStream<Path> top = Files.newDirectoryStream(root)) {
      if (!(top instanceof SecureDirectoryStream<Path> dir) || rel.startsWith("..")) {
        return Files.newByteChannel(source, read);
      }
      List<SecureDirectoryStream<Path>> opened = new ArrayList<>();
      try {
        for (int i = 0; i < rel.getNameCount() - 1; i++) {
          dir = dir.newDirectoryStream(rel.getName(i), LinkOption.NOFOLLOW_LINKS);
          opened.add(dir);
        }
        return dir.newByteChannel(rel.getFileName(), read);
      } finally {
        for (SecureDirectoryStream<Path> d : opened) {
          d.close();
        }
      }
    } catch (FileSystemException ex) {
      throw changed(e, "a folder or file on its path was replaced (" + BundlePlanner.reason(ex)
          + "); nothing outside the project is bundled");
    }
  }

  private static InvalidInputException changed(Entry e, String what) {
    return InvalidInputException.of(Diagnostic.error(SourceLocation.ofFile(e.name()), "bundle",
        e.name() + " changed while it was being bundled: " + what, "run the command again"));
  }

  private static void checkLimit(long written, long maxBytes, Entry at, List<Entry> entries) {
    if (written <= maxBytes) {
      return;
    }
    String biggest = entries.stream().filter(e -> e.source().isPresent())
        .sorted(Comparator.comparingLong(Entry::size).reversed().thenComparing(Entry::name,
            Entry.NAME_ORDER))
        .limit(5).map(e -> e.name() + " (" + human(e.size()) + ")")
        .collect(Collectors.joining(", "));
    throw InvalidInputException.of(Diagnostic.error(null, "bundle", "the source bundle is larger"
            + " than " + human(maxBytes) + (maxBytes == BundleBuilder.EB_MAX_BYTES
            ? ", Elastic Beanstalk's limit" : "") + " (" + human(written) + " written"
            + (at == null ? "" : " by " + at.name()) + "); the biggest files: " + biggest,
        "mount only the files the containers need; keep large data in S3 or EFS"));
  }

  /** A byte count as people read it: 512 MiB, 12.5 KiB, 300 bytes. */
  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes + " bytes";
    }
    String[] units = {"KiB", "MiB", "GiB", "TiB"};
    double v = bytes;
    int u = -1;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return String.format(Locale.ROOT, "%.1f", v).replaceFirst("\\.0$", "")
        + " " + units[u];
  }
}
