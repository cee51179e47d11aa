package dev.compose2eb.bundle;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Builds the Elastic Beanstalk source bundle: a reproducible zip holding Dockerrun.aws.json, the
 * files the containers mount, and {@code .ebextensions/} and {@code .platform/}. See docs/bundle.md.
 *
 * <p>The zip is streamed to a temporary file beside the output and renamed into place: memory stays
 * flat up to EB's 512 MiB, and a reader never sees half a bundle.
 */
public final class BundleBuilder {
  /** Elastic Beanstalk's limit on a source bundle: 512 MiB. */
  public static final long EB_MAX_BYTES = 512L * 1024 * 1024;
  /** A guard against trees multiplied by symbolic links to directories. */
  static final int MAX_ENTRIES = 1_000_000;

  private BundleBuilder() {}

  /**
   * Writes the bundle to {@code req.output()}.
   *
   * @throws dev.compose2eb.diag.InvalidInputException when a path is unsafe or missing, or the zip
   *     would pass {@code maxBytes}; nothing is written then
   * @throws IOException when reading the project or writing the zip fails
   */
  public static Bundle build(BundleRequest req) throws IOException {
    return build(req, MAX_ENTRIES);
  }

  static Bundle build(BundleRequest req, int maxEntries) throws IOException {
    BundlePlanner.Plan plan = BundlePlanner.plan(req, maxEntries);
    Path out = req.output().toAbsolutePath().normalize();
    Path dir = out.getParent();
    Files.createDirectories(dir);
    Path tmp = temporaryBeside(out);
    try {
      long size = ZipWriter.write(plan.root(), plan.entries(), tmp, req.maxBytes());
      String sha = sha256(tmp);
      try {
        Files.move(tmp, out, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
      }
      List<String> names = plan.entries().stream().map(Entry::name).toList();
      return new Bundle(out, sha, names, size, plan.report());
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /**
   * A new empty file beside {@code target}, named {@code .<name>.<digits>.tmp}, removed at exit
   * even when the run is interrupted (Ctrl-C, SIGTERM): a half-written zip or Dockerrun file holds
   * environment values. One killed with SIGKILL stays, but {@link #isLeftover} keeps it out of
   * every later bundle.
   */
  public static Path temporaryBeside(Path target) throws IOException {
    Path dir = target.toAbsolutePath().getParent();
    boolean posix = dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    for (int attempt = 0; ; attempt++) {
      // the process id and a counter rather than createTempFile's SecureRandom: seeding it loads
      // the security providers, a tenth of the classes a cold convert loaded
      Path tmp = dir.resolve("." + target.getFileName() + "." + PID + COUNTER.incrementAndGet()
          + ".tmp");
      try {
        Files.createFile(tmp, posix ? new FileAttribute<?>[] {OWNER_ONLY} : new FileAttribute<?>[0]);
      } catch (FileAlreadyExistsException e) {
        if (attempt < 100) {
          continue;
        }
        throw e;
      } catch (AccessDeniedException e) { // name the folder, not the temporary name never created
        throw new AccessDeniedException(dir.toString());
      } catch (FileSystemException e) {
        throw new FileSystemException(dir.toString(), null, e.getReason());
      }
      tmp.toFile().deleteOnExit();
      return tmp;
    }
  }

  private static final long PID = ProcessHandle.current().pid();
  private static final AtomicLong COUNTER = new AtomicLong(1000 + (System.nanoTime() & 0xffff));
  /** Owner-only, as createTempFile made them: the file holds environment values. */
  private static final FileAttribute<Set<PosixFilePermission>> OWNER_ONLY =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));

  /** Whether a file name is that of a {@link #temporaryBeside} file, e.g. {@code .out.zip.42.tmp}. */
  static boolean isLeftover(String fileName) {
    return LEFTOVER.matcher(fileName).matches();
  }

  private static final java.util.regex.Pattern LEFTOVER =
      java.util.regex.Pattern.compile("\\..+\\.[0-9]+\\.tmp");

  /**
   * The default application version label: {@code <git short sha, or "local">-<first 8 hex of the
   * bundle's sha256>}, e.g. {@code 1a2b3c4-9f86d081}. The hash part changes with any change to the
   * bundle, committed or not, so no "-dirty" marker is needed and the label stays a function of the
   * commit and the bundle's bytes.
   */
  public static String versionLabel(Path projectDir, String sha256) {
    if (sha256.length() < 8 || !sha256.substring(0, 8).matches("[0-9a-f]{8}")) {
      throw new IllegalArgumentException("not a lower-case hex sha256: " + sha256);
    }
    return GitHead.shortSha(projectDir).orElse("local") + "-" + sha256.substring(0, 8);
  }

  static String sha256(Path file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java runtime has SHA-256", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), md)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
