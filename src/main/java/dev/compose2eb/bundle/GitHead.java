package dev.compose2eb.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * The commit a project directory is checked out at, read from the repository's files (HEAD, loose
 * refs, packed-refs, linked worktrees) so that git need not be installed; {@code git rev-parse}
 * only when those files do not tell (a reftable repository, say).
 */
final class GitHead {
  static final int SHORT = 7;
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final Pattern REF = Pattern.compile("refs/[A-Za-z0-9._/+-]+");
  private static final long GIT_TIMEOUT_SECONDS = 10;

  private GitHead() {}

  /** The first 7 hex digits of HEAD's commit, or empty when the directory is in no repository. */
  static Optional<String> shortSha(Path dir) {
    Path start = dir.toAbsolutePath().normalize();
    for (Path d = start; d != null; d = d.getParent()) {
      Path dotGit = d.resolve(".git");
      Optional<Path> gitDir = Files.isDirectory(dotGit) ? Optional.of(dotGit)
          : Files.isRegularFile(dotGit) ? linkedGitDir(dotGit) : Optional.empty();
      if (gitDir.isPresent()) {
        Optional<String> sha = fromFiles(gitDir.get());
        return (sha.isPresent() ? sha : fromCommand(d)).map(s -> s.substring(0, SHORT));
      }
    }
    return Optional.empty();
  }

  /** A worktree's or submodule's {@code .git} file: {@code gitdir: <path>}. */
  private static Optional<Path> linkedGitDir(Path dotGitFile) {
    return read(dotGitFile).filter(t -> t.startsWith("gitdir:"))
        .map(t -> dotGitFile.getParent().resolve(t.substring("gitdir:".length()).trim()).normalize())
        .filter(Files::isDirectory);
  }

  static Optional<String> fromFiles(Path gitDir) {
    Path common = read(gitDir.resolve("commondir"))
        .map(c -> gitDir.resolve(c).normalize()).orElse(gitDir);
    Optional<String> head = read(gitDir.resolve("HEAD"));
    for (int depth = 0; depth < 5 && head.isPresent(); depth++) {
      String h = head.get();
      if (SHA.matcher(h).matches()) {
        return head;
      }
      if (!h.startsWith("ref:")) {
        return Optional.empty();
      }
      String ref = h.substring(4).trim();
      if (!REF.matcher(ref).matches() || ref.contains("..")) {
        return Optional.empty();
      }
      Optional<String> loose = read(gitDir.resolve(ref)).or(() -> read(common.resolve(ref)));
      head = loose.isPresent() ? loose : packed(common.resolve("packed-refs"), ref);
    }
    return Optional.empty();
  }

  /** A ref's commit in packed-refs: lines {@code <sha> <ref>}; '#' headers and '^' peel lines skipped. */
  private static Optional<String> packed(Path packedRefs, String ref) {
    return read(packedRefs).flatMap(text -> text.lines()
        .filter(l -> !l.startsWith("#") && !l.startsWith("^"))
        .map(l -> l.split(" ", 2))
        .filter(p -> p.length == 2 && p[1].trim().equals(ref) && SHA.matcher(p[0]).matches())
        .map(p -> p[0]).findFirst());
  }

  private static Optional<String> fromCommand(Path workTree) {
    ProcessBuilder pb = new ProcessBuilder(List.of("git", "-C", workTree.toString(), "rev-parse",
        "--verify", "--quiet", "HEAD^{commit}"))
        .redirectError(ProcessBuilder.Redirect.DISCARD);
    Map<String, String> env = pb.environment();
    for (String v : List.of("GIT_DIR", "GIT_WORK_TREE", "GIT_COMMON_DIR", "GIT_INDEX_FILE")) {
      env.remove(v); // the repository is the one around the project, as for the file reading
    }
    try {
      Process p = pb.start();
      p.getOutputStream().close();
      String out;
      try (InputStream in = p.getInputStream()) {
        out = new String(in.readNBytes(200), StandardCharsets.UTF_8).trim();
      }
      if (!p.waitFor(GIT_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        return Optional.empty();
      }
      return p.exitValue() == 0 && SHA.matcher(out).matches() ? Optional.of(out) : Optional.empty();
    } catch (IOException e) {
      return Optional.empty(); // git is not installed
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }

  private static Optional<String> read(Path file) {
    try {
      if (!Files.isRegularFile(file) || Files.size(file) > 16 << 20) {
        return Optional.empty();
      }
      return Optional.of(Files.readString(file, StandardCharsets.UTF_8).trim());
    } catch (IOException | java.io.UncheckedIOException e) {
      return Optional.empty();
    }
  }
}
