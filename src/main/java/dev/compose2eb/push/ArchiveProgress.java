package dev.compose2eb.push;

import dev.compose2eb.push.PushProgress.Stage;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Byte counts of one archive push, told to the caller's consumer one call at a time: PREPARING counts
 * archive bytes read (hashed, compressed), UPLOADING bytes sent out of the blobs known so far, where a
 * blob the registry already has counts as done at once. Reports at most once per MiB per stage, and
 * always the final counts.
 */
final class ArchiveProgress {
  private static final long STEP = 1 << 20;

  private final String image;
  private final Consumer<PushProgress> sink;
  private final long prepareTotal;
  private long prepared;
  private long preparedReported = -1;
  private long uploaded;
  private long uploadTotal;
  private long uploadedReported = -1;

  ArchiveProgress(String image, Consumer<PushProgress> sink, long prepareTotal) {
    this.image = image;
    this.sink = sink;
    this.prepareTotal = prepareTotal;
  }

  LongConsumer preparing() {
    return n -> {
      synchronized (this) {
        prepared += n;
        if (prepared - preparedReported >= STEP || prepared == prepareTotal) {
          reportPrepared();
        }
      }
    };
  }

  synchronized void skipped(long size) {
    uploadTotal += size;
    uploaded += size;
    reportUploaded();
  }

  /** A blob of {@code size} bytes starts to travel; the consumer gets the bytes sent. */
  synchronized LongConsumer uploading(long size) {
    uploadTotal += size;
    reportUploaded();
    return n -> {
      synchronized (this) {
        uploaded += n;
        if (uploaded - uploadedReported >= STEP || uploaded == uploadTotal) {
          reportUploaded();
        }
      }
    };
  }

  /** Takes back bytes counted by an upload attempt that failed (the next one sends them again). */
  synchronized void forget(long sent) {
    uploaded -= sent;
  }

  synchronized void finish() {
    reportPrepared();
    reportUploaded();
  }

  private void reportPrepared() {
    preparedReported = prepared;
    sink.accept(new PushProgress(image, Stage.PREPARING, prepared, prepareTotal));
  }

  private void reportUploaded() {
    uploadedReported = uploaded;
    sink.accept(new PushProgress(image, Stage.UPLOADING, uploaded, uploadTotal));
  }
}
