package dev.compose2eb.push;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.DockerDaemonImage;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * Pushes one image to a registry without {@code docker push}: from a {@code docker save} archive with
 * our own registry client (the archive is read once, layers compressed in parallel and cached; the
 * configuration is kept byte for byte, so the config digest is the archive's image id), and from the
 * local Docker engine or another registry (mirroring) with jib-core, which rewrites the configuration.
 * Blobs the target already has are not sent again. The digest returned is the manifest's.
 *
 * <p>Plain-HTTP and self-signed registries are accepted only on the loopback interface (tests, local
 * registries); anything else must present a valid certificate. The library never prints: progress goes
 * to the caller's consumer and failures are {@link PushFailure}s with one-line messages.
 */
public final class ImagePusher {
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "[::1]", "::1");

  private final Path cacheDirectory;
  private final Optional<Path> dockerExecutable;
  private final Map<String, String> dockerEnvironment;
  private final Retries retries;

  /**
   * @param cacheDirectory where compressed layers are kept between runs (keyed by the uncompressed
   *     layer digest, so a second push of an unchanged archive skips compression too)
   */
  public ImagePusher(Path cacheDirectory) {
    this(cacheDirectory, Optional.empty(), Map.of(), Retries.DEFAULT);
  }

  private ImagePusher(Path cacheDirectory, Optional<Path> dockerExecutable,
      Map<String, String> dockerEnvironment, Retries retries) {
    this.cacheDirectory = cacheDirectory;
    this.dockerExecutable = dockerExecutable;
    this.dockerEnvironment = Map.copyOf(dockerEnvironment);
    this.retries = retries;
  }

  /**
   * The same pusher, telling {@code notes} (from any thread) what a registry call of an archive
   * push has waited for 5 s for, and each retry.
   */
  public ImagePusher withNotes(Consumer<String> notes) {
    return new ImagePusher(cacheDirectory, dockerExecutable, dockerEnvironment,
        retries.withNotes(notes));
  }

  /** The same pusher retrying archive blob and manifest calls as {@code retries} says. */
  ImagePusher withRetries(Retries retries) {
    return new ImagePusher(cacheDirectory, dockerExecutable, dockerEnvironment, retries);
  }

  /** The same pusher reading Docker images with this {@code docker} command and extra environment. */
  public ImagePusher withDocker(Optional<Path> executable, Map<String, String> environment) {
    return new ImagePusher(cacheDirectory, executable, environment, retries);
  }

  /**
   * Pushes {@code source} to {@code target} ({@code <registry>/<repository>:<tag>}).
   *
   * @param credentials basic credentials for the target registry
   * @param progress receives byte counts, from worker threads, one call at a time
   * @return the digest of the manifest the registry stored, and what was uploaded
   * @throws PushFailure with a one-line message when anything fails
   */
  public PushResult push(ImageSource source, String target, RegistryCredentials credentials,
      Consumer<PushProgress> progress) {
    String action = "push " + source.describe() + " to " + target;
    ImageReference targetRef = reference(target, action, "the target");
    if (!credentials.registry().equals(targetRef.getRegistry())) {
      throw new PushFailure(action, "the credentials are for " + credentials.registry()
          + ", not for " + targetRef.getRegistry(), "use the target registry's credentials", null);
    }
    if (source instanceof ImageSource.Archive archive) {
      return new ArchivePush(cacheDirectory, retries).push(action, archive, new ArchivePush.Target(target,
          targetRef.getRegistry(), targetRef.getRepository(), targetRef.getQualifier()),
          credentials, progress);
    }
    JibContainerBuilder from = from(source, action);
    boolean insecure = loopback(targetRef.getRegistry())
        && (!(source instanceof ImageSource.Registry r)
            || loopback(reference(r.image(), action, "the source").getRegistry()));
    JibProgress tracker = new JibProgress(target, progress);
    // ours, not jib's: jib only shuts its own pool down, it does not wait for it, and a failed
    // push may leave a worker still writing into the layer cache
    ExecutorService workers = Executors.newCachedThreadPool();
    try {
      Containerizer to = Containerizer.to(RegistryImage.named(targetRef)
              .addCredential(credentials.username(), credentials.password()))
          .setBaseImageLayersCache(cacheDirectory.resolve("layers"))
          .setApplicationLayersCache(cacheDirectory.resolve("application"))
          .setAllowInsecureRegistries(insecure)
          .setToolName("compose2eb")
          .setExecutorService(workers)
          .addEventHandler(tracker);
      JibContainer pushed = from.containerize(to);
      return tracker.result(pushed.getDigest().toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new PushFailure(action, "it was interrupted", "run it again", e);
    } catch (RegistryException | IOException | CacheDirectoryCreationException
        | ExecutionException | RuntimeException e) {
      throw PushErrors.of(action, source, targetRef.getRegistry(), cacheDirectory, e);
    } finally {
      ArchivePush.stop(workers);
    }
  }

  private JibContainerBuilder from(ImageSource source, String action) {
    if (source instanceof ImageSource.DockerDaemon d) {
      DockerDaemonImage image = DockerDaemonImage.named(reference(d.image(), action, "the source"))
          .setDockerEnvironment(dockerEnvironment);
      dockerExecutable.ifPresent(image::setDockerExecutable);
      return Jib.from(image);
    }
    ImageSource.Registry r = (ImageSource.Registry) source;
    RegistryImage image = RegistryImage.named(reference(r.image(), action, "the source"));
    r.credentials().ifPresent(c -> image.addCredential(c.username(), c.password()));
    return Jib.from(image);
  }

  private static ImageReference reference(String image, String action, String which) {
    try {
      return ImageReference.parse(image);
    } catch (InvalidImageReferenceException e) {
      throw new PushFailure(action, which + " \"" + image + "\" is not a valid image reference",
          "use the form registry/repository:tag", e);
    }
  }

  static boolean loopback(String registry) {
    String host = registry.startsWith("[")
        ? registry.substring(0, registry.indexOf(']') + 1)
        : registry.replaceFirst(":\\d+$", "");
    return LOOPBACK.contains(host);
  }
}
