package dev.compose2eb.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.translate.LocalProjectFiles;
import dev.compose2eb.translate.TranslateOptions;
import dev.compose2eb.translate.Translator;
import dev.compose2eb.yaml.MapNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs generated buildspecs: the phases' commands go through a real shell (see
 * {@link CodeBuildEmulator}) with stub {@code docker}, {@code aws}, {@code java} and {@code curl}
 * on PATH that record their arguments, one line per call: {@code docker [build] [-t] [...]}. The
 * {@code java} stub runs this tool's real CLI, so the Dockerrun.aws.json written "in CodeBuild" is
 * the real one.
 */
class BuildspecRunTest {
  static final String ACCOUNT = "123456789012";
  static final String REGISTRY = ACCOUNT + ".dkr.ecr.eu-west-1.amazonaws.com";
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";
  static final String TAG = "0123456";

  @TempDir Path tmp;
  Path bin;
  Path log;
  Path src;
  final Map<String, String> env = new HashMap<>();

  @BeforeEach
  void stubs() throws IOException {
    bin = Files.createDirectories(tmp.resolve("bin"));
    log = tmp.resolve("calls.log");
    // CodeBuild checks the source out under a directory name of its own
    src = tmp.resolve("codebuild-src");
    stub("docker", """
        stdin=""
        if [ "$1" = login ]; then stdin=$(cat); fi
        prev=""
        for a in "$@"; do
          if [ "$prev" = -f ] && [ "$a" = - ]; then stdin=$(cat); fi
          prev=$a
        done
        { printf 'docker'; printf ' [%s]' "$@"; printf '\\n'; } >> "$STUB_LOG"
        if [ -n "$stdin" ]; then
          printf 'docker-stdin [%s]\\n' "$(printf '%s' "$stdin" | tr '\\n' '|')" >> "$STUB_LOG"
        fi
        if [ "$1" = build ] && [ -n "${STUB_FAIL_IMAGE:-}" ]; then
          case " $* " in *"/$STUB_FAIL_IMAGE:"*) echo "stub docker: build failed" >&2; exit 1 ;; esac
        fi
        exit 0
        """);
    stub("aws", """
        { printf 'aws'; printf ' [%s]' "$@"; printf '\\n'; } >> "$STUB_LOG"
        case "$1 $2" in
          "sts get-caller-identity") echo 123456789012 ;;
          "ecr get-login-password") echo stub-ecr-password ;;
          "ecr describe-repositories")
            case " ${STUB_EXISTING_REPOS:-} " in
              *" $4 "*) echo '{"repositories": []}' ;;
              *) echo "RepositoryNotFoundException" >&2; exit 254 ;;
            esac ;;
          "ecr create-repository") echo '{"repository": {}}' ;;
          "s3 cp") printf 'jar from s3' > "$4" ;;
          *) echo "stub aws: unexpected call" >&2; exit 2 ;;
        esac
        """);
    stub("java", """
        { printf 'java'; printf ' [%s]' "$@"; printf '\\n'; } >> "$STUB_LOG"
        if [ "$1" != -jar ] || [ ! -f "$2" ]; then echo "stub java: no jar $2" >&2; exit 97; fi
        shift 2
        if [ "${STUB_JAVA_REAL:-}" = 1 ]; then
          exec "$REAL_JAVA" -cp "$REAL_CP" dev.compose2eb.cli.Main "$@"
        fi
        """);
    stub("curl", """
        { printf 'curl'; printf ' [%s]' "$@"; printf '\\n'; } >> "$STUB_LOG"
        out=""
        while [ $# -gt 0 ]; do if [ "$1" = -o ]; then out=$2; fi; shift; done
        printf 'jar from https' > "$out"
        """);
    env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", tmp.toString());
    env.put("STUB_LOG", log.toString());
    env.put("AWS_DEFAULT_REGION", "eu-west-1");
    env.put("AWS_REGION", "eu-west-1");
    env.put("CODEBUILD_RESOLVED_SOURCE_VERSION", COMMIT);
    env.put("CODEBUILD_BUILD_NUMBER", "42");
    env.put("REAL_JAVA", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    env.put("REAL_CP", System.getProperty("java.class.path"));
  }

  private void stub(String name, String body) throws IOException {
    Path p = bin.resolve(name);
    Files.writeString(p, "#!/bin/bash\n" + body);
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Generates the buildspec from the sample where it lies, and runs it in a copy of it. */
  private String prepareSample(String sample, BuildspecOptions opts) throws IOException {
    Path from = TestProjects.SAMPLES.resolve(sample);
    Project project = TestProjects.load(from);
    List<String> bundle = Translator.translate(project, TranslateOptions.defaults(),
        new LocalProjectFiles(project.workingDir())).bundlePaths();
    String text = BuildspecGenerator.generate(project, opts, bundle, new Diagnostics());
    TestProjects.copy(from, src);
    Files.writeString(src.resolve(BuildspecGenerator.FILE_NAME), text);
    return text;
  }

  /** Runs the buildspec in {@code src} under {@code shell}; returns the recorded calls. */
  private List<String> run(String text, String shell) throws Exception {
    return run(BuildspecGeneratorTest.root(text), shell);
  }

  private List<String> run(MapNode buildspec, String shell) throws Exception {
    Path script = tmp.resolve("codebuild.sh");
    Files.writeString(script, CodeBuildEmulator.script(buildspec));
    Files.deleteIfExists(log);
    Files.createFile(log);
    ProcessBuilder pb = new ProcessBuilder(shell, script.toString()).directory(src.toFile())
        .redirectErrorStream(true).redirectOutput(tmp.resolve("output.txt").toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    // a guard against a hung stub, not a timing assertion
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("the build finishes").isTrue();
    return Files.readAllLines(log, StandardCharsets.UTF_8);
  }

  private String output() throws IOException {
    return Files.readString(tmp.resolve("output.txt"));
  }

  private static List<String> preBuild(List<String> created, List<String> existing) {
    List<String> out = new ArrayList<>(List.of(
        "phase [pre_build]",
        "aws [sts] [get-caller-identity] [--query] [Account] [--output] [text]",
        "aws [ecr] [get-login-password] [--region] [eu-west-1]",
        "docker [login] [--username] [AWS] [--password-stdin] [" + REGISTRY + "]",
        "docker-stdin [stub-ecr-password]"));
    for (String r : created) {
      out.add("aws [ecr] [describe-repositories] [--repository-names] [" + r + "]");
      if (!existing.contains(r)) {
        out.add("aws [ecr] [create-repository] [--repository-name] [" + r + "]");
      }
    }
    return out;
  }

  record Expected(List<String> repositories, List<String> contexts) {}

  private static Expected expected(String sample) {
    return switch (sample) {
      case "multi-docker" -> new Expected(
          List.of("multi-docker-nginx", "multi-docker-client", "multi-docker-api",
              "multi-docker-worker"),
          List.of("nginx", "client", "server", "worker"));
      case "nginx-react-node-mongo" -> new Expected(
          List.of("nginx-react-node-mongo-nginx", "nginx-react-node-mongo-frontend",
              "nginx-react-node-mongo-backend"),
          List.of("nginx", "frontend", "backend"));
      case "nest-postgres" -> new Expected(List.of("nest-postgres-nestapp"), List.of("."));
      default -> throw new IllegalArgumentException(sample);
    };
  }

  @ParameterizedTest(name = "{0} under {1}")
  @CsvSource({"multi-docker,bash", "nginx-react-node-mongo,bash", "nest-postgres,bash",
      "multi-docker,sh", "nginx-react-node-mongo,sh", "nest-postgres,sh"})
  void sampleBuildsPushesAndConvertsForExactlyThoseImages(String sample, String shell)
      throws Exception {
    String text = prepareSample(sample, BuildspecOptions.defaults()
        .withComposeFiles(List.of("docker-compose.yml")));
    Files.writeString(src.resolve("compose2eb.jar"), "committed jar");
    Expected e = expected(sample);
    String existing = e.repositories().get(0);
    env.put("STUB_EXISTING_REPOS", existing);
    env.put("STUB_JAVA_REAL", "1");

    List<String> calls = run(text, shell);

    List<String> want = new ArrayList<>(List.of("phase [install]"));
    want.addAll(preBuild(e.repositories(), List.of(existing)));
    want.add("phase [build]");
    for (int i = 0; i < e.repositories().size(); i++) {
      want.add("docker [build] [-t] [" + REGISTRY + "/" + e.repositories().get(i) + ":" + TAG
          + "] [" + e.contexts().get(i) + "]");
    }
    want.add("phase [post_build]");
    for (String r : e.repositories()) {
      want.add("docker [push] [" + REGISTRY + "/" + r + ":" + TAG + "]");
    }
    want.add("java [-jar] [compose2eb.jar] [convert] [-f] [docker-compose.yml] [-p] [" + sample
        + "] [--registry] [" + REGISTRY + "] [--tag] [" + TAG + "] [-o] [.]");
    want.add("java [-jar] [compose2eb.jar] [validate] [Dockerrun.aws.json]");
    want.add("end [ok]");
    assertThat(calls).as(output()).containsExactlyElementsOf(want);

    // the Dockerrun written in CodeBuild names exactly the images that were pushed
    TreeSet<String> named = new TreeSet<>();
    Matcher m = Pattern.compile("\"image\": \"(" + Pattern.quote(REGISTRY) + "[^\"]*)\"")
        .matcher(Files.readString(src.resolve("Dockerrun.aws.json")));
    while (m.find()) {
      named.add(m.group(1));
    }
    TreeSet<String> pushed = new TreeSet<>();
    e.repositories().forEach(r -> pushed.add(REGISTRY + "/" + r + ":" + TAG));
    assertThat(named).isEqualTo(pushed);
    assertThat(output()).contains("Dockerrun.aws.json: valid");
    // convert in CodeBuild regenerates the buildspec it runs from, byte for byte
    assertThat(Files.readString(src.resolve(BuildspecGenerator.FILE_NAME))).isEqualTo(text);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"multi-docker", "nginx-react-node-mongo", "nest-postgres"})
  void failingDockerBuildStopsTheBuildBeforeAnyPush(String sample) throws Exception {
    String text = prepareSample(sample, BuildspecOptions.defaults());
    Files.writeString(src.resolve("compose2eb.jar"), "committed jar");
    Expected e = expected(sample);
    String failing = e.repositories().get(e.repositories().size() - 1);
    env.put("STUB_FAIL_IMAGE", failing);

    List<String> calls = run(text, "bash");

    List<String> builds = calls.stream().filter(c -> c.startsWith("docker [build]")).toList();
    assertThat(builds).hasSize(e.repositories().size());
    assertThat(builds.get(builds.size() - 1)).contains("/" + failing + ":" + TAG + "]");
    assertThat(calls).noneMatch(c -> c.startsWith("docker [push]"))
        .noneMatch(c -> c.startsWith("java"))
        .doesNotContain("phase [post_build]")
        .endsWith("phase failed [build]", "end [failed in build]");
    assertThat(src.resolve("Dockerrun.aws.json")).doesNotExist();
  }

  /** Without on-failure: ABORT, CodeBuild goes on to post_build after a failed build phase. */
  @Test
  void abortIsWhatKeepsPostBuildFromRunning() throws Exception {
    String text = prepareSample("multi-docker", BuildspecOptions.defaults());
    Files.writeString(src.resolve("compose2eb.jar"), "committed jar");
    env.put("STUB_FAIL_IMAGE", "multi-docker-client");
    String withoutAbort = text.replace("  build:\n    on-failure: ABORT\n", "  build:\n");
    assertThat(withoutAbort).isNotEqualTo(text);

    List<String> calls = run(withoutAbort, "bash");

    assertThat(calls).contains("phase failed [build]", "phase [post_build]")
        .anyMatch(c -> c.startsWith("docker [push]"));
  }

  @Test
  void missingJarStopsTheBuildBeforeAnythingElse() throws Exception {
    String text = prepareSample("nest-postgres", BuildspecOptions.defaults());

    List<String> calls = run(text, "bash");

    assertThat(calls).containsExactly("phase [install]", "phase failed [install]",
        "end [failed in install]");
    assertThat(output()).contains("compose2eb: compose2eb.jar not found; commit it or set"
        + " COMPOSE2EB_JAR_URL");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "https://example.com/compose2eb.jar, curl [-fsSL] [--retry] [3] [-o] [tools/c2eb.jar]"
          + " [https://example.com/compose2eb.jar], jar from https",
      "s3://my-bucket/compose2eb.jar, aws [s3] [cp] [s3://my-bucket/compose2eb.jar]"
          + " [tools/c2eb.jar], jar from s3"})
  void jarIsFetchedFromItsUrlAndCheckedAgainstItsChecksum(String url, String call, String body)
      throws Exception {
    String text = prepareSample("nest-postgres", BuildspecOptions.defaults());
    Files.createDirectories(src.resolve("tools"));
    env.put("COMPOSE2EB_JAR", "tools/c2eb.jar");
    env.put("COMPOSE2EB_JAR_URL", url);
    env.put("COMPOSE2EB_JAR_SHA256", sha256(body));

    List<String> calls = run(text, "bash");

    assertThat(calls.subList(0, 2)).containsExactly("phase [install]", call);
    assertThat(calls).contains("java [-jar] [tools/c2eb.jar] [validate] [Dockerrun.aws.json]")
        .endsWith("end [ok]");
    assertThat(output()).contains("tools/c2eb.jar: OK");

    // a jar that is not the expected one stops the build in install
    Files.delete(src.resolve("tools/c2eb.jar"));
    env.put("COMPOSE2EB_JAR_SHA256", sha256("another jar"));
    assertThat(run(text, "bash")).containsExactly("phase [install]", call,
        "phase failed [install]", "end [failed in install]");
  }

  @Test
  void tagFallsBackToTheBuildNumberAndAPresetTagWins() throws Exception {
    String text = prepareSample("nest-postgres", BuildspecOptions.defaults());
    Files.writeString(src.resolve("compose2eb.jar"), "committed jar");
    env.remove("CODEBUILD_RESOLVED_SOURCE_VERSION");
    assertThat(run(text, "bash"))
        .contains("docker [push] [" + REGISTRY + "/nest-postgres-nestapp:42]");

    env.put("IMAGE_TAG", "release-7");
    assertThat(run(text, "bash"))
        .contains("docker [push] [" + REGISTRY + "/nest-postgres-nestapp:release-7]");

    env.remove("IMAGE_TAG");
    env.remove("CODEBUILD_BUILD_NUMBER");
    List<String> calls = run(text, "bash");
    assertThat(calls).endsWith("phase failed [pre_build]", "end [failed in pre_build]")
        .noneMatch(c -> c.startsWith("docker"));
    assertThat(output()).contains("compose2eb: no image tag: set IMAGE_TAG");
  }

  @Test
  void awkwardBuildOptionsReachDockerExactlyAsWritten() throws Exception {
    TestProjects.write(src, Map.of("compose.yaml", """
        name: opts
        services:
          app:
            build:
              context: ./app dir
              dockerfile: docker/Dockerfile.prod
              target: runtime
              platforms: [linux/arm64]
              args:
                GREETING: it's "quoted" $$HOME `date` $$(id) \\ done
                NPM_TOKEN: s3cr3t
              cache_from: [app:previous]
            mem_limit: 64m
          inline:
            build:
              context: .
              dockerfile_inline: |
                FROM alpine
                RUN echo '100%' "$$PATH"
            mem_limit: 64m
        """, "app dir/", ""));
    String text = BuildspecGenerator.generate(TestProjects.load(src), BuildspecOptions.defaults(),
        List.of(), new Diagnostics());
    Files.writeString(src.resolve("compose2eb.jar"), "committed jar");
    env.put("NPM_TOKEN", "from-secrets-manager");

    List<String> calls = run(text, "bash");

    assertThat(calls).contains(
        "docker [build] [-t] [" + REGISTRY + "/opts-app:" + TAG + "] [-f]"
            + " [app dir/docker/Dockerfile.prod] [--target] [runtime] [--platform] [linux/arm64]"
            + " [--build-arg] [GREETING=it's \"quoted\" $HOME `date` $(id) \\ done]"
            + " [--build-arg] [NPM_TOKEN] [--cache-from] [app:previous] [app dir]",
        "docker [build] [-t] [" + REGISTRY + "/opts-inline:" + TAG + "] [-f] [-] [.]",
        "docker-stdin [FROM alpine|RUN echo '100%' \"$PATH\"]");
    assertThat(String.join("\n", calls)).doesNotContain("s3cr3t");
  }

  @Test
  void deployVariantDeploysWithTheApplicationAndEnvironmentOfTheProject() throws Exception {
    String text = prepareSample("nest-postgres", BuildspecOptions.defaults().withDeploy(true)
        .withComposeFiles(List.of("docker-compose.yml")));
    Files.writeString(src.resolve("compose2eb.jar"), "committed jar");

    assertThat(run(text, "bash")).containsExactly("phase [install]", "phase failed [install]",
        "end [failed in install]");
    assertThat(output()).contains("set EB_APPLICATION and EB_ENVIRONMENT");

    env.put("EB_APPLICATION", "nest app");
    env.put("EB_ENVIRONMENT", "nest-prod");
    List<String> calls = run(text, "bash");
    assertThat(calls).endsWith(
        "docker [push] [" + REGISTRY + "/nest-postgres-nestapp:" + TAG + "]",
        "java [-jar] [compose2eb.jar] [deploy] [-f] [docker-compose.yml] [-p] [nest-postgres]"
            + " [--registry] [" + REGISTRY + "] [--tag] [" + TAG + "] [--application] [nest app]"
            + " [--environment] [nest-prod]",
        "end [ok]");
  }

  private static String sha256(String text) throws Exception {
    byte[] d = java.security.MessageDigest.getInstance("SHA-256")
        .digest(text.getBytes(StandardCharsets.UTF_8));
    return java.util.HexFormat.of().formatHex(d);
  }
}
