package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.fake.Silent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every hostile input of issue 11, each run in its own JVM with a 256 MiB heap, as a user would
 * run the jar: the exit code, exactly one located error line (the expected one), no stack trace,
 * an end within a generous bound (a hang guard, not a speed check), and no file left behind, in the
 * project or in the temporary directory.
 */
class HostileInputCatalogueTest {
  /** Far above any of these runs on a loaded machine; only a hang gets near it. */
  static final Duration BOUND = Duration.ofMinutes(3);

  @TempDir Path root;

  interface Setup {
    void in(Path dir) throws IOException, InterruptedException;
  }

  record Case(String name, Setup setup, List<String> args, Map<String, String> env, int exit,
      String errorLine) {
    @Override
    public String toString() {
      return name;
    }
  }

  static final String WEB = "services:\n  web:\n    image: nginx\n";

  static Stream<Case> catalogue() {
    List<Case> c = new ArrayList<>();
    // 2: reads that never end
    c.add(new Case("--env-file /dev/zero", d -> write(d, "compose.yaml", WEB),
        List.of("config", "--env-file", "/dev/zero"), Map.of(), 3,
        "/dev/zero: error: env file is not a regular file (a fifo, socket or device); name a file,"
            + " e.g. \".env\""));
    c.add(new Case("include env_file /dev/zero", d -> {
      write(d, "compose.yaml", "include:\n  - path: sub.yml\n    env_file: /dev/zero\n" + WEB);
      write(d, "sub.yml", "services:\n  db:\n    image: postgres\n");
    }, List.of("config"), Map.of(), 3,
        "/dev/zero: error: env file is not a regular file (a fifo, socket or device); name a file,"
            + " e.g. \".env\""));
    // 7: fifos and special files
    c.add(new Case("fifo as compose file", d -> mkfifo(d, "fifo.yml"),
        List.of("config", "-f", "fifo.yml"), Map.of(), 3,
        "fifo.yml: error: is not a regular file (a fifo, socket or device); give the path of a"
            + " compose file; use -f - for standard input"));
    c.add(new Case("fifo as --env-file", d -> {
      write(d, "compose.yaml", WEB);
      mkfifo(d, "fifo.env");
    }, List.of("config", "--env-file", "fifo.env"), Map.of(), 3,
        "fifo.env: error: env file is not a regular file (a fifo, socket or device); name a file,"
            + " e.g. \".env\""));
    c.add(new Case("env_file naming a device", d -> write(d, "compose.yaml",
        WEB + "    env_file: /dev/null\n"), List.of("config"), Map.of(), 3,
        "compose.yaml:4:15: error: services.web.env_file: env file /dev/null is not a regular file"
            + " (a fifo, socket or device) (/dev/null); create it, or mark it optional: {path:"
            + " /dev/null, required: false}"));
    c.add(new Case("env_file /proc/self/environ", d -> write(d, "compose.yaml",
        WEB + "    env_file: /proc/self/environ\n"), List.of("config"), Map.of(), 3,
        "/proc/self/environ: error: env file holds a NUL byte (at offset "));
    // 3: recursion
    String deep = "x";
    for (int i = 0; i < 2000; i++) {
      deep = "${A:-" + deep + "}";
    }
    String nested = deep;
    c.add(new Case("defaults nested 2,000 deep in the compose file", d -> write(d, "compose.yaml",
        "services:\n  web:\n    image: \"" + nested + "\"\n"), List.of("config"), Map.of(), 3,
        "compose.yaml:3:12: error: services.web.image: interpolation nested more than 64 levels deep"));
    c.add(new Case("defaults nested 2,000 deep in .env", d -> {
      write(d, "compose.yaml", WEB);
      write(d, ".env", "B=" + nested + "\n");
    }, List.of("config"), Map.of(), 3, ".env:1:"));
    c.add(new Case("an include chain of 3,000 files", d -> {
      write(d, "compose.yaml", "include:\n  - f1.yml\n" + WEB);
      for (int i = 1; i < 3000; i++) {
        write(d, "f" + i + ".yml", "include:\n  - f" + (i + 1) + ".yml\n");
      }
      write(d, "f3000.yml", "services:\n  db:\n    image: postgres\n");
    }, List.of("config"), Map.of(), 3,
        "f63.yml:2:5: error: include[0]: includes nested more than 64 files deep"));
    // 8: control characters
    c.add(new Case("an image name with ESC", d -> write(d, "compose.yaml",
        "services:\n  web:\n    image: \"nginx\\e[31m:1\"\n"), List.of("convert"), Map.of(), 3,
        "compose.yaml:3:12: error: services.web.image: invalid image reference"
            + " \"nginx\\u001b[31m:1\": Docker refuses it (invalid reference format)"));
    c.add(new Case("validate: an image name with NUL", d -> write(d, "Dockerrun.aws.json",
        "{\"AWSEBDockerrunVersion\": 2, \"containerDefinitions\": [{\"name\": \"web\","
            + " \"image\": \"nginx\\u0000:1\", \"memory\": 128, \"portMappings\":"
            + " [{\"containerPort\": 80, \"hostPort\": 80}]}]}\n"),
        List.of("validate", "Dockerrun.aws.json"), Map.of(), 3,
        "Dockerrun.aws.json:1:80: error: containerDefinitions[0].image: invalid image"
            + " \"nginx\\u0000:1\"; an image reference has no control characters"));
    // 4: a Dockerrun too big for ECS, refused from the model before any JSON is rendered
    c.add(new Case("300,000 environment entries", d -> {
      StringBuilder sb = new StringBuilder(WEB + "    ports: [\"80:80\"]\n    environment:\n");
      for (int i = 0; i < 300_000; i++) {
        sb.append("      V").append(i).append(": value").append(i).append('\n');
      }
      write(d, "compose.yaml", sb.toString());
    }, List.of("convert"), Map.of(), 3, "compose.yaml:5:5: error: services.web.environment: the"
        + " Dockerrun file would be over "));
    // 13: thousands of services: the container limit first, one line, no link planning
    c.add(new Case("a depends_on chain of 5,000 services", d -> {
      StringBuilder sb = new StringBuilder("services:\n  s0:\n    image: nginx\n");
      for (int i = 1; i < 5000; i++) {
        sb.append("  s").append(i).append(":\n    image: nginx\n    depends_on: [s").append(i - 1)
            .append("]\n");
      }
      write(d, "compose.yaml", sb.toString());
    }, List.of("convert"), Map.of(), 3, "compose.yaml:31:3: error: services: 5000 services, but a"
        + " Dockerrun file holds at most 10 containers"));
    // 6: a POSIX locale: the tool runs itself again in C.UTF-8 (PosixLocaleTest); where it cannot
    // (here: as if it already had), Java cannot name a non-ASCII file: say so and how to fix it
    c.add(new Case("a non-ASCII path under LC_ALL=C, no relaunch", d -> write(d,
        "caf\u00e9/compose.yaml", WEB), List.of("config", "-f", "caf\u00e9/compose.yaml"),
        Map.of("LC_ALL", "C", "LANG", "C", Utf8Locale.RELAUNCHED, "1"), 1,
        "error: the path caf\uFFFD\uFFFD/compose.yaml cannot be named in this locale's character set"
            + " (ANSI_X3.4-1968); run with a UTF-8 locale, e.g. LC_ALL=C.UTF-8"));
    // 14: an AWS command without credentials: one line, the right option, no SLF4J noise
    c.add(new Case("no AWS credentials", d -> write(d, "compose.yaml", WEB),
        List.of("env", "list", "--application", "a", "--environment", "e", "--region",
            "eu-west-1"), NO_AWS, 1,
        "error: Tried to read the properties of e but failed because: no AWS credentials were"
            + " found; set AWS_PROFILE (or pass --aws-profile), or AWS_ACCESS_KEY_ID and"
            + " AWS_SECRET_ACCESS_KEY"));
    // 5: AWS endpoints that accept connections and never answer: --timeout bounds the whole run
    Map<String, String> silentAws = new java.util.HashMap<>(Map.of("AWS_ENDPOINT_URL",
        SILENT.endpoint().toString(), "AWS_ACCESS_KEY_ID", "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY",
        "not-a-secret", "AWS_REGION", "eu-west-1", "AWS_EC2_METADATA_DISABLED", "true"));
    c.add(new Case("an AWS endpoint that never answers", d -> write(d, "compose.yaml",
        "x-eb: {application: shop, environment: shop-prod}\n" + WEB + "    ports: [\"80:80\"]\n"),
        List.of("deploy", "--dry-run", "--timeout", "5s"), silentAws, 1,
        "error: Tried to identify the caller (STS GetCallerIdentity) but failed because: no answer"
            + " from STS GetCallerIdentity at " + SILENT.endpoint() + " before --timeout 5s ran out"
            + " (1 attempt); check the network"));
    return c.stream();
  }

