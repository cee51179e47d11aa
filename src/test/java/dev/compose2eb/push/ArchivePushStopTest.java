package dev.compose2eb.push;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** After a failed push, no worker may still run (it could be writing into the layer cache). */
class ArchivePushStopTest {

  @Test
  void stopReturnsOnlyOnceTheWorkersHaveFinished() throws InterruptedException {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    CountDownLatch started = new CountDownLatch(1);
    AtomicBoolean cleanedUp = new AtomicBoolean();
    pool.submit(() -> {
      started.countDown();
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException e) {
        // like a reader deleting its temporary file: takes a moment after the interrupt
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
        while (System.nanoTime() < until) {
          Thread.onSpinWait();
        }
        cleanedUp.set(true);
      }
    });
    started.await();

    ArchivePush.stop(pool);

    assertThat(cleanedUp).isTrue();
    assertThat(pool.isTerminated()).isTrue();
  }
}
