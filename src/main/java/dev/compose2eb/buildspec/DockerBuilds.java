package dev.compose2eb.buildspec;

import dev.compose2eb.compose.model.Build;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.plan.SecretRule;
import dev.compose2eb.translate.ImageNames;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/** The {@code docker build} command of each service with {@code build:}, as compose runs it. */
final class DockerBuilds {
  /** ECR's rule for repository names; it also keeps them safe inside a double-quoted shell word. */
  static final Pattern ECR_REPOSITORY =
      Pattern.compile("(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
  /** Networks that exist on any Docker host; compose-defined ones do not exist in CodeBuild. */
  private static final Set<String> HOST_NETWORKS = Set.of("host", "none", "default");

  private final Project project;
  private final Diagnostics diags;

  private DockerBuilds(Project project, Diagnostics diags) {
    this.project = project;
    this.diags = diags;
  }

  /** The images to build, in service order; one per repository. */
  static List<BuiltImage> plan(Project project, Diagnostics diags) {
    return new DockerBuilds(project, diags).plan();
  }

  private List<BuiltImage> plan() {
    Map<String, String> byRepository = new LinkedHashMap<>();
    List<BuiltImage> out = new ArrayList<>();
    for (Service s : project.services()) {
      if (s.build().isEmpty()) {
        continue;
      }
      Build b = s.build().get();
      String path = "services." + s.name() + ".build";
      String repo = ImageNames.repositoryFor(project, s);
      if (repo.length() < 2 || repo.length() > 256 || !ECR_REPOSITORY.matcher(repo).matches()) {
        diags.error(b.location(), path, "\"" + repo + "\" is not a valid ECR repository name",
            "ECR names are lowercase words joined by single '.', '_', '-' or '/': set image: to"
                + " one, e.g. image: my-app-web, or choose another project name with -p");
        continue;
      }
      String first = byRepository.putIfAbsent(repo, s.name());
      if (first != null) {
        diags.warning(b.location(), path, "\"" + s.name() + "\" builds the image " + repo
                + " that \"" + first + "\" already builds; the buildspec builds it once, from \""
                + first + "\"",
            "give each built service its own image: name, or drop build: from one of them");
        continue;
      }
      out.add(new BuiltImage(s.name(), repo, command(s, b, repo, path)));
    }
    return out;
  }

  private String command(Service s, Build b, String repo, String path) {
    List<String> w = new ArrayList<>(List.of("docker", "build", "-t",
        "\"" + new BuiltImage(s.name(), repo, "").reference() + "\""));
    String prefix = "";
    if (b.dockerfileInline().isPresent()) {
      prefix = "printf '%s' " + Shell.quote(b.dockerfileInline().get()) + " | ";
      w.add("-f -");
    } else if (!b.dockerfile().equals("Dockerfile")) {
      w.add("-f " + Shell.quote(b.remoteContext() ? b.dockerfile() : dockerfile(b, path)));
    }
    b.target().ifPresent(t -> w.add("--target " + Shell.quote(t)));
    if (!b.platforms().isEmpty()) {
      w.add("--platform " + Shell.quote(String.join(",", b.platforms())));
      if (b.platforms().size() > 1) {
        diags.warning(at(s, b, "platforms"), path + ".platforms", "several platforms ("
                + String.join(", ", b.platforms()) + ") need a buildx builder with a"
                + " docker-container driver; CodeBuild's default docker build makes one",
            "keep the one platform of your Elastic Beanstalk instances, e.g. platforms:"
                + " [linux/amd64]");
      }
    }
    for (Map.Entry<String, String> a : b.args().entrySet()) {
      if (SecretRule.reason(a.getKey(), a.getValue()).isPresent()) {
        // docker takes the value of a bare --build-arg NAME from its own environment
        w.add("--build-arg " + Shell.quote(a.getKey()));
        diags.warning(at(s, b, "args." + a.getKey()), path + ".args." + a.getKey(), "build arg " + a.getKey()
                + " looks secret: buildspec.yml passes only its name, and docker reads the value"
                + " from the CodeBuild environment",
            "provide it there as a secret, e.g. under env.secrets-manager in buildspec.yml: \""
                + a.getKey() + ": my-app/build-secrets:" + a.getKey() + "\", or as a Secrets"
                + " Manager variable of the CodeBuild project");
      } else {
        w.add("--build-arg " + Shell.quote(a.getKey() + "=" + a.getValue()));
      }
    }
    b.cacheFrom().forEach(c -> w.add("--cache-from " + Shell.quote(c)));
    b.labels().forEach((k, v) -> w.add("--label " + Shell.quote(k + "=" + v)));
    b.network().ifPresent(n -> {
      if (HOST_NETWORKS.contains(n)) {
        w.add("--network " + n);
      } else {
        diags.info(at(s, b, "network"), path + ".network", "network \"" + n + "\" is a compose network,"
            + " which does not exist in CodeBuild; the image is built on the default network", "");
      }
    });
    flags(s, b, path, w);
    ignored(s, b, path);
    w.add(Shell.quote(b.remoteContext() ? b.context()
        : relative(Path.of(b.context()), b, path + ".context")));
    return prefix + Shell.join(w);
  }

  private void ignored(Service s, Build b, String path) {
    if (!b.cacheTo().isEmpty()) {
      diags.info(at(s, b, "cache_to"), path + ".cache_to", "cache_to is not used: CodeBuild's docker"
          + " build exports no cache", "use CodeBuild's local Docker layer cache instead");
    }
    if (!b.tags().isEmpty()) {
      diags.info(at(s, b, "tags"), path + ".tags", "extra tags are not pushed: the buildspec pushes"
          + " the one tag that Dockerrun.aws.json names", "");
    }
    if (!b.additionalContexts().isEmpty()) {
      diags.warning(at(s, b, "additional_contexts"), path + ".additional_contexts", "additional_contexts are not"
          + " passed to docker build in CodeBuild", "copy what the Dockerfile needs into the"
          + " build context");
    }
  }

  /**
   * The {@code build} keys about how docker builds: flags where {@code docker build} has one that
   * works in CodeBuild; the rest reported. Secrets are passed by name only, never by value.
   */
  private void flags(Service s, Build b, String path, List<String> w) {
    Build.Flags f = b.flags();
    if (f.noCache()) {
      w.add("--no-cache");
    }
    if (f.pull()) {
      w.add("--pull");
    }
    f.shmSize().ifPresent(bytes -> w.add("--shm-size " + bytes));
    f.extraHosts().forEach(h -> w.add("--add-host " + Shell.quote(h.host() + ":" + h.ip())));
    f.ulimits().forEach((name, u) -> w.add("--ulimit " + Shell.quote(name + "=" + u.soft() + ":" + u.hard())));
    for (Build.Secret secret : f.secrets()) {
      secret(s, b, path, secret).ifPresent(w::add);
    }
    if (!f.ssh().isEmpty()) {
      diags.warning(at(s, b, "ssh"), path + ".ssh", "build.ssh (" + String.join(", ", f.ssh())
              + ") is not passed to docker build by the buildspec: CodeBuild has no SSH agent holding"
              + " your keys",
          "fetch private sources over HTTPS with a token passed as a build secret, or start"
              + " ssh-agent in pre_build and add --ssh default to the build command");
    }
    f.unmodelled().forEach((key, node) -> unmodelled(s, b, path, key, node));
  }

  /** {@code --secret id=ID,env=VAR} for a secret read from the environment; file secrets are not passed. */
  private Optional<String> secret(Service s, Build b, String path, Build.Secret secret) {
    String at = path + ".secrets";
    Node def = project.other().get("secrets") instanceof MapNode m ? m.get(secret.source()) : null;
    Node env = def instanceof MapNode d ? d.get("environment") : null;
    if (env instanceof ScalarNode e && !e.isNull() && !e.asText().isEmpty()) {
      String variable = e.asText();
      diags.warning(secret.location(), at, "build secret " + secret.source() + " is read from the"
              + " variable " + variable + " of the CodeBuild environment: buildspec.yml passes only its name",
          "provide it there as a secret, e.g. under env.secrets-manager in buildspec.yml: \""
              + variable + ": my-app/build-secrets:" + variable + "\", or as a Secrets Manager"
              + " variable of the CodeBuild project");
      return Optional.of("--secret " + Shell.quote("id=" + secret.id() + ",env=" + variable));
    }
    diags.warning(secret.location(), at, "build secret " + secret.source() + " is not passed to"
            + " docker build by the buildspec: "
            + (def == null ? "it is not declared under the top-level secrets"
                : "only secrets read from an environment variable can reach CodeBuild, never a file"),
        "declare it as secrets: {" + secret.source() + ": {environment: " + envName(secret.source())
            + "}} and provide " + envName(secret.source()) + " in the CodeBuild environment");
    return Optional.empty();
  }

  private static String envName(String secret) {
    return secret.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9_]", "_");
  }

