package dev.compose2eb.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a registry call says as it is tried again (the waiting note is UnresponsiveEndpointTest's). */
class RetriesTest {
  private final List<String> notes = new CopyOnWriteArrayList<>();
  private final Retries retries = new Retries(3, Duration.ofMillis(1)).withNotes(notes::add);

  @Test
  void eachRetryIsSaidWithItsAttemptNumber() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    String got = retries.run("registry blob check sha256:0123 at r.example", true, () -> {
      if (calls.incrementAndGet() < 3) {
        throw new IOException("connection reset");
      }
      return "ok";
    });
    assertThat(got).isEqualTo("ok");
    assertThat(notes).containsExactly(
        "retrying registry blob check sha256:0123 at r.example: attempt 2 of 3",
        "retrying registry blob check sha256:0123 at r.example: attempt 3 of 3");
  }

  @Test
  void aRefusalIsNotRetriedAndAnUnnamedCallSaysNothing() throws Exception {
    assertThatThrownBy(() -> retries.run("registry manifest upload at r.example", true, () -> {
      throw new RegistryClient.Refusal(401, "UNAUTHORIZED", "authentication required");
    })).isInstanceOf(RegistryClient.Refusal.class);
    AtomicInteger calls = new AtomicInteger();
    retries.run(() -> {
      if (calls.incrementAndGet() < 2) {
        throw new IOException("timed out");
      }
      return null;
    });
    assertThat(notes).isEmpty();
  }
}
