package dev.compose2eb.plan;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The one rule that says whether a variable is secret: by its name ({@code *PASSWORD*},
 * {@code *_TOKEN}, {@code API_KEY} ...) or by a password in a URL in its value
 * ({@code postgres://user:pw@db/app}, {@code redis://:pw@cache:6379}). Variables that come from a
 * compose {@code secrets:} entry are secret whatever this rule says.
 */
public final class SecretRule {
  private static final Pattern SECRET_NAME = Pattern.compile(
      "(?i).*(PASSWORD|PASSWD|SECRET|TOKEN|CREDENTIAL|PRIVATE|(^|_)(KEY|PASS|PWD|AUTH)(_|$)|APIKEY|ACCESSKEY).*");
  /** scheme://[user]:password@ with a non-empty password (RFC 3986 user info). */
  private static final Pattern URL_PASSWORD =
      Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://[^/?#@\\s:]*:[^/?#@\\s]+@");

  private SecretRule() {}

  /** True when a variable of this name probably holds a secret. */
  public static boolean nameLooksSecret(String name) {
    return SECRET_NAME.matcher(name).matches();
  }

  /** True when the value holds a URL whose user info carries a password. */
  public static boolean hasUrlPassword(String value) {
    return URL_PASSWORD.matcher(value).find();
  }

  /** Why this variable is secret, or empty when it is plain. An empty value is never secret. */
  public static Optional<SecretReason> reason(String name, String value) {
    if (value.isEmpty()) {
      return Optional.empty();
    }
    if (nameLooksSecret(name)) {
      return Optional.of(SecretReason.NAME);
    }
    return hasUrlPassword(value) ? Optional.of(SecretReason.URL_PASSWORD) : Optional.empty();
  }
}
