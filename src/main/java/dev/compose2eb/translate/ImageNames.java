package dev.compose2eb.translate;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.plan.ImageReference;
import java.util.Locale;
import java.util.Optional;

/**
 * The image each container runs. A service built from source runs
 * {@code <registry>/<project>-<service>:<tag>} (the names the buildspec pushes); when it also names
 * an {@code image}, that repository is kept under the registry. Without a registry, the local name
 * compose would give the image, which EB cannot pull: a warning says how to fix it.
 */
public final class ImageNames {
  private ImageNames() {}

  public static String of(Project p, Service s, TranslateOptions opts, Diagnostics diags) {
    if (s.build().isEmpty()) {
      return s.image().orElse("");
    }
    String path = "services." + s.name() + ".build";
    if (opts.registry().isPresent()) {
      String registry = opts.registry().get().replaceFirst("^https?://", "").replaceAll("/+$", "");
      return registry + "/" + repositoryFor(p, s) + ":" + opts.tag();
    }
    String local = s.image().orElse(repositoryFor(p, s));
    diags.warning(s.keyLocation("build"), path, "image \"" + local + "\" is built locally and"
            + " Elastic Beanstalk cannot pull it",
        "pass --registry <account>.dkr.ecr.<region>.amazonaws.com (and --tag) so the Dockerrun names"
            + " the image the buildspec or `compose2eb push` puts in ECR");
    return local;
  }

  /**
   * The ECR repository of a service built from source: the repository part of its {@code image}
   * when it names one, else lowercase {@code <project>-<service>}. The buildspec pushes to it and
   * {@code convert --registry} names it, so both must come from here.
   */
  public static String repositoryFor(Project p, Service s) {
    return s.image().map(ImageNames::repository).orElseGet(() ->
        (p.name() + "-" + s.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._/-]", "-"));
  }

  /** The repository part of an image reference: no registry host, no tag, no digest. */
  public static String repository(String image) {
    return ImageReference.repository(image);
  }

  /** The database or cache an image runs, for the advisory; empty for anything else. */
  static Optional<String> statefulKind(String image) {
    String repo = repository(image);
    String last = repo.substring(repo.lastIndexOf('/') + 1);
    return switch (last) {
      case "postgres", "postgresql", "postgis", "mysql", "mariadb" -> Optional.of("RDS");
      case "mongo", "mongodb" -> Optional.of("DocumentDB");
      case "redis", "valkey", "memcached" -> Optional.of("ElastiCache");
      default -> Optional.empty();
    };
  }
}
