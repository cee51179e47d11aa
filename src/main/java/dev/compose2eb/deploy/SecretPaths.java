package dev.compose2eb.deploy;

/** The documented place of an environment's secrets. */
final class SecretPaths {
  private SecretPaths() {}

  /** {@code /compose2eb/<application>/<environment>/}. */
  static String prefix(String application, String environment) {
    return "/compose2eb/" + application + "/" + environment + "/";
  }
}
