package dev.compose2eb.bundle;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.plan.ManagedPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Decides what goes into the bundle, and refuses what must not: paths outside the project, symbolic
 * links that leave it or loop, Git metadata, secrets, special files. Collects every problem before
 * failing, so users fix them in one go.
 */
final class BundlePlanner {
  static final String DOCKERRUN = BundleRequest.DOCKERRUN;
  /**
   * Files at the project root that a Docker platform bundle never takes from the project: Docker
   * Compose prefers compose.yaml to docker-compose.yml, so only the generated file may be there.
   */
  static final Set<String> COMPOSE_NAMES = Set.of("compose.yaml", "compose.yml",
      "docker-compose.yaml", "docker-compose.yml", DOCKERRUN);
  /** Bundled whenever present: EB reads them from the bundle root. */
  static final List<String> PLATFORM_DIRS = List.of(".ebextensions", ".platform");
  /** Past this size one entry needs zip64 extra fields, which we never write. */
  static final long MAX_ENTRY_BYTES = 0xFFFFFFFEL;

  private final Path root;
  /** Root files the generated one replaces; they are never bundled from the project. */
  private final Set<String> replaced;
  private final Optional<Path> output;
  /** Entries generated for this bundle: the project's files of these names are not taken. */
  private final Set<String> generated;
  private final int maxEntries;
  private final Diagnostics diags = new Diagnostics();
  private final List<Diagnostic> report = new ArrayList<>();
  private final TreeMap<String, Entry> entries = new TreeMap<>(Entry.NAME_ORDER);
  private final Set<String> visited = new HashSet<>();

  /** The entries in zip order; every file source is a real path inside {@code root}. */
  record Plan(Path root, List<Entry> entries, List<Diagnostic> report) {}

  private BundlePlanner(Path root, Set<String> replaced, Optional<Path> output, int maxEntries,
      Set<String> generated) {
    this.generated = generated;
    this.root = root;
    this.replaced = replaced;
    this.output = output;
    this.maxEntries = maxEntries;
  }

