package dev.compose2eb.translate;

import java.util.regex.Pattern;

/**
 * The name heuristic for values that must not be written into generated files: environment
 * variables and build args called {@code *PASSWORD*}, {@code *_TOKEN}, {@code API_KEY} and the like.
 */
public final class SecretNames {
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE|(^|_)(KEY|PASS|PWD|AUTH)(_|$)|APIKEY|ACCESSKEY).*");

  private SecretNames() {}

  /** True when a variable of this name probably holds a secret. */
  public static boolean looksSecret(String name) {
    return SECRET_NAME.matcher(name).matches();
  }
}
