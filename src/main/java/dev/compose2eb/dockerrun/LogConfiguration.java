package dev.compose2eb.dockerrun;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/** A Docker log driver and its options; options are kept sorted so output is stable. */
public record LogConfiguration(String logDriver, Map<String, String> options) {

  public LogConfiguration {
    Objects.requireNonNull(logDriver, "logDriver");
    options = Collections.unmodifiableMap(new TreeMap<>(options));
  }
}
