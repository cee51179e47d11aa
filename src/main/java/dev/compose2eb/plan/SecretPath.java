package dev.compose2eb.plan;

/**
 * The one place that names where an environment's secrets live, {@code
 * /compose2eb/<application>/<environment>/<NAME>} (docs/deploy.md#secrets): deploy writes the
 * secret variables and the managed databases' master passwords there, and the managed services'
 * config reads the same names back ({@code {{resolve:ssm-secure:...}}}, environment secrets).
 */
public record SecretPath(String application, String environment) {

  /** {@code /compose2eb/<application>/<environment>}, without the trailing slash. */
  public String path() {
    return "/compose2eb/" + application + "/" + environment;
  }

  /** {@link #path()} with the trailing slash: every secret's name starts with it. */
  public String prefix() {
    return path() + "/";
  }

  /** The SSM parameter name of one secret, e.g. {@code /compose2eb/shop/prod/DB_PASSWORD}. */
  public String name(String secret) {
    return prefix() + secret;
  }
}
