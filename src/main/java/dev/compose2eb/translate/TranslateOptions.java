package dev.compose2eb.translate;

import java.util.Optional;

/**
 * Choices the user makes on the command line.
 *
 * @param registry the registry host images built from source are pushed to, e.g. an ECR registry
 * @param tag the tag of images built from source
 * @param defaultMemoryMib the memory reservation of a container that states none
 * @param envToEb move environment values out of the Dockerrun file into EB environment properties
 */
public record TranslateOptions(
    Optional<String> registry, String tag, int defaultMemoryMib, boolean envToEb) {

  /** The documented default memory reservation, in MiB. */
  public static final int DEFAULT_MEMORY_MIB = 256;

  public static TranslateOptions defaults() {
    return new TranslateOptions(Optional.empty(), "latest", DEFAULT_MEMORY_MIB, false);
  }
}
