package dev.compose2eb.dockerrun;

import java.util.Objects;

/** A resource limit such as nofile. */
public record Ulimit(String name, int softLimit, int hardLimit) {

  public Ulimit {
    Objects.requireNonNull(name, "name");
  }
}
