package dev.compose2eb.deploy;

/**
 * Credentials for an image registry, from ECR's GetAuthorizationToken. {@link #toString()} hides the
 * password so that it never reaches a log.
 *
 * @param registry the registry host, e.g. {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com}
 */
public record RegistryLogin(String registry, String username, String password) {
  @Override
  public String toString() {
    return "RegistryLogin[registry=" + registry + ", username=" + username + ", password=***]";
  }
}