  /** The endpoint that accepts and never answers, for the cases of item 5. */
  static final Silent SILENT = Silent.start();

  @AfterAll
  static void closeSilent() throws IOException {
    SILENT.close();
  }

  /** No credentials anywhere, and no instance metadata service to wait for. */
  static final Map<String, String> NO_AWS = Map.of("AWS_ACCESS_KEY_ID", "", "AWS_SECRET_ACCESS_KEY",
      "", "AWS_SESSION_TOKEN", "", "AWS_PROFILE", "", "AWS_EC2_METADATA_DISABLED", "true",
      "AWS_CONFIG_FILE", "/nonexistent/config", "AWS_SHARED_CREDENTIALS_FILE",
      "/nonexistent/credentials", "AWS_CONTAINER_CREDENTIALS_FULL_URI", "",
      "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "", "AWS_WEB_IDENTITY_TOKEN_FILE", "");

  @ParameterizedTest(name = "{0}")
  @MethodSource("catalogue")
  void endsWithOneLocatedLineAndLeavesNothing(Case c) throws Exception {
    Path dir = Files.createDirectories(root.resolve("project"));
    Path javaTmp = Files.createDirectories(root.resolve("java-tmp"));
    c.setup().in(dir);
    Set<String> before = tree(dir);
    ChildJvm.Result r = ChildJvm.run(dir, BOUND, c.env(), javaTmp,
        c.args().toArray(String[]::new));
    assertThat(r.hung()).as("still running after %s", BOUND).isFalse();
    assertThat(r.err()).as("a stack trace").doesNotContain("\tat ").doesNotContain("Exception")
        .doesNotContain("java.lang.");
    assertThat(r.code()).as(r.err()).isEqualTo(c.exit());
    List<String> errors = r.errLines().stream().filter(l -> l.contains("error: ")).toList();
    assertThat(errors).as(r.err()).hasSizeBetween(1, 2);
    assertThat(errors.get(0)).startsWith(c.errorLine());
    assertThat(r.err()).as("noise").doesNotContain("SLF4J").doesNotContain("--help");
    if (errors.size() == 2) { // only a summary may follow: "error: N error(s); nothing written"
      assertThat(errors.get(1)).startsWith("error: ").doesNotContain(": error: ");
    }
    assertThat(tree(dir)).as("files left behind").isEqualTo(before);
    assertThat(tree(javaTmp)).as("temporary files left behind").containsExactly("");
  }

  static void write(Path dir, String name, String text) throws IOException {
    Path p = dir.resolve(name);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text, StandardCharsets.UTF_8);
  }

  static void mkfifo(Path dir, String name) throws IOException, InterruptedException {
    assertThat(new ProcessBuilder("mkfifo", dir.resolve(name).toString()).start().waitFor())
        .isZero();
  }

  /** Relative paths under root, not following links ("" is root itself). */
  private static Set<String> tree(Path root) throws IOException {
    Set<String> out = new TreeSet<>();
    try (Stream<Path> s = Files.walk(root)) {
      s.map(p -> root.relativize(p).toString()).forEach(out::add);
    }
    return out;
  }

  /** Not hostile, but it was refused as "file not found": compose reads {@code -f -} from stdin. */
  @org.junit.jupiter.api.Test
  void composeFileFromStandardInput() throws Exception {
    Path dir = Files.createDirectories(root.resolve("stdin"));
    Path input = root.resolve("input.yml");
    write(root, "input.yml", "services:\n  web:\n    image: nginx:${TAG:-1.27}\n    ports: [80]\n");
    Process p = ChildJvm.builder(dir, Map.of(), "config", "-f", "-")
        .redirectInput(input.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).isZero();
    assertThat(out).startsWith("name: stdin\nservices:\n  web:\n").contains("image: nginx:1.27");
  }
}
