package dev.compose2eb.push;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The push benchmark behind bench/push.sh (test code, not a CLI command).
 *
 * <pre>
 *   PushBench run DIR REPS     archive of 3 random layers (~150 MB) in DIR, then per repetition a fresh
 *                              registry for ours and one for skopeo; then an unchanged second push
 *   PushBench push ARCHIVE TARGET USER PASSWORD CACHE
 *                              one push with ImagePusher (what "ours" runs, in its own JVM)
 * </pre>
 */
public final class PushBench {
  static final long[] LAYERS = {70L << 20, 50L << 20, 30L << 20};

  private PushBench() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 6 && args[0].equals("push")) {
      long start = System.nanoTime();
      PushResult r = new ImagePusher(Path.of(args[5])).push(ImageSource.archive(Path.of(args[1])),
          args[2], new RegistryCredentials(registryOf(args[2]), args[3], args[4]), p -> {});
      long nanos = System.nanoTime() - start;
      long cpu = ProcessHandle.current().info().totalCpuDuration().map(d -> d.toMillis()).orElse(-1L);
      System.out.printf(Locale.ROOT, "%s %d %d %d %d %d%n", r.digest(), r.bytesUploaded(),
          r.blobsUploaded(), r.blobsSkipped(), nanos / 1_000_000, cpu);
      System.out.flush();
      System.exit(0); // as the CLI ends
      return;
    }
    if (args.length == 3 && args[0].equals("run")) {
      run(Path.of(args[1]), Integer.parseInt(args[2]));
      return;
    }
    System.err.println("usage: PushBench run DIR REPS | push ARCHIVE TARGET USER PASSWORD CACHE");
    System.exit(2);
  }

  private static void run(Path dir, int reps) throws Exception {
    Files.createDirectories(dir);
    Path plain = dir.resolve("image.tar");
    Path gzipped = dir.resolve("image-gz.tar");
    if (!Files.exists(plain)) {
      DockerSaveArchive.write(plain, "bench:1", LAYERS, 42);
    }
    if (!Files.exists(gzipped)) {
      DockerSaveArchive.write(gzipped, "bench:1", LAYERS, 42, true);
    }
    List<String> rows = new ArrayList<>();
    rows.add("| archive | tool | median wall | runs (ms) |");
    rows.add("|---|---|---|---|");
    compare("docker save (uncompressed layers)", plain, reps, rows, true);
    compare("layers already gzipped", gzipped, reps, rows, false);
    System.out.println();
    rows.forEach(System.out::println);
  }

  private static void compare(String label, Path archive, int reps, List<String> rows,
      boolean repeat) throws Exception {
    System.out.printf(Locale.ROOT, "%s: %s, %.1f MiB%n", label, archive, Files.size(archive) / 1048576.0);
    List<long[]> ours = new ArrayList<>();
    List<Long> skopeo = new ArrayList<>();
    long[] second = null;
    long[] warm = null;
    long skopeoSecond = -1;
    for (int rep = 1; rep <= reps; rep++) {
      // interleaved: the order alternates, so a change of machine load hits both tools alike
      for (boolean oursNow : rep % 2 == 1 ? new boolean[] {true, false} : new boolean[] {false, true}) {
        if (oursNow) {
          Path cache = Files.createTempDirectory(archive.getParent(), "cache");
          try (LocalRegistry a = LocalRegistry.withAuth("bench", "bench-pass")) {
            a.start();
            long[] r = ours(archive, a.host() + "/ours/app:1", cache);
            ours.add(r);
            System.out.printf(Locale.ROOT, "rep %d ours:   wall %6d ms, in JVM %6d ms, CPU %6d ms,"
                + " %d bytes in %d blobs%n", rep, r[0], r[1], r[6], r[2], r[3]);
            if (repeat && rep == reps) {
              int mark = a.requests().size();
              second = ours(archive, a.host() + "/ours/app:1", cache);
              second[4] = a.blobUploadsSince(mark);
            }
          }
          if (repeat && rep == reps) {
            try (LocalRegistry c = LocalRegistry.withAuth("bench", "bench-pass")) {
              c.start(); // fresh registry, layers already compressed in the cache: upload cost alone
              warm = ours(archive, c.host() + "/ours/app:1", cache);
            }
          }
          deleteTree(cache);
        } else {
          try (LocalRegistry b = LocalRegistry.withAuth("bench", "bench-pass")) {
            b.start();
            long ms = skopeo(archive, b.host() + "/skopeo/app:1");
            skopeo.add(ms);
            System.out.printf(Locale.ROOT, "rep %d skopeo: wall %6d ms%n", rep, ms);
            if (repeat && rep == reps) {
              skopeoSecond = skopeo(archive, b.host() + "/skopeo/app:1");
            }
          }
        }
      }
    }
    long oursMedian = median(ours.stream().map(r -> r[0]).toList());
    long skopeoMedian = median(skopeo);
    rows.add(String.format(Locale.ROOT, "| %s | ours (new JVM, cold layer cache) | %d ms | %s, in JVM %s |",
        label, oursMedian, ours.stream().map(r -> Long.toString(r[0])).toList(),
        ours.stream().map(r -> Long.toString(r[1])).toList()));
    rows.add(String.format(Locale.ROOT, "| %s | skopeo copy | %d ms | %s |", label, skopeoMedian, skopeo));
    rows.add(String.format(Locale.ROOT, "| %s | ratio ours/skopeo | %.2f | |", label,
        (double) oursMedian / skopeoMedian));
    if (warm != null) {
      rows.add(String.format(Locale.ROOT, "| %s | ours, warm layer cache, fresh registry | %d ms |"
          + " in JVM %d ms, %d bytes uploaded |", label, warm[0], warm[1], warm[2]));
    }
    if (second != null) {
      rows.add(String.format(Locale.ROOT, "| %s | ours, second unchanged push | %d ms | in JVM %d ms,"
          + " CPU %d ms, %d bytes in %d blobs uploaded, %d blobs skipped, %d blob upload requests"
          + " at the registry |", label, second[0], second[1], second[6], second[2], second[3],
          second[5], second[4]));
      rows.add(String.format(Locale.ROOT, "| %s | skopeo copy, second unchanged push | %d ms | |",
          label, skopeoSecond));
      rows.add(String.format(Locale.ROOT, "| %s | ratio ours/skopeo, unchanged push | %.2f | |",
          label, (double) second[0] / skopeoSecond));
    }
  }

  /**
   * wall ms, in-JVM ms, bytes uploaded, blobs uploaded, (blob uploads seen), blobs skipped, CPU ms of
   * the process (user+sys, all threads, up to its last output).
   */
  private static long[] ours(Path archive, String target, Path cache) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    long start = System.nanoTime();
    // the child gets the classpath the CLI has (runtime dependencies), not the test classpath
    String classpath = System.getProperty("pushbench.classpath", System.getProperty("java.class.path"));
    Process p = new ProcessBuilder(java, "-cp", classpath,
        PushBench.class.getName(), "push", archive.toString(), target, "bench", "bench-pass",
        cache.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    if (p.waitFor() != 0) {
      throw new IOException("our push failed: " + out);
    }
    long wall = (System.nanoTime() - start) / 1_000_000;
    String[] f = out.split(" ");
    return new long[] {wall, Long.parseLong(f[4]), Long.parseLong(f[1]), Long.parseLong(f[2]), 0,
        Long.parseLong(f[3]), Long.parseLong(f[5])};
  }

  private static long skopeo(Path archive, String target) throws Exception {
    long start = System.nanoTime();
    Process p = new ProcessBuilder("skopeo", "copy", "--quiet", "--dest-tls-verify=false",
        "--dest-creds", "bench:bench-pass", "docker-archive:" + archive, "docker://" + target)
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("skopeo failed: " + out);
    }
    return (System.nanoTime() - start) / 1_000_000;
  }

  private static String registryOf(String target) {
    return target.substring(0, target.indexOf('/'));
  }

  private static long median(List<Long> values) {
    List<Long> sorted = values.stream().sorted().toList();
    return sorted.get(sorted.size() / 2);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    }
  }
}
