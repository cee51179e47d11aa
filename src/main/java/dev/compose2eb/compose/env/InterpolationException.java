package dev.compose2eb.compose.env;

import dev.compose2eb.yaml.GoQuoted;

/**
 * A value could not be interpolated: its {@code $} syntax is malformed, or a {@code ${VAR:?msg}} /
 * {@code ${VAR?msg}} variable is missing.
 */
public final class InterpolationException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Which of compose's two interpolation failures this is. */
  public enum Kind {
    /** Malformed syntax: {@code ${}}, {@code ${ foo}}, {@code ${foo!}}, an unclosed {@code ${}. */
    INVALID_FORMAT,
    /** A {@code :?} or {@code ?} variable has no (non-empty) value. */
    REQUIRED,
    /** Defaults nested deeper than {@link Interpolator#MAX_NESTING}: refused, not overflowed. */
    TOO_DEEP
  }

  private final Kind kind;
  private final String template;
  private final String variable;
  private final String reason;

  private InterpolationException(Kind kind, String template, String variable, String reason) {
    super(null, null, false, false); // user input, not a bug: no stack trace needed
    this.kind = kind;
    this.template = template;
    this.variable = variable;
    this.reason = reason;
  }

  static InterpolationException invalidFormat(String template) {
    return new InterpolationException(Kind.INVALID_FORMAT, template, "", "");
  }

  static InterpolationException tooDeep(String template) {
    return new InterpolationException(Kind.TOO_DEEP, template, "", "");
  }

  static InterpolationException required(String template, String variable, String reason) {
    return new InterpolationException(Kind.REQUIRED, template, variable, reason);
  }

  public Kind kind() {
    return kind;
  }

  /** The whole value that was being interpolated. */
  public String template() {
    return template;
  }

  /** The missing variable for {@link Kind#REQUIRED}; empty for {@link Kind#INVALID_FORMAT}. */
  public String variable() {
    return variable;
  }

  /** The (interpolated) message written after {@code :?} or {@code ?}; may be empty. */
  public String reason() {
    return reason;
  }

  /**
   * One line: {@code invalid interpolation format "${foo!}"}, or compose's own {@code required
   * variable X is missing a value: msg} (without {@code : msg} when the message is empty).
   */
  @Override
  public String getMessage() {
    if (kind == Kind.INVALID_FORMAT) {
      return "invalid interpolation format " + GoQuoted.of(template);
    }
    if (kind == Kind.TOO_DEEP) {
      return "interpolation nested more than " + Interpolator.MAX_NESTING + " levels deep ("
          + GoQuoted.of(template.length() > 60 ? template.substring(0, 60) + "..." : template) + ")";
    }
    return reason.isEmpty()
        ? "required variable " + variable + " is missing a value"
        : "required variable " + variable + " is missing a value: " + reason;
  }

  /** The way out, for the hint part of a diagnostic. */
  public String hint() {
    if (kind == Kind.INVALID_FORMAT) {
      return "You may need to escape any $ with another $, e.g. \"$$foo\"";
    }
    if (kind == Kind.TOO_DEEP) {
      return "nest fewer defaults, e.g. ${A:-${B:-x}}";
    }
    return "set " + variable + " in the shell environment or in the .env file";
  }

  /** The multi-line text docker compose prints for this failure at {@code path}. */
  public String composeMessage(String path) {
    if (kind == Kind.INVALID_FORMAT) {
      return "invalid interpolation format for " + path
          + ".\nYou may need to escape any $ with another $.\n" + template;
    }
    return "error while interpolating " + path + ": " + getMessage();
  }
}
