package dev.compose2eb.push;

/** A failed push, told in one line: {@code Tried to <action> but failed because: <reason>; <fix>}. */
public final class PushFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String reason;

  PushFailure(String action, String reason, String fix, Throwable cause) {
    super("Tried to " + action + " but failed because: " + reason + "; " + fix, cause, false, false);
    this.reason = reason;
  }

  public String reason() {
    return reason;
  }
}
