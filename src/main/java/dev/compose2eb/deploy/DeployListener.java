package dev.compose2eb.deploy;

import java.time.Instant;

/** What the deploy tells its user; the CLI renders it. Values of variables never pass through here. */
public interface DeployListener {

  /** A step of the plan: {@code action} is create, update, reuse, skip, upload, push or wait. */
  void step(String step, String action, String detail);

  /** An Elastic Beanstalk event, as {@code eb} prints them. */
  void event(Instant at, String severity, String message);

  /** Bytes of an image or of the bundle sent so far. */
  default void progress(String what, long done, long total) {}

  /** A listener that drops everything, for callers that only want the outcome. */
  static DeployListener silent() {
    return new DeployListener() {
      @Override
      public void step(String step, String action, String detail) {}

      @Override
      public void event(Instant at, String severity, String message) {}
    };
  }
}
