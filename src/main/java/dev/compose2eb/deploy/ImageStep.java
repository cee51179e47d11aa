package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.aws.Deadline;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.push.EcrRegistry;
import dev.compose2eb.push.RegistryCredentials;
import dev.compose2eb.translate.ImageNames;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The image step: for every service built from source (and, when asked, every public image), its
 * ECR repository is created when missing and the image pushed; the result maps each service to its
 * digest-pinned reference. {@code compose2eb push} is this step alone.
 */
public final class ImageStep {
  private final Project project;
  private final ImagePublisher images;
  private final Clients clients;
  private final DeployListener listener;
  private final String tag;
  private final boolean mirror;
  private final boolean dryRun;
  private RegistryCredentials login;

  public ImageStep(Project project, ImagePublisher images, Clients clients, DeployListener listener,
      String tag, boolean mirror, boolean dryRun) {
    this.project = project;
    this.images = images;
    this.clients = clients;
    this.listener = listener;
    this.tag = tag;
    this.mirror = mirror;
    this.dryRun = dryRun;
  }

  /** Pushes; returns service name to {@code registry/repository@sha256:...}. */
  public Map<String, String> run() {
    return run(Optional.empty());
  }

  /**
   * Pushes within {@code deadline} (its own budget, apart from the wait for Elastic Beanstalk): a
   * push still running when it passes is abandoned and the step fails.
   */
  public Map<String, String> run(Optional<Deadline> deadline) {
    login = EcrRegistry.registryCredentials(clients.ecr());
    Map<String, String> pinned = new LinkedHashMap<>();
    for (Service s : project.services()) {
      boolean mirrored = mirror && s.build().isEmpty() && s.image().isPresent()
          && !s.image().get().contains(".dkr.ecr.");
      if (s.build().isEmpty() && !mirrored) {
        continue;
      }
      String repo = s.build().isPresent() ? ImageNames.repositoryFor(project, s)
          : "mirror/" + mirrorRepository(s.image().get());
      ensureRepository(repo);
      String target = login.registry() + "/" + repo + ":"
          + (s.build().isPresent() ? tag : mirrorTag(s.image().get()));
      long size = images.size(s.name());
      listener.step("image", "push", s.name() + " -> " + target + (size > 0 ? " (" + size + " bytes)" : ""));
      if (!dryRun) {
        String digest = deadline.isEmpty() ? images.publish(s.name(), target, login, listener)
            : publishWithin(s.name(), target, deadline.get());
        pinned.put(s.name(), login.registry() + "/" + repo + "@" + digest);
      }
    }
    return pinned;
  }

  private String publishWithin(String service, String target, Deadline deadline) {
    ExecutorService one = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "compose2eb-push");
      t.setDaemon(true);
      return t;
    });
    try {
      Future<String> push = one.submit(() -> images.publish(service, target, login, listener));
      String digest = push.get(Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
      if (deadline.passed()) {
        throw pushTimedOut(service, target, deadline, null);
      }
      return digest;
    } catch (TimeoutException e) {
      throw pushTimedOut(service, target, deadline, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      throw new AwsFailure("push the image of " + service, String.valueOf(e.getCause()), "run it again", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AwsFailure("push the image of " + service, "interrupted", "run it again", e);
    } finally {
      one.shutdownNow();
    }
  }

  private static AwsFailure pushTimedOut(String service, String target, Deadline deadline,
      Throwable cause) {
    return new AwsFailure("push the image of " + service + " to " + target,
        "the image pushes took longer than --push-timeout " + deadline.budgetText(),
        "run the deploy again (blobs already sent are not sent again), or give a longer --push-timeout", cause);
  }

  /** The registry credentials {@link #run()} used. */
  public RegistryCredentials login() {
    return login;
  }

  private void ensureRepository(String repo) {
    if (EcrRegistry.describeRepository(clients.ecr(), repo).isPresent()) {
      listener.step("ecr", "reuse", "repository " + repo);
      return;
    }
    listener.step("ecr", "create", "repository " + repo);
    if (!dryRun) {
      EcrRegistry.ensureRepository(clients.ecr(), repo);
    }
  }

  private static String mirrorRepository(String image) {
    String repo = ImageNames.repository(image);
    return repo.startsWith("library/") ? repo.substring("library/".length()) : repo;
  }

  private static String mirrorTag(String image) {
    String ref = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = ref.lastIndexOf(':');
    return colon > ref.lastIndexOf('/') ? ref.substring(colon + 1) : "latest";
  }
}
