package dev.compose2eb.push;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * Writes an image archive in the layout {@code docker save} produces (manifest.json, a config JSON,
 * one uncompressed {@code layer.tar} per layer) without Docker. Each layer holds one file of seeded
 * random bytes, so layers are incompressible and the same seed gives the same bytes.
 */
public final class DockerSaveArchive {
  private static final int CHUNK = 1 << 16;

  /**
   * What was written: the archive, the layers' diff ids (sha256 of each uncompressed tar), the
   * config digest (the image id) and the sha256 of each layer as stored (gzipped or not).
   */
  public record Written(Path archive, List<String> diffIds, String configDigest,
      List<String> storedLayerDigests) {}

  private DockerSaveArchive() {}

  public static Written write(Path archive, String repoTag, long[] layerSizes, long seed)
      throws IOException {
    return write(archive, repoTag, layerSizes, seed, false);
  }

  /** With {@code gzipLayers}, layers are stored gzipped (as jib writes archives); diff ids stay the same. */
  static Written write(Path archive, String repoTag, long[] layerSizes, long seed, boolean gzipLayers)
      throws IOException {
    return write(archive, repoTag, layerSizes, seed, gzipLayers, -1);
  }

  /**
   * With {@code wrongDiffId} >= 0, the configuration lists a wrong diff id for that layer (an
   * inconsistent archive, as a damaged or hand-edited one would be).
   */
  static Written write(Path archive, String repoTag, long[] layerSizes, long seed, boolean gzipLayers,
      int wrongDiffId) throws IOException {
    Path work = Files.createTempDirectory(archive.toAbsolutePath().getParent(), ".layers");
    try {
      List<String> diffIds = new ArrayList<>();
      List<String> stored = new ArrayList<>();
      List<Path> layers = new ArrayList<>();
      for (int i = 0; i < layerSizes.length; i++) {
        Path layer = work.resolve("layer" + i + ".tar");
        diffIds.add(writeLayer(layer, "layer" + i + "/data.bin", layerSizes[i], seed * 31 + i,
            gzipLayers));
        stored.add("sha256:" + hex(sha256().digest(Files.readAllBytes(layer))));
        layers.add(layer);
      }
      List<String> listed = new ArrayList<>(diffIds);
      if (wrongDiffId >= 0) {
        listed.set(wrongDiffId, "sha256:" + hex(sha256().digest(new byte[] {42})));
      }
      byte[] config = config(listed).getBytes(StandardCharsets.UTF_8);
      String configName = hex(sha256().digest(config)) + ".json";
      StringBuilder manifest = new StringBuilder("[{\"Config\":\"" + configName
          + "\",\"RepoTags\":[\"" + repoTag + "\"],\"Layers\":[");
      for (int i = 0; i < layers.size(); i++) {
        manifest.append(i == 0 ? "" : ",").append('"').append(dirOf(diffIds.get(i)))
            .append(gzipLayers ? "/layer.tar.gz\"" : "/layer.tar\"");
      }
      manifest.append("]}]");
      try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (int i = 0; i < layers.size(); i++) {
          tar.putArchiveEntry(dirEntry(dirOf(diffIds.get(i)) + "/"));
          tar.closeArchiveEntry();
          TarArchiveEntry e = fileEntry(dirOf(diffIds.get(i)) + (gzipLayers ? "/layer.tar.gz"
              : "/layer.tar"), Files.size(layers.get(i)));
          tar.putArchiveEntry(e);
          Files.copy(layers.get(i), tar);
          tar.closeArchiveEntry();
        }
        put(tar, configName, config);
        put(tar, "manifest.json", manifest.toString().getBytes(StandardCharsets.UTF_8));
        tar.finish();
      }
      return new Written(archive, diffIds, "sha256:" + hex(sha256().digest(config)), stored);
    } finally {
      try (var files = Files.walk(work)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /** A plain tar of text files (for "a tar, but not an image" cases). */
  static void writeTar(Path archive, java.util.Map<String, String> files) throws IOException {
    try (TarArchiveOutputStream tar = new TarArchiveOutputStream(Files.newOutputStream(archive))) {
      for (var f : new java.util.TreeMap<>(files).entrySet()) {
        put(tar, f.getKey(), f.getValue().getBytes(StandardCharsets.UTF_8));
      }
      tar.finish();
    }
  }

  private static String writeLayer(Path layer, String name, long size, long seed, boolean gzip)
      throws IOException {
    MessageDigest digest = sha256();
    OutputStream file = Files.newOutputStream(layer);
    try (OutputStream out = new DigestOutputStream(gzip ? new java.util.zip.GZIPOutputStream(file,
            1 << 16) : file, digest);
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
      tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
      tar.putArchiveEntry(fileEntry(name, size));
      SplittableRandom random = new SplittableRandom(seed);
      byte[] buf = new byte[CHUNK];
      for (long left = size; left > 0; left -= CHUNK) {
        for (int i = 0; i < buf.length; i += 8) {
          long v = random.nextLong();
          for (int b = 0; b < 8; b++) {
            buf[i + b] = (byte) (v >>> (8 * b));
          }
        }
        tar.write(buf, 0, (int) Math.min(CHUNK, left));
      }
      tar.closeArchiveEntry();
      tar.finish();
    }
    return "sha256:" + hex(digest.digest());
  }

  private static String config(List<String> diffIds) {
    StringBuilder ids = new StringBuilder();
    StringBuilder history = new StringBuilder();
    for (int i = 0; i < diffIds.size(); i++) {
      ids.append(i == 0 ? "" : ",").append('"').append(diffIds.get(i)).append('"');
      history.append(i == 0 ? "" : ",").append("{\"created\":\"2025-01-01T00:00:00Z\","
          + "\"created_by\":\"COPY layer").append(i).append(" /layer").append(i).append("\"}");
    }
    return "{\"architecture\":\"amd64\",\"os\":\"linux\",\"created\":\"2025-01-01T00:00:00Z\","
        + "\"config\":{\"Env\":[\"PATH=/usr/local/bin:/usr/bin:/bin\",\"MODE=test\"],"
        + "\"Cmd\":[\"/layer0/data.bin\"],\"WorkingDir\":\"/\",\"ExposedPorts\":{\"8080/tcp\":{}}},"
        + "\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[" + ids + "]},"
        + "\"history\":[" + history + "]}";
  }

  private static String dirOf(String diffId) {
    return diffId.substring("sha256:".length());
  }

  private static void put(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
    tar.putArchiveEntry(fileEntry(name, bytes.length));
    tar.write(bytes);
    tar.closeArchiveEntry();
  }

  private static TarArchiveEntry fileEntry(String name, long size) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setSize(size);
    e.setMode(0644);
    e.setModTime(0);
    return e;
  }

  private static TarArchiveEntry dirEntry(String name) {
    TarArchiveEntry e = new TarArchiveEntry(name);
    e.setMode(040755);
    e.setModTime(0);
    return e;
  }

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }
}
