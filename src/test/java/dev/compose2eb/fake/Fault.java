package dev.compose2eb.fake;

import java.time.Duration;

/**
 * A failure the fake answers with instead of (or before) the real answer, see {@link FakeAws#inject}.
 * Query services answer THROTTLE with HTTP 400 code {@code Throttling}, JSON services (ECR) with
 * {@code ThrottlingException}; SERVER_ERROR is HTTP 500 ({@code InternalFailure} / {@code ServerException}).
 */
public sealed interface Fault {
  /** HTTP 400 throttling error, which the SDK retries with backoff. */
  Fault THROTTLE = new Throttle();
  /** HTTP 500 internal failure, which the SDK retries. */
  Fault SERVER_ERROR = new ServerError();
  /** The connection is closed without any response bytes. */
  Fault CONNECTION_RESET = new ConnectionReset();

  /** The real answer, sent after {@code delay} (for attempt timeouts). */
  static Fault slow(Duration delay) {
    return new Slow(delay);
  }

  record Throttle() implements Fault {}

  record ServerError() implements Fault {}

  record ConnectionReset() implements Fault {}

  record Slow(Duration delay) implements Fault {}
}
