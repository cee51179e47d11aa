package dev.compose2eb.push;

import com.google.cloud.tools.jib.api.JibEvent;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.event.events.ProgressEvent;
import com.google.cloud.tools.jib.event.progress.Allocation;
import dev.compose2eb.push.PushProgress.Stage;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns jib's events into byte counts. Jib reports progress per "allocation": one per layer it
 * compresses ("compressing layer sha256:..", units = bytes read), pulls ("pulling base image layer
 * ..") or pushes ("pushing blob sha256:..", units = bytes sent). A blob the registry already has is
 * only announced by a log event and then closed at full size: it counts as skipped, not uploaded.
 */
final class JibProgress implements Consumer<JibEvent> {
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final String image;
  private final Consumer<PushProgress> sink;
  private final Map<Allocation, long[]> preparing = new IdentityHashMap<>();
  private final Map<Allocation, long[]> uploading = new IdentityHashMap<>();
  private final Set<String> skipped = new HashSet<>();

  JibProgress(String image, Consumer<PushProgress> sink) {
    this.image = image;
    this.sink = sink;
  }

  @Override
  public synchronized void accept(JibEvent event) {
    // jib 0.27: "Skipping push; BLOB already exists on target registry : <descriptor>"
    if (event instanceof LogEvent log
        && log.getMessage().contains("already exists on target registry")) {
      Matcher m = DIGEST.matcher(log.getMessage());
      if (m.find()) {
        skipped.add(m.group());
      }
    } else if (event instanceof ProgressEvent p) {
      String description = p.getAllocation().getDescription();
      if (description.startsWith("pushing blob ")) {
        add(uploading, p);
        sink.accept(progress(Stage.UPLOADING, uploading));
      } else if (description.startsWith("compressing layer ")
          || description.startsWith("pulling base image layer ")) {
        add(preparing, p);
        sink.accept(progress(Stage.PREPARING, preparing));
      }
    }
  }

  private static void add(Map<Allocation, long[]> counts, ProgressEvent p) {
    long[] c = counts.computeIfAbsent(p.getAllocation(), a -> new long[] {0, a.getAllocationUnits()});
    c[0] += p.getUnits();
  }

  private PushProgress progress(Stage stage, Map<Allocation, long[]> counts) {
    long done = 0;
    long total = 0;
    for (long[] c : counts.values()) {
      done += c[0];
      total += c[1];
    }
    return new PushProgress(image, stage, done, total);
  }

  synchronized PushResult result(String digest) {
    long bytes = 0;
    int uploaded = 0;
    Set<String> skippedSeen = new HashSet<>();
    for (Map.Entry<Allocation, long[]> e : uploading.entrySet()) {
      Matcher m = DIGEST.matcher(e.getKey().getDescription());
      String blob = m.find() ? m.group() : "";
      if (skipped.contains(blob)) {
        skippedSeen.add(blob);
      } else {
        uploaded++;
        bytes += e.getValue()[0];
      }
    }
    return new PushResult(image, digest, bytes, uploaded, skippedSeen.size());
  }
}