  /** The sorted entries of the bundle; throws with every problem found. */
  static Plan plan(BundleRequest req, int maxEntries) {
    Path dir = req.projectDir().toAbsolutePath().normalize();
    Path root;
    try {
      root = dir.toRealPath();
    } catch (IOException e) {
      throw InvalidInputException.of(Diagnostic.error(SourceLocation.ofFile(dir.toString()),
          "bundle", "the project directory cannot be read: " + reason(e), ""));
    }
    if (!Files.isDirectory(root)) {
      throw InvalidInputException.of(Diagnostic.error(SourceLocation.ofFile(dir.toString()),
          "bundle", "the project directory is not a directory", ""));
    }
    Set<String> replaced = req.descriptorName().equals(DOCKERRUN) ? Set.of(DOCKERRUN)
        : COMPOSE_NAMES;
    BundlePlanner p = new BundlePlanner(root, replaced, realOutput(req.output()), maxEntries,
        req.generated().keySet());
    p.entries.put(req.descriptorName(), Entry.generated(req.descriptorName(),
        req.dockerrunJson().getBytes(StandardCharsets.UTF_8)));
    for (String path : req.bundlePaths()) {
      p.add(path);
    }
    for (String d : PLATFORM_DIRS) {
      if (Files.exists(root.resolve(d), LinkOption.NOFOLLOW_LINKS)) {
        p.add(d);
      }
    }
    for (Map.Entry<String, String> g : req.generated().entrySet()) {
      String name = g.getKey();
      for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
        p.putEntry(Entry.directory(name.substring(0, slash + 1)));
      }
      p.putEntry(Entry.generated(name, g.getValue().getBytes(StandardCharsets.UTF_8)));
    }
    req.executables().forEach(p::generatedExecutable);
    p.diags.throwIfErrors();
    return new Plan(root, List.copyOf(p.entries.values()), p.report);
  }

  /** The output's real location, so that a bundle of "." never holds the zip itself. */
  private static Optional<Path> realOutput(Path output) {
    Path abs = output.toAbsolutePath().normalize();
    Path parent = abs.getParent();
    try {
      return parent == null || !Files.isDirectory(parent) ? Optional.empty()
          : Optional.of(parent.toRealPath().resolve(abs.getFileName()));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Adds one project-relative path the containers mount, with its parent directories. */
  private void add(String written) {
    List<String> segments = segments(written);
    if (segments == null) {
      return;
    }
    Optional<String> never = neverBundled(segments);
    if (never.isPresent()) {
      error(written, "\"" + written + "\" is never bundled: " + never.get(),
          "mount something else; the file stays on your machine");
      return;
    }
    if (segments.size() == 1 && replaced.contains(segments.get(0))) {
      return; // the generated file is at the root already
    }
    Path cur = root;
    Deque<Path> ancestors = new ArrayDeque<>();
    StringBuilder name = new StringBuilder();
    for (int i = 0; i < segments.size(); i++) {
      if (i > 0) {
        name.append('/');
      }
      name.append(segments.get(i));
      ancestors.push(cur);
      Optional<Resolved> r = resolve(cur.resolve(segments.get(i)), name.toString());
      if (r.isEmpty()) {
        return;
      }
      if (i == segments.size() - 1) {
        visit(name.toString(), r.get(), ancestors);
        return;
      }
      if (!r.get().attrs().isDirectory()) {
        error(written, "\"" + written + "\": " + name + " is not a directory", "");
        return;
      }
      cur = r.get().real();
      putEntry(Entry.directory(name + "/"));
    }
    readAttributes(root, ".").ifPresent(a -> visit("", new Resolved(root, a), ancestors));
  }

  /** Splits a bundle path into segments, or reports why it cannot be one. */
  private List<String> segments(String written) {
    if (written.isEmpty()) {
      error("bundle", "an empty bundle path", "use \".\" for the whole project");
      return null;
    }
    try {
      if (written.startsWith("/") || written.startsWith("\\") || Path.of(written).isAbsolute()) {
        error(written, "bundle path \"" + written + "\" is absolute; bundle paths are relative to"
            + " the project directory", "mount ./" + written.replaceFirst("^[/\\\\]+", ""));
        return null;
      }
    } catch (InvalidPathException e) {
      error("bundle", "bundle path \"" + written + "\" is not a valid path: " + e.getReason(), "");
      return null;
    }
    List<String> out = new ArrayList<>();
    for (String s : written.split("/")) {
      if (s.equals("..")) {
        error(written, "bundle path \"" + written + "\" contains \"..\"; nothing outside the"
            + " project directory is bundled", "move the files into the project and mount them there");
        return null;
      }
      if (!s.isEmpty() && !s.equals(".")) {
        Optional<String> bad = unsafeName(s);
        if (bad.isPresent()) {
          error(Entry.printable(written), "bundle path " + Entry.printable(written) + " "
              + bad.get(), "rename the file, or mount another one");
          return null;
        }
        out.add(s);
      }
    }
    return out;
  }

  /**
   * Why a file name cannot become part of an entry name, if it cannot: a backslash is a folder
   * separator to Windows unzip tools ({@code ..\\..\\evil.txt} would be a path traversal there), control
   * characters (line breaks, NUL, ESC) break listings and terminals, and a name that is not UTF-8
   * (shown by Java with U+FFFD) cannot be written as the UTF-8 name the zip declares.
   */
  static Optional<String> unsafeName(String name) {
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c == '\\') {
        return Optional.of("contains a backslash, a folder separator for Windows unzip tools");
      }
      if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0)) {
        return Optional.of("contains a control character (U+" + String.format("%04X", (int) c) + ")");
      }
      if (c == '\uFFFD') {
        return Optional.of("is not valid UTF-8");
      }
    }
    return Optional.empty();
  }

  /** Why a project-relative path may never be in a bundle, if it may not. */
  static Optional<String> neverBundled(List<String> segments) {
    if (segments.contains(".git")) {
      return Optional.of(".git holds the repository's history and credentials of remotes");
    }
    if (!segments.isEmpty() && segments.get(0).equals(".elasticbeanstalk")) {
      return Optional.of(".elasticbeanstalk holds the EB CLI's settings and built bundles");
    }
    if (!segments.isEmpty() && segments.get(segments.size() - 1).equals("eb-environment.json")) {
      return Optional.of("eb-environment.json holds environment values meant for EB environment"
          + " properties, not for the instance's disk");
    }
    return Optional.empty();
  }

  /**
   * .env files hold the values compose interpolates, often secrets: only bundled when named. So
   * does direnv's {@code .envrc}.
   */
  static boolean isDotEnv(String fileName) {
    return fileName.equals(".env") || fileName.startsWith(".env.") || fileName.equals(".envrc");
  }

  private record Resolved(Path real, BasicFileAttributes attrs) {}

  /** Follows a path that may be a symbolic link, refusing links that leave the project. */
  private Optional<Resolved> resolve(Path path, String name) {
    Optional<BasicFileAttributes> l = readAttributes(path, name, LinkOption.NOFOLLOW_LINKS);
    if (l.isEmpty()) {
      return Optional.empty();
    }
    if (!l.get().isSymbolicLink()) {
      return Optional.of(new Resolved(path, l.get()));
    }
    String target = linkText(path);
    Path real;
    try {
      real = path.toRealPath();
    } catch (NoSuchFileException e) {
      error(name, "symbolic link " + name + " points to " + target + ", which does not exist",
          "fix or remove the link");
      return Optional.empty();
    } catch (FileSystemException e) {
      error(name, "symbolic link " + name + (reason(e).startsWith("Too many levels of symbolic links")
              ? " is a loop of links that never reaches a file" : " cannot be followed: " + reason(e)),
          "replace the link with the file it should point to");
      return Optional.empty();
    } catch (IOException e) {
      error(name, "symbolic link " + name + " cannot be read: " + reason(e), "");
      return Optional.empty();
    }
    if (!real.startsWith(root)) {
      error(name, "symbolic link " + name + " points outside the project (to " + target + ");"
          + " nothing outside the project directory is bundled",
          "copy the file into the project instead of linking to it");
      return Optional.empty();
    }
    List<String> rel = segmentsOf(root.relativize(real));
    Optional<String> never = neverBundled(rel);
    if (never.isEmpty() && !rel.isEmpty() && isDotEnv(rel.get(rel.size() - 1))) {
      never = Optional.of(".env files are bundled only when a volume names them");
    }
    if (never.isPresent()) {
      error(name, "symbolic link " + name + " points to " + String.join("/", rel) + ", which is"
          + " never bundled: " + never.get(), "");
      return Optional.empty();
    }
    return readAttributes(real, name).map(a -> new Resolved(real, a));
  }

  private void visit(String name, Resolved r, Deque<Path> ancestors) {
    if (!visited.add(name)) {
      return; // reached again through another bundle path: done already
    }
    BasicFileAttributes a = r.attrs();
    if (a.isDirectory()) {
      if (ancestors.contains(r.real())) {
        error(name, "symbolic link loop: " + name + " points back to "
            + (r.real().equals(root) ? "the project root" : root.relativize(r.real()).toString())
            + ", a directory it is inside", "replace the link with the files it should point to");
        return;
      }
      if (!name.isEmpty()) {
        putEntry(Entry.directory(name + "/"));
      }
      ancestors.push(r.real());
      for (String child : children(r.real(), name)) {
        String childName = name.isEmpty() ? child : name + "/" + child;
        if (skipped(name.isEmpty(), child, childName)) {
          continue;
        }
        Optional<String> bad = unsafeName(child);
        if (bad.isPresent()) {
          error(Entry.printable(childName), "the file name " + Entry.printable(childName) + " "
              + bad.get() + "; such a name cannot be stored safely in a zip",
              "rename the file, or move it out of the mounted folder");
          continue;
        }
        resolve(r.real().resolve(child), childName)
            .filter(c -> output.map(o -> !o.equals(c.real())).orElse(true))
            .ifPresent(c -> visit(childName, c, ancestors));
        if (diags.errorCount() > 50) {
          break; // a broken tree: the first fifty problems are enough to act on
        }
      }
      ancestors.pop();
    } else if (a.isRegularFile()) {
      if (output.map(o -> o.equals(r.real())).orElse(false)) {
        return;
      }
      if (a.size() > MAX_ENTRY_BYTES) {
        error(name, name + " is " + a.size() + " bytes; a source bundle entry holds at most "
            + MAX_ENTRY_BYTES, "keep large files in S3 and fetch them at startup");
        return;
      }
      boolean exec = executable(r.real());
      if (!exec && (name.startsWith(".platform/hooks/") || name.startsWith(".platform/confighooks/"))) {
        report.add(Diagnostic.warning(SourceLocation.ofFile(name), "bundle", "platform hook "
            + name + " is not executable; Elastic Beanstalk runs only executable hooks",
            "chmod +x " + name));
      }
      putEntry(Entry.file(name, r.real(), exec, a.size()));
    } else {
      error(name, name + " is not a regular file or directory (a fifo, socket or device);"
          + " only files and directories can be bundled", "remove it from the mounted folder");
    }
  }

  /** Files a directory walk leaves out without being asked. */
  private boolean skipped(boolean atRoot, String child, String childName) {
    if (neverBundled(List.of(childName.split("/"))).isPresent()) {
      return true;
    }
    if (atRoot && replaced.contains(child)) {
      return true; // replaced by the generated file
    }
    if (generated.contains(childName)) {
      return true; // replaced by the generated entry
    }
    if (childName.equals(ManagedPlan.CONFIG_PATH)) {
      // written by convert from the compose file: bundled only as generated now, so that a
      // bundle never creates databases its Dockerrun does not use (docs/managed.md, undo)
      report.add(Diagnostic.info(SourceLocation.ofFile(childName), "bundle", childName
          + " left out: the project asks for no managed service now",
          "delete the file; it is generated when x-eb.managed or --managed asks for one"));
      return true;
    }
    if (BundleBuilder.isLeftover(child)) {
      report.add(Diagnostic.info(SourceLocation.ofFile(childName), "bundle", childName
          + " left out: a temporary file of an interrupted compose2eb run", "delete it"));
      return true;
    }
    if (isDotEnv(child)) {
      report.add(Diagnostic.info(SourceLocation.ofFile(childName), "bundle", childName
          + " left out: .env files are bundled only when a volume names them",
          "mount ./" + childName + " explicitly if a container reads it"));
      return true;
    }
    return false;
  }

  private List<String> children(Path dir, String name) {
    List<String> out = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
      for (Path p : ds) {
        out.add(p.getFileName().toString());
      }
    } catch (IOException e) {
      error(name.isEmpty() ? "." : name, "directory " + (name.isEmpty() ? "." : name)
          + " cannot be read: " + reason(e), "");
    }
    out.sort(Entry.NAME_ORDER);
    return out;
  }

  /** A generated executable (a platform hook) with its parent directories; never the project's. */
  private void generatedExecutable(String name, String text) {
    if (entries.containsKey(name)) {
      error(name, "the project has its own " + name + ", which compose2eb generates",
          "rename the project's file");
      return;
    }
    for (int i = name.indexOf('/'); i > 0; i = name.indexOf('/', i + 1)) {
      String dir = name.substring(0, i + 1);
      if (!entries.containsKey(dir)) {
        putEntry(Entry.directory(dir));
      }
    }
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    putEntry(new Entry(name, Optional.empty(), Optional.of(bytes), Entry.EXEC_MODE, bytes.length));
  }

  private void putEntry(Entry e) {
    entries.put(e.name(), e);
    if (entries.size() > maxEntries) {
      diags.error(null, "bundle", "more than " + maxEntries + " entries; the mounted folders"
          + " are too big for a source bundle (symbolic links to directories repeating a tree?)",
          "mount only the folders the containers need");
      throw new InvalidInputException(diags.list());
    }
  }

  private Optional<BasicFileAttributes> readAttributes(Path p, String name, LinkOption... opts) {
    try {
      return Optional.of(Files.readAttributes(p, BasicFileAttributes.class, opts));
    } catch (NoSuchFileException e) {
      error(name, name + " does not exist in the project",
          "create it: the files a container mounts go into the source bundle");
    } catch (IOException e) {
      error(name, name + " cannot be read: " + reason(e), "");
    }
    return Optional.empty();
  }

  /** Any execute bit counts; without POSIX attributes (Windows), whatever the OS says. */
  private static boolean executable(Path file) {
    try {
      Set<PosixFilePermission> perms = Files.readAttributes(file, PosixFileAttributes.class)
          .permissions();
      return perms.contains(PosixFilePermission.OWNER_EXECUTE)
          || perms.contains(PosixFilePermission.GROUP_EXECUTE)
          || perms.contains(PosixFilePermission.OTHERS_EXECUTE);
    } catch (UnsupportedOperationException | IOException e) {
      return Files.isExecutable(file);
    }
  }

  private static String linkText(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException e) {
      return "?";
    }
  }

  private static List<String> segmentsOf(Path rel) {
    List<String> out = new ArrayList<>();
    for (Path p : rel) {
      if (!p.toString().isEmpty()) {
        out.add(p.toString());
      }
    }
    return out;
  }

  private void error(String file, String message, String hint) {
    diags.error(SourceLocation.ofFile(file), "bundle", message, hint);
  }

  static String reason(IOException e) {
    if (e instanceof FileSystemException fse && fse.getReason() != null) {
      return fse.getReason();
    }
    return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
  }
}
