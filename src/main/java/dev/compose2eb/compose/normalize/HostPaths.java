package dev.compose2eb.compose.normalize;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.Function;
import java.util.Optional;

/** Resolves host paths like compose-go: {@code ~} is the home directory, relative means the project dir. */
final class HostPaths {
  private final Path projectDir;
  private final Function<String, Optional<String>> env;

  HostPaths(Path projectDir, Function<String, Optional<String>> env) {
    this.projectDir = projectDir.toAbsolutePath().normalize();
    this.env = env;
  }

  Path projectDir() {
    return projectDir;
  }

  /** An absolute, normalised host path; Windows paths ({@code C:\x}, {@code \\pipe}) are kept. */
  String resolve(String written) {
    if (isWindowsAbsolute(written)) {
      return written;
    }
    String p = written;
    if (p.startsWith("~")) {
      String home = env.apply("HOME").filter(h -> !h.isEmpty()).orElse(System.getProperty("user.home"));
      p = home + "/" + p.substring(1);
    }
    try {
      Path path = Path.of(p);
      return (path.isAbsolute() ? path : projectDir.resolve(path)).normalize().toString();
    } catch (InvalidPathException e) {
      return written; // not a usable host path (a NUL byte, say); kept as written for the report
    }
  }

  /** {@link #resolve} as a {@code Path}; empty when the operating system cannot name it (a NUL byte). */
  Optional<Path> file(String written) {
    try {
      return Optional.of(Path.of(resolve(written)));
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * Why {@code file} (env_file, label_file) cannot be read: "not found", "is a directory" or "is
   * not a regular file"; empty
   * when it is a regular file.
   */
  static Optional<String> notAFile(Path file) {
    if (Files.isRegularFile(file)) {
      return Optional.empty();
    }
    if (Files.isDirectory(file)) {
      return Optional.of("is a directory");
    }
    // a fifo would block the read forever, a device (/dev/zero) never ends
    return Optional.of(Files.exists(file) ? "is not a regular file (a fifo, socket or device)"
        : "not found");
  }

  static boolean isWindowsAbsolute(String p) {
    return p.startsWith("\\\\")
        || (p.length() >= 3 && Character.isLetter(p.charAt(0)) && p.charAt(1) == ':'
            && (p.charAt(2) == '\\' || p.charAt(2) == '/'));
  }

  /** Go's {@code path.Clean} for container paths: no {@code .}, {@code ..}, double or trailing slashes. */
  static String clean(String p) {
    if (p.isEmpty()) {
      return ".";
    }
    boolean rooted = p.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : p.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }
}
