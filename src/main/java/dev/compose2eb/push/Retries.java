package dev.compose2eb.push;

import java.io.IOException;
import java.time.Duration;
import javax.net.ssl.SSLHandshakeException;

/**
 * Runs a registry call again after a failure the next attempt may not meet: a dropped connection, a
 * timeout, 408, 429 or a 5xx (registries on the internet, ECR included, answer 503 under load and
 * proxies reset long uploads). Anything else fails at once: a refusal does not change by asking again.
 */
record Retries(int attempts, Duration firstDelay) {
  /** Three attempts, 1 s then 2 s apart. */
  static final Retries DEFAULT = new Retries(3, Duration.ofSeconds(1));

  /** A registry call. */
  @FunctionalInterface
  interface Call<T> {
    T run() throws IOException, InterruptedException, RegistryClient.Refusal;
  }

  Retries {
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
  }

  /** The call's result; after the last failed attempt, its failure (a refusal says how many were made). */
  <T> T run(Call<T> call) throws IOException, InterruptedException, RegistryClient.Refusal {
    Duration delay = firstDelay;
    for (int attempt = 1; ; attempt++) {
      try {
        return call.run();
      } catch (RegistryClient.Refusal e) {
        if (!transientStatus(e.status)) {
          throw e;
        }
        if (attempt == attempts) {
          throw new RegistryClient.Refusal(e.status, e.code, e.getMessage() + ", " + attempts
              + " attempts");
        }
      } catch (SSLHandshakeException e) {
        throw e; // a certificate problem: the same next time
      } catch (IOException e) {
        if (attempt == attempts) {
          throw e;
        }
      }
      Thread.sleep(delay.toMillis());
      delay = delay.multipliedBy(2);
    }
  }

  static boolean transientStatus(int status) {
    return status == 408 || status == 429 || status / 100 == 5;
  }
}
