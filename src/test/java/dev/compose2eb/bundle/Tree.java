package dev.compose2eb.bundle;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** A throwaway project tree for bundle tests, and readers of the zips built from it. */
final class Tree {
  final Path dir;

  Tree(Path dir) {
    this.dir = dir;
  }

  Tree file(String name, String text) {
    return file(name, text.getBytes(StandardCharsets.UTF_8));
  }

  Tree file(String name, byte[] bytes) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.write(p, bytes);
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Tree dir(String name) {
    try {
      Files.createDirectories(dir.resolve(name));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Tree chmod(String name, String perms) {
    try {
      Files.setPosixFilePermissions(dir.resolve(name), PosixFilePermissions.fromString(perms));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Tree touch(String name, long epochMillis) {
    try {
      Files.setLastModifiedTime(dir.resolve(name), FileTime.fromMillis(epochMillis));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Tree link(String name, String target) {
    try {
      Path p = dir.resolve(name);
      Files.createDirectories(p.getParent());
      Files.createSymbolicLink(p, Path.of(target));
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  BundleRequest request(Path output, String... bundlePaths) {
    return new BundleRequest(dir, "{\"AWSEBDockerrunVersion\": 2}\n", List.of(bundlePaths),
        BundleBuilder.EB_MAX_BYTES, output);
  }

  /** Entry names and their contents (directories map to ""), in zip order. */
  static Map<String, String> contents(Path zip) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
      for (ZipArchiveEntry e : entries(z)) {
        out.put(e.getName(), e.isDirectory() ? ""
            : new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  static List<ZipArchiveEntry> entries(ZipFile z) {
    List<ZipArchiveEntry> out = new ArrayList<>();
    Enumeration<ZipArchiveEntry> en = z.getEntriesInPhysicalOrder();
    while (en.hasMoreElements()) {
      out.add(en.nextElement());
    }
    return out;
  }
}
