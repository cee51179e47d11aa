package dev.compose2eb.dockerrun;

import java.util.Objects;

/** A namespaced kernel parameter (sysctl). */
public record SystemControl(String namespace, String value) {

  public SystemControl {
    Objects.requireNonNull(namespace, "namespace");
    Objects.requireNonNull(value, "value");
  }
}
