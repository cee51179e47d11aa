package dev.compose2eb.dockerrun;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Linux-specific settings; capabilities are written as {@code capabilities: {add, drop}}. */
public record LinuxParameters(
    List<String> capabilitiesAdd,
    List<String> capabilitiesDrop,
    Optional<Boolean> initProcessEnabled,
    Optional<Integer> sharedMemorySize,
    List<Tmpfs> tmpfs) {

  public LinuxParameters {
    capabilitiesAdd = List.copyOf(capabilitiesAdd);
    capabilitiesDrop = List.copyOf(capabilitiesDrop);
    Objects.requireNonNull(initProcessEnabled, "initProcessEnabled");
    Objects.requireNonNull(sharedMemorySize, "sharedMemorySize");
    tmpfs = List.copyOf(tmpfs);
  }

  /** True when nothing is set, so the writer can leave the whole object out. */
  public boolean isEmpty() {
    return capabilitiesAdd.isEmpty() && capabilitiesDrop.isEmpty() && initProcessEnabled.isEmpty()
        && sharedMemorySize.isEmpty() && tmpfs.isEmpty();
  }
}