  /** Keys {@code docker build} in CodeBuild has no safe flag for; a value that asks for nothing is silent. */
  private void unmodelled(Service s, Build b, String path, String key, Node node) {
    boolean off = node instanceof ScalarNode sc && (Boolean.FALSE.equals(sc.value())
        || "false".equals(sc.asText()) || sc.asText().isEmpty());
    boolean empty = node instanceof SeqNode seq && seq.size() == 0;
    if (off || empty) {
      return;
    }
    String message = "build." + key + " is not passed to docker build by the buildspec: ";
    switch (key) {
      case "privileged" -> diags.warning(at(s, b, key), path + "." + key, message + "privileged build"
          + " steps need a buildx builder that grants the security.insecure entitlement",
          "remove it, or run a privileged step in the buildspec instead of the Dockerfile");
      case "entitlements" -> diags.warning(at(s, b, key), path + "." + key, message + "CodeBuild's"
          + " default builder grants no extra entitlements", "remove it");
      case "isolation" -> diags.info(at(s, b, key), path + "." + key, message + "isolation is a"
          + " Windows setting, and CodeBuild builds Linux images", "");
      default -> diags.info(at(s, b, key), path + "." + key, message + "the image is pushed"
          + " without " + (key.equals("sbom") ? "an SBOM" : "a provenance") + " attestation", "");
    }
  }

  /** Where a {@code build} sub-key was written; the build's own location when not known. */
  private static SourceLocation at(Service s, Build b, String key) {
    for (String k = "build." + key; k.indexOf('.') >= 0; k = k.substring(0, k.lastIndexOf('.'))) {
      SourceLocation at = s.keyLocations().get(k);
      if (at != null) {
        return at;
      }
    }
    return b.location();
  }

  /** The Dockerfile path for {@code -f}, which docker reads relative to the working directory. */
  private String dockerfile(Build b, String path) {
    Path f = Path.of(b.context()).resolve(b.dockerfile()).normalize();
    return relative(f, b, path + ".dockerfile");
  }

  /** A local path relative to the project directory (the repository root in CodeBuild). */
  private String relative(Path p, Build b, String path) {
    Path rel = project.workingDir().relativize(p.toAbsolutePath().normalize());
    String s = rel.toString().isEmpty() ? "." : rel.toString().replace('\\', '/');
    if (s.equals("..") || s.startsWith("../")) {
      diags.warning(b.location(), path, s + " is outside the project directory, which CodeBuild"
          + " checks out as the repository root",
          "keep build contexts and Dockerfiles inside the project");
    }
    return s;
  }
}
