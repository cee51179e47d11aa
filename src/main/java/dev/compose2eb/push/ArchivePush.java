package dev.compose2eb.push;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.LongConsumer;

/**
 * Pushes a {@code docker save} archive with our own registry client: the archive is indexed, not
 * extracted; each layer is read once (hashed, and compressed unless already gzipped or cached) while
 * earlier layers upload, up to three at a time; blobs the registry has are not sent; the image
 * configuration goes up byte for byte, so the config digest is the archive's image id. The manifest is
 * a Docker image manifest v2 (schema 2).
 */
final class ArchivePush {
  static final String MANIFEST_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
  static final String CONFIG_TYPE = "application/vnd.docker.container.image.v1+json";
  static final String LAYER_TYPE = "application/vnd.docker.image.rootfs.diff.tar.gzip";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int UPLOADS = 3;
  /** Below this, uploads are too short for the TLS warm-up to pay for itself. */
  private static final long WARM_UP_ABOVE = 32L << 20;
  /** Long enough for a reader to notice the interrupt and delete its temporary file. */
  private static final long STOP_WAIT_SECONDS = 30;
  /** Compressed layers unused this long are dropped, and the least used beyond the size. */
  private static final Duration CACHE_MAX_AGE = Duration.ofDays(30);
  private static final long CACHE_MAX_BYTES = 10L << 30;

  /** The target, split: registry host, repository, and tag (or digest). */
  record Target(String image, String registry, String repository, String reference) {}

  private final Path cacheDirectory;
  private final Retries retries;

  ArchivePush(Path cacheDirectory, Retries retries) {
    this.cacheDirectory = cacheDirectory;
    this.retries = retries;
  }

  PushResult push(String action, ImageSource.Archive source, Target target,
      RegistryCredentials credentials, Consumer<PushProgress> progress) {
    DockerArchive archive = open(action, source.path());
    boolean large = archive.layers().stream().mapToLong(l -> l.entry().size()).sum()
        >= WARM_UP_ABOVE;
    boolean loopback = ImagePusher.loopback(target.registry());
    RegistryClient client = new RegistryClient(RegistryClient.httpClient(loopback),
        target.registry(), target.repository(), credentials, loopback);
    int threads = Math.max(2, Runtime.getRuntime().availableProcessors());
    ExecutorService compressors = Executors.newFixedThreadPool(threads, daemon("gzip"));
    ExecutorService readers = Executors.newFixedThreadPool(threads, daemon("layer"));
    ExecutorService uploaders = Executors.newFixedThreadPool(UPLOADS, daemon("upload"));
    BlobCache cache = new BlobCache(cacheDirectory.resolve("gzip-layers"));
    try {
      PushResult result = run(archive, client, target, progress, new LayerPreparer(cache,
          new ParallelGzip(compressors, threads)), readers, uploaders, large);
      prune(cache);
      return result;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PushFailure(action, "it was interrupted", "run it again", e);
    } catch (DockerArchive.Invalid e) {
      throw invalid(action, source.path(), e.getMessage());
    } catch (RegistryClient.Refusal e) {
      throw refused(action, target, e);
    } catch (EOFException e) {
      throw invalid(action, source.path(), source.path() + " is truncated ("
          + PushErrors.oneLine(e.getMessage()) + ")");
    } catch (Exception e) {
      throw PushErrors.of(action, source, target.registry(), cacheDirectory, e);
    } finally {
      stop(uploaders, readers, compressors);
      client.close();
    }
  }

  /** Keeps the layer cache from growing without end; it only saves work, so a failure is ignored. */
  private static void prune(BlobCache cache) {
    try {
      cache.prune(Instant.now(), CACHE_MAX_AGE, CACHE_MAX_BYTES);
    } catch (IOException e) {
      // the next push tries again
    }
  }

