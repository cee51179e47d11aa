package dev.compose2eb.deploy;

import dev.compose2eb.push.RegistryCredentials;

/** Puts the image of a service into a registry; the deploy pins what it returns by digest. */
public interface ImagePublisher {

  /**
   * Pushes the image a service runs to {@code target} ({@code registry/repository:tag}).
   *
   * @return the manifest digest, {@code sha256:...}
   */
  String publish(String service, String target, RegistryCredentials login, DeployListener listener);

  /** An estimate of the bytes a push would send, for the plan; 0 when unknown. */
  default long size(String service) {
    return 0;
  }
}
