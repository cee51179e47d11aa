package dev.compose2eb.push;

/**
 * Basic credentials for one registry host ({@code host[:port]}, no scheme). For ECR, from
 * GetAuthorizationToken: user {@code AWS}, a 12-hour password. {@link #toString} hides the password.
 */
public record RegistryCredentials(String registry, String username, String password) {
  public RegistryCredentials {
    registry = registry.replaceFirst("^https?://", "").replaceAll("/+$", "");
  }

  @Override
  public String toString() {
    return "RegistryCredentials[registry=" + registry + ", username=" + username + ", password=****]";
  }
}
