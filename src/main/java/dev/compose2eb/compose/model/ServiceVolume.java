package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * One entry of a service's {@code volumes}, in long form.
 *
 * @param source for a bind: the absolute host path; for a named volume: its name; empty for an
 *     anonymous volume or a tmpfs
 * @param writtenSource the source as the user wrote it ({@code ./nginx/default.conf}), for reports
 *     and for mapping into the source bundle
 * @param options the short-form options or long-form flags not modelled otherwise
 *     ({@code z}, {@code nocopy}, {@code rshared} ...); {@code labels} when {@code volume.labels} is
 *     given; in the short form also the words compose ignores ({@code cached} ...)
 */
public record ServiceVolume(
    Type type,
    Optional<String> source,
    Optional<String> writtenSource,
    String target,
    boolean readOnly,
    List<String> options,
    Optional<Long> tmpfsSize,
    SourceLocation location) {

  public ServiceVolume {
    options = List.copyOf(options);
  }

  /** The mount types of the compose specification. */
  public enum Type {
    BIND("bind"),
    VOLUME("volume"),
    TMPFS("tmpfs"),
    NPIPE("npipe"),
    CLUSTER("cluster"),
    IMAGE("image");

    private final String yaml;

    Type(String yaml) {
      this.yaml = yaml;
    }

    /** The name compose uses for this type. */
    public String yaml() {
      return yaml;
    }
  }
}
