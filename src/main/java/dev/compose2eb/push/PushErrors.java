package dev.compose2eb.push;

import com.google.cloud.tools.jib.api.CacheDirectoryCreationException;
import com.google.cloud.tools.jib.api.InsecureRegistryException;
import com.google.cloud.tools.jib.api.RegistryAuthenticationFailedException;
import com.google.cloud.tools.jib.api.RegistryException;
import com.google.cloud.tools.jib.api.RegistryUnauthorizedException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.net.ssl.SSLException;

/** What went wrong in a jib push, in words a user can act on. Never includes credentials. */
final class PushErrors {
  private static final int MAX = 300;

  private PushErrors() {}

  static PushFailure of(String action, ImageSource source, String registry, Path cache, Throwable e) {
    Throwable unauthorized = find(e, RegistryUnauthorizedException.class);
    if (unauthorized != null || find(e, RegistryAuthenticationFailedException.class) != null) {
      String which = unauthorized instanceof RegistryUnauthorizedException u
          ? u.getImageReference() : registry;
      return new PushFailure(action, "authentication failed for " + which,
          source instanceof ImageSource.Registry && !which.startsWith(registry)
              ? "check the source registry's credentials (public images need none)"
              : "check the registry credentials (for ECR the identity needs"
                  + " ecr:GetAuthorizationToken and the layer push actions)", e);
    }
    if (find(e, InsecureRegistryException.class) != null) {
      return new PushFailure(action, "the registry " + registry + " has no trusted TLS certificate",
          "use a registry with a valid certificate (plain HTTP is accepted on 127.0.0.1 only)", e);
    }
    if (e.getClass().getName().endsWith("RegistryCredentialsNotSentException")) {
      return new PushFailure(action, "the registry asked for credentials over plain HTTP",
          "use HTTPS (plain HTTP is accepted on 127.0.0.1 only)", e);
    }
    String docker = dockerProblem(e);
    if (!docker.isEmpty() && source instanceof ImageSource.DockerDaemon d) {
      return new PushFailure(action, docker, "start Docker, or save the image with `docker save -o"
          + " image.tar " + d.image() + "` and push the archive instead", e);
    }
    UnknownHostException unknown = find(e, UnknownHostException.class);
    if (unknown != null) {
      return new PushFailure(action, "the host " + oneLine(unknown.getMessage()) + " is unknown",
          "check the registry address and the network", e);
    }
    if (find(e, java.net.http.HttpTimeoutException.class) != null) {
      return new PushFailure(action, "the registry did not answer in time",
          "check the network and the registry address, and run again", e);
    }
    if (find(e, ConnectException.class) != null || find(e, NoRouteToHostException.class) != null) {
      return new PushFailure(action, "the registry could not be reached (connection refused)",
          "check that the registry is up and the address is right", e);
    }
    if (find(e, SocketTimeoutException.class) != null) {
      return new PushFailure(action, "the registry did not answer in time",
          "check the network and run again", e);
    }
    SSLException tls = find(e, SSLException.class);
    if (tls != null) {
      return new PushFailure(action, "the TLS connection failed (" + oneLine(tls.getMessage()) + ")",
          "check the registry certificate and any proxy", e);
    }
    if (find(e, CacheDirectoryCreationException.class) != null
        || find(e, AccessDeniedException.class) != null) {
      return new PushFailure(action, "the layer cache " + cache + " cannot be written",
          "make it writable or choose another cache directory", e);
    }
    NoSuchFileException missing = find(e, NoSuchFileException.class);
    if (missing != null && source instanceof ImageSource.Archive a) {
      return new PushFailure(action, a.path() + " is incomplete (" + oneLine(missing.getMessage())
          + " is missing)", "create it again with `docker save`", e);
    }
    RegistryException registryError = find(e, RegistryException.class);
    if (registryError != null) {
      return new PushFailure(action, "the registry refused it (" + reason(registryError) + ")",
          registryError.getMessage() != null && registryError.getMessage().contains("NAME_UNKNOWN")
              ? "create the repository first" : "fix what the registry names and run again", e);
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return new PushFailure(action, "of " + root.getClass().getSimpleName() + " ("
        + oneLine(root.getMessage()) + ")", "run again; if it persists, report it", e);
  }

  /** What the docker command said when it could not be run or could not reach the engine. */
  private static String dockerProblem(Throwable e) {
    for (Throwable c = e; c != null; c = c.getCause() == c ? null : c.getCause()) {
      String m = c.getMessage() == null ? "" : c.getMessage();
      if (m.contains("Cannot run program")) {
        return "the docker command was not found";
      }
      if (m.contains("Cannot connect to the Docker daemon") || m.contains("docker daemon")
          || m.contains("docker.sock")) {
        return "the Docker engine is not running or not reachable";
      }
      if (m.contains("No such image") || m.contains("No such object")) {
        return "the local Docker engine has no such image";
      }
      if (m.contains("'docker ")) {
        return "the docker command failed (" + oneLine(m) + ")";
      }
    }
    return "";
  }

  /** Jib's own messages often read "Tried to X but failed because: Y": keep Y. */
  private static String reason(Throwable e) {
    String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    int i = m.indexOf("but failed because: ");
    return oneLine(i >= 0 ? m.substring(i + "but failed because: ".length()) : m);
  }

  static String oneLine(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("\\s+", " ").trim();
    return line.length() <= MAX ? line : line.substring(0, MAX) + "...";
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
