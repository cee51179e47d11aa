package dev.compose2eb.compose.normalize;

import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.util.OptionalLong;

/** Reads a size field ({@code mem_limit}, {@code shm_size}, ...): an integer of bytes or a size string. */
final class SizeReader {
  private final NodeReader in;

  SizeReader(NodeReader in) {
    this.in = in;
  }

  OptionalLong read(Node n, String path, String example) {
    if (NodeReader.isNull(n)) {
      return OptionalLong.empty();
    }
    if (n instanceof ScalarNode s) {
      if (s.value() instanceof Long l && l >= 0) {
        return OptionalLong.of(l);
      }
      if (s.value() instanceof Double d && d >= 0) {
        return OptionalLong.of(d.longValue());
      }
      if (s.value() instanceof String str) {
        OptionalLong bytes = Sizes.parse(str);
        if (bytes.isEmpty()) {
          in.error(n, path, "invalid size " + NodeReader.quote(str)
              + ": expected bytes or a number with a unit b, k, m, g (KiB, MB ... are binary)", "e.g. " + example);
        }
        return bytes;
      }
      if (s.value() instanceof Long || s.value() instanceof Double) {
        in.error(n, path, "invalid size " + s.asText() + ": a size cannot be negative", "e.g. " + example);
        return OptionalLong.empty();
      }
    }
    in.typeError(n, path, "a size (bytes or a string like \"512m\")", example);
    return OptionalLong.empty();
  }
}
