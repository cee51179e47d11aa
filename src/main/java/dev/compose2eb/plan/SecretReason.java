package dev.compose2eb.plan;

/** Why a variable is treated as a secret. */
public enum SecretReason {
  NAME("its name looks secret"),
  URL_PASSWORD("its value carries a password in a URL"),
  COMPOSE_SECRET("it comes from a compose secrets: entry"),
  DECLARED("it was set as a secret");

  private final String why;

  SecretReason(String why) {
    this.why = why;
  }

  /** A phrase for the report, e.g. "its name looks secret". */
  public String why() {
    return why;
  }
}
