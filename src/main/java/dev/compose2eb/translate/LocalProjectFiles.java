package dev.compose2eb.translate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * {@link ProjectFiles} on the local disk, bounded: only files inside the project directory, at most
 * {@link #MAX_FILE_BYTES} each, {@link #MAX_FILES} per directory walk, {@link #MAX_DEPTH} deep, never
 * through symbolic links, and never into dependency or VCS folders.
 */
public final class LocalProjectFiles implements ProjectFiles {
  static final long MAX_FILE_BYTES = 64 * 1024;
  static final int MAX_FILES = 200;
  static final int MAX_DEPTH = 4;
  static final Set<String> SKIPPED_DIRS = Set.of(".git", "node_modules", "vendor", "target", "dist",
      "build", ".venv", "venv", "__pycache__", ".next", ".idea", "coverage");
  static final Set<String> CONFIG_EXTENSIONS = Set.of("conf", "cfg", "ini", "toml", "yaml", "yml",
      "json", "properties", "env", "template", "tmpl", "xml", "cnf");

  private final Path root;

  public LocalProjectFiles(Path projectDir) {
    this.root = projectDir.toAbsolutePath().normalize();
  }

  @Override
  public Optional<String> readText(Path file) {
    Path f = file.toAbsolutePath().normalize();
    try {
      if (!f.startsWith(root) || !Files.isRegularFile(f, LinkOption.NOFOLLOW_LINKS)
          || Files.size(f) > MAX_FILE_BYTES) {
        return Optional.empty();
      }
      byte[] bytes = Files.readAllBytes(f);
      String text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
      return text.indexOf('\0') >= 0 ? Optional.empty() : Optional.of(text);
    } catch (CharacterCodingException e) {
      return Optional.empty();
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  @Override
  public List<Path> configFiles(Path dir) {
    Path d = dir.toAbsolutePath().normalize();
    List<Path> out = new ArrayList<>();
    if (!d.startsWith(root) || !Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)) {
      return out;
    }
    try {
      Files.walkFileTree(d, Set.of(), MAX_DEPTH, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path p, BasicFileAttributes attrs) {
          return !p.equals(d) && SKIPPED_DIRS.contains(p.getFileName().toString())
              ? FileVisitResult.SKIP_SUBTREE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path p, BasicFileAttributes attrs) {
          if (attrs.isRegularFile() && isConfig(p.getFileName().toString())) {
            out.add(p);
          }
          return out.size() >= MAX_FILES ? FileVisitResult.TERMINATE : FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFileFailed(Path p, IOException e) {
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    out.sort(null);
    return out;
  }

  static boolean isConfig(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    if (lower.startsWith("dockerfile") || lower.endsWith(".dockerfile")) {
      return true;
    }
    if (lower.equals("package.json") || lower.equals("package-lock.json")
        || lower.equals("tsconfig.json") || lower.endsWith("-lock.json") || lower.endsWith(".lock")) {
      return false; // dependency manifests name packages, not hosts
    }
    int dot = lower.lastIndexOf('.');
    return dot >= 0 && CONFIG_EXTENSIONS.contains(lower.substring(dot + 1));
  }

  @Override
  public boolean exists(Path path) {
    return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
  }
}
