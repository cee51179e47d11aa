package dev.compose2eb.dockerrun;

import java.util.Objects;

/** One environment variable. */
public record KeyValue(String name, String value) {

  public KeyValue {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(value, "value");
  }
}
