package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleCommandTest {
  @TempDir Path tmp;
  Path project;

  @BeforeEach
  void setUp() throws IOException {
    project = Files.createDirectories(tmp.resolve("shop"));
    write("compose.yaml", """
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            environment:
              API_TOKEN: s3cr3t-value
            volumes:
              - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
        """);
    write("nginx/default.conf", "server { listen 80; }\n");
    write("notes.txt", "not mounted\n");
  }

  @Test
  void writesTheZipUnderItsLabelAndPrintsPathHashAndLabel() throws IOException {
    Cli.Result r = Cli.run(project, "bundle");
    assertThat(r.code()).as(r.err()).isZero();
    List<String> lines = r.out().lines().toList();
    assertThat(lines).hasSize(3);
    String hash = sha256(project.resolve(lines.get(0)));
    String label = "local-" + hash.substring(0, 8);
    assertThat(lines).containsExactly(".elasticbeanstalk/app_versions/" + label + ".zip",
        "sha256 " + hash, "version-label " + label);
    assertThat(r.err()).endsWith("bundled 2 file(s), " + Files.size(project.resolve(lines.get(0)))
        + " bytes\n");
    assertThat(entries(project.resolve(lines.get(0))).keySet())
        .containsExactly("Dockerrun.aws.json", "nginx/", "nginx/default.conf");
    try (var files = Files.list(project.resolve(".elasticbeanstalk/app_versions"))) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactly(label + ".zip");
    }

    Cli.Result again = Cli.run(project, "bundle");
    assertThat(again.out()).isEqualTo(r.out());
  }

  @Test
  void outputIsResolvedAgainstTheWorkingDirectory() throws IOException {
    Cli.Result r = Cli.run(tmp, "bundle", "-f", "shop/compose.yaml", "-o", "dist/app.zip");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("dist/app.zip\nsha256 " + sha256(tmp.resolve("dist/app.zip"))
        + "\nversion-label local-");
  }

  @Test
  void theWholeProjectNeverHoldsTheOutputGitEnvOrTheEnvironmentFile() throws IOException {
    write("compose.yaml", """
        services:
          web:
            image: node:20
            ports: ["80:3000"]
            environment:
              API_TOKEN: s3cr3t-value
            volumes:
              - .:/app
        """);
    write(".env", "TOKEN=from-dotenv\n");
    write("eb-environment.json", "{\"API_TOKEN\": \"s3cr3t-value\"}\n");
    write(".git/config", "[remote \"origin\"]\n");
    Cli.Result first = Cli.run(project, "bundle", "--env-to-eb", "-o", "app.zip");
    assertThat(first.code()).as(first.err()).isZero();
    assertThat(first.err()).contains("environment values are not in the bundle");
    Map<String, String> entries = entries(project.resolve("app.zip"));
    assertThat(entries.keySet()).containsExactly("Dockerrun.aws.json", "compose.yaml", "nginx/",
        "nginx/default.conf", "notes.txt");
    assertThat(entries.get("Dockerrun.aws.json")).doesNotContain("s3cr3t-value")
        .doesNotContain("\"environment\"");

    Cli.Result second = Cli.run(project, "bundle", "--env-to-eb", "-o", "app.zip");
    assertThat(second.out()).isEqualTo(first.out());
  }

  @Test
  void translationErrorsExitThreeAndWriteNothing() throws IOException {
    write("compose.yaml", """
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            volumes:
              - ~/nginx.conf:/etc/nginx/nginx.conf
        """);
    Cli.Result r = Cli.run(project, "bundle");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("bind source \"~/nginx.conf\" is in a home directory")
        .endsWith("error: 1 error(s); nothing written\n");
    assertThat(project.resolve(".elasticbeanstalk")).doesNotExist();
  }

  @Test
  void unsafeFilesExitThreeAndWriteNothing() throws IOException {
    write("compose.yaml", """
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            volumes:
              - ./conf:/etc/nginx/conf.d
        """);
    write("conf/site.conf", "server {}\n");
    Files.writeString(tmp.resolve("outside.txt"), "secret\n");
    Files.createSymbolicLink(project.resolve("conf/leak.conf"), Path.of("../../outside.txt"));
    Cli.Result r = Cli.run(project, "bundle", "-o", "out.zip");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).endsWith("conf/leak.conf: error: bundle: symbolic link conf/leak.conf"
        + " points outside the project (to ../../outside.txt); nothing outside the project"
        + " directory is bundled; copy the file into the project instead of linking to it\n"
        + "error: the source bundle cannot be built; nothing written\n");
    assertThat(project.resolve("out.zip")).doesNotExist();
  }

  @Test
  void anOutputThatIsADirectoryIsAUsageError() throws IOException {
    Files.createDirectories(project.resolve("dist"));
    Cli.Result r = Cli.run(project, "bundle", "-o", "dist");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("error: -o must name the zip file, not the directory dist");
    assertThat(project.resolve("dist")).isEmptyDirectory();
  }

  @Test
  void helpDescribesTheCommand() {
    Cli.Result r = Cli.run(project, "bundle", "--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("Usage: compose2eb bundle").contains("-o, --output=FILE.zip")
        .contains("--env-to-eb").contains("app_versions/<version-label>.zip");
  }

  private void write(String name, String text) throws IOException {
    Path p = project.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private static Map<String, String> entries(Path zip) throws IOException {
    Map<String, String> out = new TreeMap<>();
    List<String> order = new ArrayList<>();
    try (ZipFile z = ZipFile.builder().setPath(zip).get()) {
      var en = z.getEntriesInPhysicalOrder();
      while (en.hasMoreElements()) {
        ZipArchiveEntry e = en.nextElement();
        order.add(e.getName());
        out.put(e.getName(), new String(z.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(order).containsExactlyElementsOf(out.keySet());
    return out;
  }

  private static String sha256(Path file) throws IOException {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(file)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** SIGTERM (and Ctrl-C's SIGINT, which the JVM handles alike) while the zip is being written. */
  @Test
  void anInterruptedBundleLeavesNoTemporaryFile() throws Exception {
    write("compose.yaml", """
        services:
          web:
            image: nginx:1.27
            environment:
              API_TOKEN: s3cr3t-value
            volumes:
              - ./data:/data
        """);
    byte[] noise = new byte[1 << 20];
    java.util.Random random = new java.util.Random(1);
    Files.createDirectories(project.resolve("data"));
    try (var o = Files.newOutputStream(project.resolve("data/big.bin"))) {
      for (int i = 0; i < 160; i++) { // incompressible: seconds of deflate
        random.nextBytes(noise);
        o.write(noise);
      }
    }
    Process p = ChildJvm.builder(project, Map.of(), "bundle", "-o", "data/out.zip")
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      long until = System.nanoTime() + 120_000_000_000L;
      while (tmpFiles(project.resolve("data")).isEmpty() && p.isAlive() && System.nanoTime() < until) {
        Thread.sleep(5);
      }
      assertThat(p.isAlive()).as("still bundling when interrupted").isTrue();
      assertThat(tmpFiles(project.resolve("data"))).hasSize(1);
      p.destroy(); // SIGTERM
      assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    } finally {
      p.destroyForcibly();
    }
    assertThat(tmpFiles(project.resolve("data"))).isEmpty();
    assertThat(project.resolve("data/out.zip")).doesNotExist();
  }

  private static List<Path> tmpFiles(Path dir) throws IOException {
    try (var s = Files.list(dir)) {
      return s.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList();
    }
  }
}
