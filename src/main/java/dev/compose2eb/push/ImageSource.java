package dev.compose2eb.push;

import java.nio.file.Path;
import java.util.Optional;

/** Where the image to push comes from. */
public sealed interface ImageSource {

  /** What the source is, for messages ("the docker save archive app.tar"). */
  String describe();

  /** An image in the local Docker engine, read through the {@code docker} command. */
  record DockerDaemon(String image) implements ImageSource {
    @Override
    public String describe() {
      return "the local Docker image " + image;
    }
  }

  /** A {@code docker save} archive (layers uncompressed, or gzipped as jib writes them). */
  record Archive(Path path) implements ImageSource {
    @Override
    public String describe() {
      return "the image archive " + path;
    }
  }

  /** An image in a registry: a public one to mirror, or one pushed elsewhere. */
  record Registry(String image, Optional<RegistryCredentials> credentials) implements ImageSource {
    @Override
    public String describe() {
      return "the registry image " + image;
    }
  }

  static ImageSource daemon(String image) {
    return new DockerDaemon(image);
  }

  static ImageSource archive(Path path) {
    return new Archive(path);
  }

  static ImageSource registry(String image) {
    return new Registry(image, Optional.empty());
  }

  static ImageSource registry(String image, RegistryCredentials credentials) {
    return new Registry(image, Optional.of(credentials));
  }
}
