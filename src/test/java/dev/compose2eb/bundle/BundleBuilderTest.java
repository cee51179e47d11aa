package dev.compose2eb.bundle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.diag.Severity;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleBuilderTest {
  @TempDir Path tmp;

  private Tree project(String name) throws IOException {
    return new Tree(Files.createDirectories(tmp.resolve(name)))
        .file("nginx/default.conf", "server { listen 80; }\n")
        .file("nginx/conf.d/gzip.conf", "gzip on;\n")
        .file("html/index.html", "<h1>hi</h1>\n")
        .file(".ebextensions/01-options.config", "option_settings: []\n")
        .file(".platform/hooks/predeploy/01-migrate.sh", "#!/bin/sh\necho migrate\n")
        .file(".platform/confighooks/predeploy/01-migrate.sh", "#!/bin/sh\necho migrate\n")
        .file(".platform/nginx/conf.d/proxy.conf", "client_max_body_size 20M;\n")
        .file("src/app.js", "console.log('not mounted')\n")
        .chmod(".platform/hooks/predeploy/01-migrate.sh", "rwxr-xr-x")
        .chmod(".platform/confighooks/predeploy/01-migrate.sh", "rwx------");
  }

  @Test
  void sameInputsGiveTheSameBytesWhateverTheMtimesAndPermissionsOnDisk() throws IOException {
    Tree a = project("a");
    Tree b = project("b")
        .chmod("nginx/default.conf", "rw-------").chmod("html/index.html", "rw-rw-r--")
        .chmod("nginx", "rwx------").chmod("html", "rwxrwxr-x")
        .chmod(".platform/hooks/predeploy/01-migrate.sh", "rwx------")
        .chmod(".platform/confighooks/predeploy/01-migrate.sh", "r-xr-x---")
        .touch("nginx/default.conf", 1_700_000_000_000L).touch("html/index.html", 86_400_000L)
        .touch("html", 1_000_000_000_000L);
    a.chmod("nginx/default.conf", "rw-rw-r--").chmod("html/index.html", "rw-------");

    Bundle x = BundleBuilder.build(a.request(tmp.resolve("a.zip"), "nginx/default.conf", "html",
        "nginx/conf.d"));
    Bundle y = BundleBuilder.build(b.request(tmp.resolve("b.zip"), "nginx/conf.d", "html",
        "./nginx/default.conf"));

    assertThat(Files.readAllBytes(y.file())).isEqualTo(Files.readAllBytes(x.file()));
    assertThat(y.sha256Hex()).isEqualTo(x.sha256Hex()).hasSize(64);
    assertThat(x.size()).isEqualTo(Files.size(x.file()));
    assertThat(x.sha256Hex()).isEqualTo(HexFormat.of().formatHex(sha256(Files.readAllBytes(x.file()))));
  }

  @Test
  void theBytesDoNotDependOnTheTimeZone() throws IOException {
    Tree t = project("p");
    TimeZone saved = TimeZone.getDefault();
    List<byte[]> zips = new ArrayList<>();
    try {
      for (String zone : List.of("UTC", "Pacific/Kiritimati", "America/Los_Angeles", "Asia/Kolkata")) {
        TimeZone.setDefault(TimeZone.getTimeZone(zone));
        Bundle b = BundleBuilder.build(t.request(tmp.resolve(zone.replace('/', '_') + ".zip"), "html"));
        zips.add(Files.readAllBytes(b.file()));
      }
    } finally {
      TimeZone.setDefault(saved);
    }
    for (byte[] z : zips) {
      assertThat(z).isEqualTo(zips.get(0));
    }
  }

  @Test
  void entriesAreSortedWithNormalisedModesOneTimeAndNoExtraFields() throws IOException {
    Tree t = project("p");
    Bundle b = BundleBuilder.build(t.request(tmp.resolve("out.zip"), "nginx", "html/index.html"));

    List<String> expected = List.of(
        ".ebextensions/",
        ".ebextensions/01-options.config",
        ".platform/",
        ".platform/confighooks/",
        ".platform/confighooks/predeploy/",
        ".platform/confighooks/predeploy/01-migrate.sh",
        ".platform/hooks/",
        ".platform/hooks/predeploy/",
        ".platform/hooks/predeploy/01-migrate.sh",
        ".platform/nginx/",
        ".platform/nginx/conf.d/",
        ".platform/nginx/conf.d/proxy.conf",
        "Dockerrun.aws.json",
        "html/",
        "html/index.html",
        "nginx/",
        "nginx/conf.d/",
        "nginx/conf.d/gzip.conf",
        "nginx/default.conf");
    assertThat(b.entries()).containsExactlyElementsOf(expected);
    try (ZipFile z = ZipFile.builder().setPath(b.file()).get()) {
      List<ZipArchiveEntry> entries = Tree.entries(z);
      assertThat(entries).extracting(ZipArchiveEntry::getName).containsExactlyElementsOf(expected);
      for (ZipArchiveEntry e : entries) {
        int mode = e.getName().endsWith("/") ? 040755
            : e.getName().endsWith("01-migrate.sh") ? 0100755 : 0100644;
        assertThat(e.getUnixMode()).as(e.getName()).isEqualTo(mode);
        assertThat(e.getPlatform()).isEqualTo(ZipArchiveEntry.PLATFORM_UNIX);
        assertThat(e.getExternalAttributes()).isEqualTo(((long) mode << 16)
            | (e.isDirectory() ? 0x10 : 0));
        assertThat(e.getMethod()).isEqualTo(e.isDirectory() ? ZipEntry.STORED : ZipEntry.DEFLATED);
        assertThat(e.getExtraFields(true)).as(e.getName()).isEmpty();
        assertThat(e.getLocalFileDataExtra()).as(e.getName()).isEmpty();
        assertThat(e.getCentralDirectoryExtra()).as(e.getName()).isEmpty();
        assertThat(e.getComment()).isNullOrEmpty();
        assertThat(e.getGeneralPurposeBit().usesUTF8ForNames()).isTrue();
        assertThat(e.getGeneralPurposeBit().usesDataDescriptor()).isFalse();
      }
    }
    // the DOS date and time fields, read without any time zone
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(b.file()))) {
      int n = 0;
      for (ZipEntry e; (e = in.getNextEntry()) != null; n++) {
        assertThat(e.getTimeLocal()).as(e.getName()).isEqualTo(LocalDateTime.of(1980, 2, 1, 0, 0));
        assertThat(e.getExtra()).isNull();
      }
      assertThat(n).isEqualTo(expected.size());
    }
    Map<String, String> contents = Tree.contents(b.file());
    assertThat(contents.get("Dockerrun.aws.json")).isEqualTo("{\"AWSEBDockerrunVersion\": 2}\n");
    assertThat(contents.get("nginx/default.conf")).isEqualTo("server { listen 80; }\n");
    assertThat(contents).doesNotContainKey("src/app.js");
  }

  @Test
  void zipToolsReadTheBundleBack() throws IOException, InterruptedException {
    Tree t = project("p");
    Bundle b = BundleBuilder.build(t.request(tmp.resolve("out.zip"), "nginx"));
    Path into = Files.createDirectories(tmp.resolve("unzipped"));
    Process p = new ProcessBuilder("unzip", "-q", b.file().toString(), "-d", into.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes());
    assertThat(p.waitFor()).as(out).isZero();
    assertThat(Files.readString(into.resolve("nginx/default.conf"))).isEqualTo("server { listen 80; }\n");
    assertThat(Files.isExecutable(into.resolve(".platform/hooks/predeploy/01-migrate.sh"))).isTrue();
    assertThat(Files.isExecutable(into.resolve(".platform/nginx/conf.d/proxy.conf"))).isFalse();
  }

  @Test
  void aHookWithoutExecuteBitIsWarnedAbout() throws IOException {
    Tree t = project("p").chmod(".platform/hooks/predeploy/01-migrate.sh", "rw-r--r--");
    Bundle b = BundleBuilder.build(t.request(tmp.resolve("out.zip")));
    assertThat(b.report()).extracting(Diagnostic::render).containsExactly(
        ".platform/hooks/predeploy/01-migrate.sh: warning: bundle: platform hook"
            + " .platform/hooks/predeploy/01-migrate.sh is not executable; Elastic Beanstalk runs"
            + " only executable hooks; chmod +x .platform/hooks/predeploy/01-migrate.sh");
  }

  @Test
  void withoutPlatformDirectoriesOnlyTheDockerrunFileAndTheMountsGoIn() throws IOException {
    Tree t = new Tree(Files.createDirectories(tmp.resolve("p"))).file("conf/app.ini", "x=1\n")
        .file("other.txt", "no");
    Bundle b = BundleBuilder.build(t.request(tmp.resolve("out.zip"), "conf/app.ini"));
    assertThat(b.entries()).containsExactly("Dockerrun.aws.json", "conf/", "conf/app.ini");
  }

  @Test
  void theWholeProjectLeavesOutGitEnvFilesTheGeneratedEnvironmentAndTheOutputItself()
      throws IOException {
    Tree t = new Tree(Files.createDirectories(tmp.resolve("p")))
        .file("app/main.py", "print()\n")
        .file(".git/config", "[remote \"origin\"]\n")
        .file(".git/HEAD", "ref: refs/heads/main\n")
        .file("vendor/lib/.git", "gitdir: ../../.git/modules/lib\n")
        .file(".env", "SECRET=1\n")
        .file(".env.production", "SECRET=2\n")
        .file("app/.env", "SECRET=3\n")
        .file("eb-environment.json", "{}\n")
        .file("out/eb-environment.json", "{}\n")
        .file("Dockerrun.aws.json", "{\"old\": true}\n")
        .file(".elasticbeanstalk/config.yml", "branch-defaults: {}\n")
        .file(".envrc.example", "kept\n");
    Path out = t.dir.resolve("app.zip");
    Bundle first = BundleBuilder.build(t.request(out, "."));
    assertThat(first.entries()).containsExactly(".envrc.example", "Dockerrun.aws.json", "app/",
        "app/main.py", "out/", "vendor/", "vendor/lib/");
    assertThat(Tree.contents(out).get("Dockerrun.aws.json")).isEqualTo("{\"AWSEBDockerrunVersion\": 2}\n");
    assertThat(first.report()).extracting(Diagnostic::severity).containsOnly(Severity.INFO);
    assertThat(first.report()).extracting(Diagnostic::render).containsExactly(
        ".env: info: bundle: .env left out: .env files are bundled only when a volume names them;"
            + " mount ./.env explicitly if a container reads it",
        ".env.production: info: bundle: .env.production left out: .env files are bundled only when"
            + " a volume names them; mount ./.env.production explicitly if a container reads it",
        "app/.env: info: bundle: app/.env left out: .env files are bundled only when a volume names"
            + " them; mount ./app/.env explicitly if a container reads it");

    Bundle second = BundleBuilder.build(t.request(out, "."));
    assertThat(second.sha256Hex()).isEqualTo(first.sha256Hex());
    try (var files = Files.list(t.dir)) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.endsWith(".tmp"));
    }
  }

  @Test
  void aDotEnvFileNamedByABundlePathGoesIn() throws IOException {
    Tree t = new Tree(Files.createDirectories(tmp.resolve("p"))).file("config/.env", "A=1\n")
        .file("config/.env.local", "B=2\n");
    Bundle b = BundleBuilder.build(t.request(tmp.resolve("out.zip"), "config/.env"));
    assertThat(b.entries()).containsExactly("Dockerrun.aws.json", "config/", "config/.env");
  }

  @Test
  void aBigTreeIsBundledCompletely() throws IOException {
    Tree t = new Tree(Files.createDirectories(tmp.resolve("p")));
    int files = 0;
    List<String> dirs = new ArrayList<>();
    for (int a = 0; a < 10; a++) {
      for (int b = 0; b < 10; b++) {
        dirs.add("data/d" + a + "/e" + b + "/");
        for (int c = 0; c < 30; c++) {
          t.file("data/d" + a + "/e" + b + "/f" + c + ".txt", "file " + a + b + c + "\n");
          files++;
        }
      }
    }
    Bundle bundle = BundleBuilder.build(t.request(tmp.resolve("out.zip"), "data"));
    // Dockerrun.aws.json, data/, 10 dN/, 100 dN/eN/, 3,000 files
    assertThat(files).isEqualTo(3000);
    assertThat(bundle.entries()).hasSize(1 + 1 + 10 + 100 + 3000);
    assertThat(bundle.entries()).containsAll(dirs);
    assertThat(bundle.entries()).isSortedAccordingTo(Entry.NAME_ORDER);
    Map<String, String> contents = Tree.contents(bundle.file());
    assertThat(contents).hasSize(3112);
    assertThat(contents.get("data/d7/e3/f29.txt")).isEqualTo("file 7329\n");
  }

  @Test
  void namesSortByTheirUtf8Bytes() throws IOException {
    // U+FF21 (EF BC A1 in UTF-8) sorts before U+1F600 (F0 9F 98 80), although Java's UTF-16
    // String order puts the surrogate pair D83D first
    Tree t = new Tree(Files.createDirectories(tmp.resolve("p")))
        .file("m/\uD83D\uDE00.txt", "smile").file("m/\uFF21.txt", "A").file("m/Z.txt", "Z")
        .file("m/a b.txt", "space");
    Bundle b = BundleBuilder.build(t.request(tmp.resolve("out.zip"), "m"));
    assertThat(b.entries()).containsExactly("Dockerrun.aws.json", "m/", "m/Z.txt", "m/a b.txt",
        "m/\uFF21.txt", "m/\uD83D\uDE00.txt");
  }

  @Test
  void theSizeLimitNamesTheBiggestFilesAndWritesNothing() throws IOException {
    Random r = new Random(42);
    byte[] big = new byte[300_000];
    byte[] mid = new byte[120_000];
    r.nextBytes(big);
    r.nextBytes(mid);
    Tree t = new Tree(Files.createDirectories(tmp.resolve("p"))).file("media/big.bin", big)
        .file("media/mid.bin", mid).file("media/small.txt", "x");
    Path out = tmp.resolve("out/app.zip");
    BundleRequest req = new BundleRequest(t.dir, "{}", List.of("media"), 200_000, out);
    assertThatThrownBy(() -> BundleBuilder.build(req))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.diagnostics()).extracting(Diagnostic::render).singleElement().asString()
                .startsWith("error: bundle: the source bundle is larger than 195.3 KiB (")
                .contains(" written by media/big.bin); the biggest files: media/big.bin"
                    + " (293 KiB), media/mid.bin (117.2 KiB), media/small.txt (1 bytes);"
                    + " mount only the files the containers need; keep large data in S3 or EFS"));
    try (var files = Files.list(out.getParent())) {
      assertThat(files).isEmpty();
    }
    // the same tree fits a larger limit
    Bundle ok = BundleBuilder.build(new BundleRequest(t.dir, "{}", List.of("media"), 600_000, out));
    assertThat(ok.size()).isBetween(420_000L, 600_000L);
  }

  @Test
  void theEntryGuardStopsTreesMultipliedByLinks() throws IOException {
    Tree t = new Tree(Files.createDirectories(tmp.resolve("p"))).file("base/f1", "1").file("base/f2", "2");
    for (int i = 0; i < 5; i++) {
      t.link("views/v" + i, "../base");
    }
    assertThatThrownBy(() -> BundleBuilder.build(t.request(tmp.resolve("out.zip"), "views"), 12))
        .isInstanceOfSatisfying(InvalidInputException.class, e ->
            assertThat(e.diagnostics()).extracting(Diagnostic::render).containsExactly(
                "error: bundle: more than 12 entries; the mounted folders are too big for a source"
                    + " bundle (symbolic links to directories repeating a tree?); mount only the"
                    + " folders the containers need"));
    Bundle b = BundleBuilder.build(t.request(tmp.resolve("out.zip"), "views"), 100);
    assertThat(b.entries()).hasSize(2 + 5 * 3);
  }

  @Test
  void aFileThatChangesSizeWhileBeingBundledStopsTheBundle() throws IOException {
    Tree t = new Tree(Files.createDirectories(tmp.resolve("p"))).file("log.txt", "12345");
    Path zip = Files.createFile(tmp.resolve("z.zip"));
    for (long planned : new long[] {3, 9}) {
      List<Entry> entries = List.of(Entry.file("log.txt", t.dir.toRealPath().resolve("log.txt"), false, planned));
      assertThatThrownBy(() -> ZipWriter.write(t.dir.toRealPath(), entries, zip, 1 << 20))
          .isInstanceOfSatisfying(InvalidInputException.class, e ->
              assertThat(e.diagnostics()).extracting(Diagnostic::render).containsExactly(
                  "log.txt: error: bundle: log.txt changed while it was being bundled: " + planned
                      + " bytes planned, " + (planned == 3 ? "more" : "5") + " read; run the"
                      + " command again"));
    }
  }

  private static byte[] sha256(byte[] data) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(data);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
