package dev.compose2eb.deploy;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.push.ImagePusher;
import dev.compose2eb.push.ImageSource;
import dev.compose2eb.push.PushResult;
import dev.compose2eb.push.RegistryCredentials;
import dev.compose2eb.translate.ImageNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Publishes with {@link ImagePusher}, without {@code docker push}. Where an image comes from, in
 * order: a {@code docker save} archive named for the service ({@code --image-archive}); for a
 * public image being mirrored, its registry; else the local Docker engine's image of the target
 * name (what a buildspec tagged), or of the name compose gives it locally.
 */
public final class PushingPublisher implements ImagePublisher {
  private final Project project;
  private final ImagePusher pusher;
  private final Map<String, Path> archives;
  private final boolean taggedAsTarget;

  /**
   * @param taggedAsTarget the local engine holds the images under their target names (a buildspec
   *     tagged them {@code <registry>/<repository>:<tag>}); otherwise under compose's local names
   */
  public PushingPublisher(Project project, ImagePusher pusher, Map<String, Path> archives,
      boolean taggedAsTarget) {
    this.project = project;
    this.pusher = pusher;
    this.archives = Map.copyOf(archives);
    this.taggedAsTarget = taggedAsTarget;
  }

  @Override
  public String publish(String service, String target, RegistryCredentials login,
      DeployListener listener) {
    PushResult r = pusher.push(source(service, target), target, login,
        p -> listener.progress(service, p.bytesDone(), p.bytesTotal()));
    listener.step("image", "pushed", service + ": " + r.bytesUploaded() + " bytes in "
        + r.blobsUploaded() + " new blob(s), " + r.blobsSkipped() + " already there");
    return r.digest();
  }

  private ImageSource source(String service, String target) {
    Path archive = archives.get(service);
    if (archive != null) {
      return ImageSource.archive(archive);
    }
    Service s = project.service(service).orElseThrow();
    if (s.build().isEmpty() && s.image().isPresent()) {
      return new ImageSource.Registry(s.image().get(), Optional.empty());
    }
    return ImageSource.daemon(taggedAsTarget ? target
        : s.image().orElse(ImageNames.repositoryFor(project, s)));
  }

  @Override
  public long size(String service) {
    Path archive = archives.get(service);
    try {
      return archive != null && Files.isRegularFile(archive) ? Files.size(archive) : 0;
    } catch (IOException e) {
      return 0;
    }
  }
}
