package dev.compose2eb.push;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@code docker save} archive, understood from its index: the image configuration (kept byte for
 * byte, so the pushed config digest is the archive's image id) and the layer entries with the diff ids
 * the configuration lists for them. Layer data is not read here.
 */
record DockerArchive(Path path, TarIndex.Entry configEntry, byte[] config, List<Layer> layers) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_JSON = 16 << 20;

  /** One layer: where its bytes are and the sha256 of its uncompressed tar, per the configuration. */
  record Layer(TarIndex.Entry entry, String diffId) {}

  /** The archive is a tar but not a usable image; the message says why. */
  static final class Invalid extends Exception {
    private static final long serialVersionUID = 1L;

    Invalid(String message) {
      super(message, null, false, false);
    }
  }

  /** Reads manifest.json and the configuration; IOException when the tar itself cannot be read. */
  static DockerArchive open(Path path, TarIndex index) throws IOException, Invalid {
    TarIndex.Entry manifestEntry = index.file("manifest.json").orElseThrow(() -> new Invalid(
        path + " has no manifest.json, so it is not a `docker save` archive"));
    JsonNode manifest = parse(read(path, manifestEntry), "manifest.json", path);
    if (!manifest.isArray() || manifest.size() != 1) {
      throw new Invalid(path + " holds " + (manifest.isArray() ? manifest.size() : 0)
          + " images in manifest.json, expected exactly one");
    }
    JsonNode image = manifest.get(0);
    String configName = image.path("Config").asText("");
    TarIndex.Entry configEntry = index.file(configName).orElseThrow(() -> new Invalid(
        path + " is incomplete (the image configuration \"" + configName + "\" is missing)"));
    byte[] config = read(path, configEntry);
    JsonNode diffIds = parse(config, configName, path).path("rootfs").path("diff_ids");
    JsonNode layerNames = image.path("Layers");
    if (!layerNames.isArray() || !diffIds.isArray() || layerNames.size() != diffIds.size()) {
      throw new Invalid(path + " is inconsistent: manifest.json lists " + layerNames.size()
          + " layers but the image configuration has " + diffIds.size() + " diff_ids");
    }
    List<Layer> layers = new ArrayList<>();
    for (int i = 0; i < layerNames.size(); i++) {
      String name = layerNames.get(i).asText("");
      TarIndex.Entry entry = index.file(name).orElseThrow(() -> new Invalid(
          path + " is incomplete (the layer \"" + name + "\" is missing)"));
      String diffId = diffIds.get(i).asText("");
      if (!diffId.matches("sha256:[0-9a-f]{64}")) {
        throw new Invalid(path + " has an image configuration with an invalid diff_id \"" + diffId
            + "\"");
      }
      layers.add(new Layer(entry, diffId));
    }
    return new DockerArchive(path, configEntry, config, List.copyOf(layers));
  }

  private static JsonNode parse(byte[] bytes, String name, Path path) throws Invalid {
    try {
      return JSON.readTree(bytes);
    } catch (JsonProcessingException e) {
      throw new Invalid(path + " has an unreadable " + name + " (not JSON)");
    } catch (IOException e) {
      throw new Invalid(path + " has an unreadable " + name);
    }
  }

  private static byte[] read(Path path, TarIndex.Entry entry) throws IOException, Invalid {
    if (entry.size() > MAX_JSON) {
      throw new Invalid(path + " has a " + entry.size() + "-byte " + entry.name()
          + ", too large for image metadata");
    }
    ByteBuffer buf = ByteBuffer.allocate((int) entry.size());
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      while (buf.hasRemaining()) {
        if (ch.read(buf, entry.offset() + buf.position()) < 0) {
          throw new Invalid(path + " is truncated (in " + entry.name() + ")");
        }
      }
    }
    return buf.array();
  }
}
