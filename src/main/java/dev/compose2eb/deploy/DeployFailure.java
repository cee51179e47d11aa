package dev.compose2eb.deploy;

/**
 * A deploy that cannot go on, with a message that says what was tried, why it failed and what to do:
 * "Tried to create application version v1 but failed because: ...; ...".
 */
public final class DeployFailure extends RuntimeException {
  public DeployFailure(String action, String reason, String remedy) {
    super("Tried to " + action + " but failed because: " + reason
        + (remedy.isEmpty() ? "" : "; " + remedy), null, false, false);
  }
}
