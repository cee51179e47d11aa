package dev.compose2eb.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.InvalidInputException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostilePathsTest {
  @TempDir Path tmp;
  Tree project;
  Path out;

  @BeforeEach
  void setUp() throws IOException {
    Files.writeString(tmp.resolve("secret.txt"), "outside\n");
    Files.createDirectories(tmp.resolve("outside-dir"));
    Files.writeString(tmp.resolve("outside-dir/key.pem"), "KEY\n");
    project = new Tree(Files.createDirectories(tmp.resolve("proj")))
        .file("conf/app.conf", "ok\n");
    out = tmp.resolve("out/app.zip");
  }

  /** Builds a bundle that must fail; returns the rendered errors and checks nothing was written. */
  private List<String> errors(String... bundlePaths) {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> BundleBuilder.build(project.request(out, bundlePaths)));
    assertThat(e).as("an InvalidInputException").isNotNull();
    assertThat(out.getParent()).doesNotExist();
    return e.diagnostics().stream().map(Diagnostic::render).toList();
  }

  @Test
  void dotDotIsRejected() {
    assertThat(errors("conf/../../secret.txt")).containsExactly(
        "conf/../../secret.txt: error: bundle: bundle path \"conf/../../secret.txt\" contains"
            + " \"..\"; nothing outside the project directory is bundled; move the files into the"
            + " project and mount them there");
  }

  @Test
  void absolutePathsAreRejected() {
    String abs = tmp.resolve("secret.txt").toString();
    assertThat(errors(abs)).containsExactly(abs + ": error: bundle: bundle path \"" + abs
        + "\" is absolute; bundle paths are relative to the project directory; mount ./"
        + abs.substring(1));
  }

  @Test
  void emptyAndMissingPathsAreRejected() {
    assertThat(errors("", "conf/missing.conf", "conf/app.conf/inner")).containsExactly(
        "bundle: error: bundle: an empty bundle path; use \".\" for the whole project",
        "conf/missing.conf: error: bundle: conf/missing.conf does not exist in the project; create"
            + " it: the files a container mounts go into the source bundle",
        "conf/app.conf/inner: error: bundle: \"conf/app.conf/inner\": conf/app.conf is not a"
            + " directory");
  }

  @Test
  void symlinksEscapingTheProjectAreRejectedWhereverTheyAre() {
    project.link("conf/secret.txt", "../../secret.txt")
        .link("conf/keys", tmp.resolve("outside-dir").toString())
        .link("escape", "..");
    assertThat(errors("conf", "escape/secret.txt")).containsExactly(
        "conf/keys: error: bundle: symbolic link conf/keys points outside the project (to "
            + tmp.resolve("outside-dir") + "); nothing outside the project directory is bundled;"
            + " copy the file into the project instead of linking to it",
        "conf/secret.txt: error: bundle: symbolic link conf/secret.txt points outside the project"
            + " (to ../../secret.txt); nothing outside the project directory is bundled; copy the"
            + " file into the project instead of linking to it",
        "escape: error: bundle: symbolic link escape points outside the project (to ..); nothing"
            + " outside the project directory is bundled; copy the file into the project instead"
            + " of linking to it");
  }

  @Test
  void symlinkLoopsAreRejected() {
    project.link("conf/again", "..").link("conf/self", "self").link("conf/dangling", "nowhere");
    assertThat(errors("conf")).containsExactly(
        "conf/again: error: bundle: symbolic link loop: conf/again points back to the project"
            + " root, a directory it is inside; replace the link with the files it should point to",
        "conf/dangling: error: bundle: symbolic link conf/dangling points to nowhere, which does"
            + " not exist; fix or remove the link",
        "conf/self: error: bundle: symbolic link conf/self is a loop of links that never reaches a"
            + " file; replace the link with the file it should point to");
  }

  @Test
  void aLinkToAnAncestorDeeperDownIsALoopToo() {
    project.file("a/b/c/file.txt", "x").link("a/b/c/up", "../..");
    assertThat(errors("a")).containsExactly(
        "a/b/c/up: error: bundle: symbolic link loop: a/b/c/up points back to a, a directory it"
            + " is inside; replace the link with the files it should point to");
  }

  @Test
  void linksInsideTheProjectAreFollowedAndStoredAsFiles() throws IOException {
    project.file("shared/site.conf", "site\n").file("shared/tls/cert.pem", "CERT\n")
        .link("nginx/site.conf", "../shared/site.conf")
        .link("nginx/tls", "../shared/tls")
        .chmod("shared/site.conf", "rwxr-x---");
    Bundle b = BundleBuilder.build(project.request(out, "nginx"));
    assertThat(b.entries()).containsExactly("Dockerrun.aws.json", "nginx/", "nginx/site.conf",
        "nginx/tls/", "nginx/tls/cert.pem");
    Map<String, String> contents = Tree.contents(b.file());
    assertThat(contents.get("nginx/site.conf")).isEqualTo("site\n");
    assertThat(contents.get("nginx/tls/cert.pem")).isEqualTo("CERT\n");
    try (var z = org.apache.commons.compress.archivers.zip.ZipFile.builder().setPath(b.file()).get()) {
      assertThat(z.getEntry("nginx/site.conf").getUnixMode()).isEqualTo(0100755);
      assertThat(z.getEntry("nginx/tls/").getUnixMode()).isEqualTo(040755);
    }
  }

  @Test
  void aBundlePathThroughALinkedDirectoryInsideTheProjectWorks() throws IOException {
    project.file("real/x.conf", "x\n").link("alias", "real");
    Bundle b = BundleBuilder.build(project.request(out, "alias/x.conf"));
    assertThat(b.entries()).containsExactly("Dockerrun.aws.json", "alias/", "alias/x.conf");
  }

  @Test
  void gitMetadataIsNeverBundled() throws IOException {
    project.file(".git/config", "[core]\n").file("conf/.git/HEAD", "ref: x\n")
        .link("conf/git-config", "../.git/config");
    assertThat(errors(".git", "conf/.git/HEAD", "conf")).containsExactly(
        ".git: error: bundle: \".git\" is never bundled: .git holds the repository's history and"
            + " credentials of remotes; mount something else; the file stays on your machine",
        "conf/.git/HEAD: error: bundle: \"conf/.git/HEAD\" is never bundled: .git holds the"
            + " repository's history and credentials of remotes; mount something else; the file"
            + " stays on your machine",
        "conf/git-config: error: bundle: symbolic link conf/git-config points to .git/config,"
            + " which is never bundled: .git holds the repository's history and credentials of"
            + " remotes");
    Files.delete(project.dir.resolve("conf/git-config"));
    Bundle b = BundleBuilder.build(project.request(out, "conf", "."));
    assertThat(b.entries()).containsExactly("Dockerrun.aws.json", "conf/", "conf/app.conf");
  }

  @Test
  void environmentFilesAreNeverBundledAndDotEnvOnlyWhenNamed() throws IOException {
    project.file("eb-environment.json", "{\"SECRET\": \"x\"}\n").file("conf/.env", "A=1\n")
        .link("conf/settings", "../conf/.env");
    assertThat(errors("eb-environment.json", "conf")).containsExactly(
        "eb-environment.json: error: bundle: \"eb-environment.json\" is never bundled:"
            + " eb-environment.json holds environment values meant for EB environment properties,"
            + " not for the instance's disk; mount something else; the file stays on your machine",
        "conf/settings: error: bundle: symbolic link conf/settings points to conf/.env, which is"
            + " never bundled: .env files are bundled only when a volume names them");
    Files.delete(project.dir.resolve("conf/settings"));
    assertThat(BundleBuilder.build(project.request(out, "conf")).entries())
        .containsExactly("Dockerrun.aws.json", "conf/", "conf/app.conf");
    assertThat(BundleBuilder.build(project.request(out, "conf", "conf/.env")).entries())
        .containsExactly("Dockerrun.aws.json", "conf/", "conf/.env", "conf/app.conf");
  }

  @Test
  void specialFilesAreRejected() throws IOException {
    Path sock = project.dir.resolve("conf/app.sock");
    try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
      s.bind(UnixDomainSocketAddress.of(sock));
      assertThat(errors("conf")).containsExactly("conf/app.sock: error: bundle: conf/app.sock is"
          + " not a regular file or directory (a fifo, socket or device); only files and"
          + " directories can be bundled; remove it from the mounted folder");
    }
  }

  @Test
  void aFileTooBigForAPlainZipEntryIsRejectedBeforeAnythingIsRead() throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(project.dir.resolve("conf/huge.img").toFile(), "rw")) {
      f.setLength(4L << 30); // sparse: no disk used
    }
    assertThat(errors("conf")).containsExactly("conf/huge.img: error: bundle: conf/huge.img is"
        + " 4294967296 bytes; a source bundle entry holds at most 4294967294; keep large files in"
        + " S3 and fetch them at startup");
  }

  @Test
  void everyProblemIsReportedAtOnce() {
    project.link("conf/out", "/etc");
    assertThat(errors("../x", "/abs", "conf", "nope")).hasSize(4);
  }

  @Test
  void theProjectDirectoryMustExist() {
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> BundleBuilder.build(new BundleRequest(tmp.resolve("missing"), "{}", List.of(),
            BundleBuilder.EB_MAX_BYTES, out)));
    assertThat(e.diagnostics()).extracting(Diagnostic::render).containsExactly(tmp.resolve("missing")
        + ": error: bundle: the project directory cannot be read: " + tmp.resolve("missing"));
  }

  @Test
  void aFolderSwappedForALinkOutsideAfterPlanningIsNotFollowed() throws IOException {
    project.file("data/key.pem", "abc\n"); // as long as the outside key.pem
    BundlePlanner.Plan plan = BundlePlanner.plan(project.request(out, "data"), 1000);
    Path data = project.dir.resolve("data");
    Files.delete(data.resolve("key.pem"));
    Files.delete(data);
    Files.createSymbolicLink(data, tmp.resolve("outside-dir"));
    Path zip = Files.createFile(tmp.resolve("race.zip"));
    InvalidInputException e = catchThrowableOfType(InvalidInputException.class,
        () -> ZipWriter.write(plan.root(), plan.entries(), zip, 1 << 20));
    assertThat(e).as("the outside file was bundled").isNotNull();
    assertThat(e.diagnostics()).extracting(Diagnostic::render).singleElement().asString()
        .startsWith("data/key.pem: error: bundle: data/key.pem changed while it was being bundled:"
            + " a folder or file on its path was replaced (")
        .endsWith("); nothing outside the project is bundled; run the command again");
  }

  @Test
  void namesThatAreNotSafeInAZipAreRefusedWithTheNameEscaped() throws IOException, InterruptedException {
    project.file("conf/..\\..\\evil.txt", "x").file("conf/two\nlines.txt", "x")
        .file("conf/esc\u001b[31m.txt", "x");
    // a name that is not UTF-8 can only be made below Java, which would decode it
    Process p = new ProcessBuilder("sh", "-c", "printf x > \"$(printf 'conf/bad\\377name')\"")
        .directory(project.dir.toFile()).start();
    assertThat(p.waitFor()).isZero();
    assertThat(errors("conf")).containsExactly(
        "conf/..\\\\..\\\\evil.txt: error: bundle: the file name conf/..\\\\..\\\\evil.txt contains a"
            + " backslash, a folder separator for Windows unzip tools; such a name cannot be stored"
            + " safely in a zip; rename the file, or move it out of the mounted folder",
        "conf/bad\uFFFDname: error: bundle: the file name conf/bad\uFFFDname is not valid UTF-8; such"
            + " a name cannot be stored safely in a zip; rename the file, or move it out of the"
            + " mounted folder",
        "conf/esc\\u001b[31m.txt: error: bundle: the file name conf/esc\\u001b[31m.txt contains a"
            + " control character (U+001B); such a name cannot be stored safely in a zip; rename"
            + " the file, or move it out of the mounted folder",
        "conf/two\\nlines.txt: error: bundle: the file name conf/two\\nlines.txt contains a control"
            + " character (U+000A); such a name cannot be stored safely in a zip; rename the file,"
            + " or move it out of the mounted folder");
    assertThat(errors("conf/two\nlines.txt")).containsExactly("conf/two\\nlines.txt: error: bundle:"
        + " bundle path conf/two\\nlines.txt contains a control character (U+000A); rename the"
        + " file, or mount another one");
  }

  @Test
  void leftoversOfInterruptedRunsAndEnvrcStayOut() throws IOException {
    project.file("data/.out.zip.8412307.tmp", "PK partial zip with secrets")
        .file("data/.Dockerrun.aws.json.77.tmp", "{\"secret\": 1}").file("data/.envrc", "export A=1")
        .file("data/ok.txt", "ok");
    Bundle b = BundleBuilder.build(project.request(out, "data"));
    assertThat(b.entries()).containsExactly("Dockerrun.aws.json", "data/", "data/ok.txt");
    assertThat(b.report()).extracting(Diagnostic::render).contains(
        "data/.out.zip.8412307.tmp: info: bundle: data/.out.zip.8412307.tmp left out: a temporary"
            + " file of an interrupted compose2eb run; delete it");
  }
}
