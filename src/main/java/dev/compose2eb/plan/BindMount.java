package dev.compose2eb.plan;

/**
 * A bind mount kept for production, classified once for every writer.
 *
 * @param service the service
 * @param index the index of the mount in the service's {@code volumes}
 * @param inProject whether the source lies in the project directory (the bundle on the instance);
 *     otherwise it is an absolute host path of the instance
 * @param path for a project source, its path relative to the project directory ({@code ""} for the
 *     project directory itself); for a host source, the absolute path
 * @param bundled whether the source goes into the source bundle: a project source that exists. A
 *     missing one is mounted anyway, and Docker creates it on the instance, as compose does locally
 */
public record BindMount(String service, int index, boolean inProject, String path, boolean bundled) {

  /** The bundle path of a project source: "." for the project directory itself. */
  public String bundlePath() {
    return path.isEmpty() ? "." : path;
  }
}