  /**
   * Interrupts the pools and waits for them: after a failure (say, the registry refused the login)
   * a reader may still be compressing into the cache, and nothing may write there once push returns.
   */
  static void stop(ExecutorService... pools) {
    for (ExecutorService pool : pools) {
      pool.shutdownNow();
    }
    boolean interrupted = false;
    for (ExecutorService pool : pools) {
      try {
        pool.awaitTermination(STOP_WAIT_SECONDS, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private PushResult run(DockerArchive archive, RegistryClient client, Target target,
      Consumer<PushProgress> sink, LayerPreparer preparer, ExecutorService readers,
      ExecutorService uploaders, boolean large) throws Exception {
    Map<String, DockerArchive.Layer> unique = new LinkedHashMap<>();
    archive.layers().forEach(l -> unique.putIfAbsent(l.diffId(), l));
    long total = unique.values().stream().mapToLong(l -> l.entry().size()).sum();
    ArchiveProgress progress = new ArchiveProgress(target.image(), sink, total);
    AtomicInteger skipped = new AtomicInteger();

    // layers are read and compressed while the login (TLS handshake, token) runs
    Map<String, CompletableFuture<LayerPreparer.Blob>> blobs = new LinkedHashMap<>();
    for (DockerArchive.Layer layer : unique.values()) {
      CompletableFuture<LayerPreparer.Blob> blob = async(() -> preparer.prepare(archive.path(),
          layer, progress.preparing()), readers);
      blobs.put(layer.diffId(), blob);
    }
    String at = " at " + target.registry();
    retries.once("registry login (GET /v2/)" + at, () -> {
      client.login();
      return null;
    });
    List<CompletableFuture<Long>> sent = new ArrayList<>();
    for (CompletableFuture<LayerPreparer.Blob> blob : blobs.values()) {
      sent.add(blob.thenApplyAsync(
          b -> unchecked(() -> send(client, b, progress, skipped, large)), uploaders));
    }
    LayerPreparer.Blob config = new LayerPreparer.Blob(Digests.of(archive.config()),
        new FileRegion(archive.path(), archive.configEntry().offset(), archive.configEntry().size()));
    sent.add(async(() -> send(client, config, progress, skipped, large), uploaders));

    long bytes = 0;
    for (CompletableFuture<Long> f : sent) {
      bytes += join(f);
    }
    List<LayerPreparer.Blob> layers = new ArrayList<>();
    for (DockerArchive.Layer layer : archive.layers()) {
      layers.add(join(blobs.get(layer.diffId())));
    }
    progress.finish();
    byte[] manifest = manifest(config, layers);
    String digest = retries.run("registry manifest upload" + at, true,
        () -> client.putManifest(target.reference(), manifest, MANIFEST_TYPE));
    return new PushResult(target.image(), digest, bytes, sent.size() - skipped.get(), skipped.get());
  }

  /**
   * Sends the blob unless the registry has it; the bytes sent. A failed upload starts over in a new
   * upload session, and the progress forgets what the failed attempt had counted. The TLS warm-up
   * of a large image starts with the first blob the registry lacks (the config blob is asked about
   * right after the login, while the layers are still being read): an unchanged push, where the
   * registry has them all, spends nothing on it.
   */
  private long send(RegistryClient client, LayerPreparer.Blob blob, ArchiveProgress progress,
      AtomicInteger skipped, boolean large) throws Exception {
    String what = " " + blob.digest().substring(0, Math.min(blob.digest().length(), 19)) + " at "
        + client.registry();
    if (retries.run("registry blob check" + what, true, () -> client.has(blob.digest()))) {
      progress.skipped(blob.size());
      skipped.incrementAndGet();
      return 0;
    }
    if (large) {
      TlsWarmUp.start();
    }
    LongConsumer uploading = progress.uploading(blob.size());
    AtomicLong counted = new AtomicLong();
    retries.run("registry blob upload" + what, false, () -> {
      progress.forget(counted.getAndSet(0));
      client.upload(blob.digest(), blob.bytes(), n -> {
        counted.addAndGet(n);
        uploading.accept(n);
      });
      return null;
    });
    return blob.size();
  }

  /** The Docker image manifest, keys in a fixed order so the same image gives the same bytes. */
  static byte[] manifest(LayerPreparer.Blob config, List<LayerPreparer.Blob> layers)
      throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schemaVersion", 2);
    m.put("mediaType", MANIFEST_TYPE);
    m.put("config", descriptor(CONFIG_TYPE, config));
    m.put("layers", layers.stream().map(l -> descriptor(LAYER_TYPE, l)).toList());
    return JSON.writeValueAsBytes(m);
  }

  private static Map<String, Object> descriptor(String mediaType, LayerPreparer.Blob blob) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("mediaType", mediaType);
    d.put("size", blob.size());
    d.put("digest", blob.digest());
    return d;
  }

  private static DockerArchive open(String action, Path path) {
    String fix = "create it with `docker save -o " + path + " IMAGE`";
    if (!Files.isRegularFile(path)) {
      throw new PushFailure(action, path + " does not exist or is not a file", fix
          + " or fix the path", null);
    }
    TarIndex index;
    try {
      index = TarIndex.read(path);
    } catch (IOException e) {
      throw new PushFailure(action, path + " is not a readable tar archive ("
          + PushErrors.oneLine(e.getMessage()) + ")", fix, e);
    }
    try {
      return DockerArchive.open(path, index);
    } catch (DockerArchive.Invalid e) {
      throw new PushFailure(action, e.getMessage(), fix, e);
    } catch (IOException e) {
      throw new PushFailure(action, path + " cannot be read (" + PushErrors.oneLine(e.getMessage())
          + ")", "check the file and its permissions", e);
    }
  }

  private static PushFailure invalid(String action, Path path, String reason) {
    return new PushFailure(action, reason, "create it again with `docker save -o " + path
        + " IMAGE`", null);
  }

  private static PushFailure refused(String action, Target target, RegistryClient.Refusal e) {
    String credentialsFix = "check the registry credentials (for ECR the identity needs"
        + " ecr:GetAuthorizationToken and the layer push actions)";
    if (e.status == 401) {
      return new PushFailure(action, "authentication failed (" + e.getMessage() + ") for "
          + target.registry(), credentialsFix, e);
    }
    if (e.status == 403) {
      return new PushFailure(action, "access was denied (" + e.getMessage() + ") to "
          + target.registry() + "/" + target.repository(), credentialsFix, e);
    }
    if (e.code.equals("NAME_UNKNOWN")) {
      return new PushFailure(action, "the registry refused it (" + e.getMessage() + ")",
          "create the repository first", e);
    }
    if (e.status == 0) {
      return new PushFailure(action, "the registry " + target.registry() + " misbehaved: "
          + e.getMessage(), "check for a proxy that changes requests, and run again", e);
    }
    return new PushFailure(action, "the registry refused it (" + e.getMessage() + ")",
        "fix what the registry names and run again", e);
  }

  /** Work that may throw anything; exceptions travel inside the future. */
  @FunctionalInterface
  private interface Work<T> {
    T run() throws Exception;
  }

  private static <T> CompletableFuture<T> async(Work<T> work, ExecutorService pool) {
    return CompletableFuture.supplyAsync(() -> unchecked(work), pool);
  }

  private static <T> T unchecked(Work<T> work) {
    try {
      return work.run();
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new CompletionException(e);
    }
  }

  /** The value, or the exception the work threw, unwrapped. */
  private static <T> T join(CompletableFuture<T> f) throws Exception {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      while ((cause instanceof CompletionException || cause instanceof ExecutionException)
          && cause.getCause() != null) {
        cause = cause.getCause();
      }
      if (cause instanceof Exception ex) {
        throw ex;
      }
      throw (Error) cause;
    }
  }

  private static ThreadFactory daemon(String name) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, "compose2eb-" + name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
