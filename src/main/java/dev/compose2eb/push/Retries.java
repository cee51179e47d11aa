package dev.compose2eb.push;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import javax.net.ssl.SSLHandshakeException;

/**
 * Runs a registry call again after a failure the next attempt may not meet: a dropped connection, a
 * timeout, 408, 429 or a 5xx (registries on the internet, ECR included, answer 503 under load and
 * proxies reset long uploads). Anything else fails at once: a refusal does not change by asking again.
 * A call that names what it does tells {@code notes} when it is tried again, and when an attempt
 * has had no answer for {@link #WAITING_NOTE} (a registry that accepts and never answers would
 * otherwise hold the push in silence).
 */
record Retries(int attempts, Duration firstDelay, Consumer<String> notes) {
  /** Three attempts, 1 s then 2 s apart. */
  static final Retries DEFAULT = new Retries(3, Duration.ofSeconds(1));
  /** How long an attempt waits before it is said what it waits for. */
  static final Duration WAITING_NOTE = Duration.ofSeconds(5);

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

  /** Retries that say nothing. */
  Retries(int attempts, Duration firstDelay) {
    this(attempts, firstDelay, note -> { });
  }

  /** The same retries, saying what they wait for and each retry to {@code notes}. */
  Retries withNotes(Consumer<String> notes) {
    return new Retries(attempts, firstDelay, notes);
  }

  /** The call's result; after the last failed attempt, its failure (a refusal says how many were made). */
  <T> T run(Call<T> call) throws IOException, InterruptedException, RegistryClient.Refusal {
    return run(null, false, call);
  }

  /**
   * As {@link #run(Call)}, naming the call ("blob check sha256:... at registry.example") in the
   * notes; {@code answerAwaited} when the call only waits for an answer (an upload sends for as long
   * as its bytes take, and no note says it waits then).
   */
  <T> T run(String what, boolean answerAwaited, Call<T> call)
      throws IOException, InterruptedException, RegistryClient.Refusal {
    Duration delay = firstDelay;
    for (int attempt = 1; ; attempt++) {
      if (what != null && attempt > 1) {
        notes.accept("retrying " + what + ": attempt " + attempt + " of " + attempts);
      }
      ScheduledFuture<?> note = what != null && answerAwaited
          ? waiting(what + " (attempt " + attempt + " of " + attempts + ", no answer for "
              + seconds(WAITING_NOTE) + ")") : null;
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
      } finally {
        if (note != null) {
          note.cancel(false);
        }
      }
      Thread.sleep(delay.toMillis());
      delay = delay.multipliedBy(2);
    }
  }

  /** Runs {@code call} once, saying after a while what it waits for. */
  <T> T once(String what, Call<T> call) throws IOException, InterruptedException,
      RegistryClient.Refusal {
    ScheduledFuture<?> note = waiting(what + " (no answer for " + seconds(WAITING_NOTE) + ")");
    try {
      return call.run();
    } finally {
      note.cancel(false);
    }
  }

  private ScheduledFuture<?> waiting(String what) {
    return Timer.INSTANCE.schedule(() -> notes.accept("waiting for " + what),
        WAITING_NOTE.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String seconds(Duration d) {
    return d.toSeconds() + "s";
  }

  static boolean transientStatus(int status) {
    return status == 408 || status == 429 || status / 100 == 5;
  }

  /** One daemon thread for the notes of every push of the process, made on first use. */
  private static final class Timer {
    static final ScheduledExecutorService INSTANCE = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "compose2eb-registry-watch");
      t.setDaemon(true);
      return t;
    });
  }
}
