package dev.compose2eb.cli;

import dev.compose2eb.plan.SecretRule;

/**
 * What JSON output never shows: the value of a variable the plan's one secret rule calls secret
 * (a secret-looking name, or a password in a URL). Text output is unchanged (config prints values
 * as docker compose does); JSON is what pipelines keep in logs and artifacts, so it says only that
 * a value is there.
 */
final class Redaction {
  static final String REDACTED = "<redacted>";

  private Redaction() {}

  static String value(String name, String value) {
    return SecretRule.reason(name, value).isPresent() ? REDACTED : value;
  }
}
