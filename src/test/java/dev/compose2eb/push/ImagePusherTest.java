package dev.compose2eb.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.compose2eb.push.PushProgress.Stage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Pushes against a real registry (docker-registry with htpasswd auth and TLS) on 127.0.0.1. */
class ImagePusherTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long[] LAYERS = {300_000, 200_000, 100_000};

  @RegisterExtension
  static LocalRegistry registry = LocalRegistry.withAuth("pusher", "s3cret-Pa55");

  @TempDir
  static Path shared;
  static DockerSaveArchive.Written image;

  @TempDir
  Path temp;

  @BeforeAll
  static void buildImage() throws IOException {
    image = DockerSaveArchive.write(shared.resolve("app.tar"), "app:1", LAYERS, 7);
  }

  private RegistryCredentials credentials() {
    return new RegistryCredentials(registry.host(), registry.user(), registry.password());
  }

  private PushResult push(Path cache, ImageSource source, String target, List<PushProgress> events) {
    return new ImagePusher(cache).push(source, target, credentials(), events::add);
  }

  @Test
  void pushesADockerSaveArchiveAndReturnsTheManifestDigest() throws Exception {
    List<PushProgress> events = Collections.synchronizedList(new ArrayList<>());
    String target = registry.host() + "/first/app:1";

    PushResult result = push(temp.resolve("cache"), ImageSource.archive(image.archive()), target, events);

    LocalRegistry.Manifest manifest = registry.manifest("first/app", "1");
    assertThat(manifest.status()).isEqualTo(200);
    assertThat(result.digest()).startsWith("sha256:").isEqualTo(manifest.digest());
    assertThat(result.pinned()).isEqualTo(registry.host() + "/first/app@" + result.digest());
    JsonNode layers = JSON.readTree(manifest.body()).get("layers");
    assertThat(layers).hasSize(3);
    // the configuration goes up byte for byte: its digest is the archive's image id
    assertThat(JSON.readTree(manifest.body()).get("config").get("digest").asText())
        .isEqualTo(image.configDigest());
    assertThat(layers.get(0).get("mediaType").asText())
        .isEqualTo("application/vnd.docker.image.rootfs.diff.tar.gzip");
    // the image is the same image: uncompressed layer digests and configuration are kept
    JsonNode config = JSON.readTree(registry.blob("first/app",
        JSON.readTree(manifest.body()).get("config").get("digest").asText()));
    List<String> diffIds = new ArrayList<>();
    config.get("rootfs").get("diff_ids").forEach(d -> diffIds.add(d.asText()));
    assertThat(diffIds).isEqualTo(image.diffIds());
    assertThat(config.get("config").get("Env").toString()).contains("MODE=test");
    assertThat(config.get("config").get("Cmd").toString()).contains("/layer0/data.bin");
    assertThat(config.get("config").get("ExposedPorts").has("8080/tcp")).isTrue();

    assertThat(result.blobsUploaded()).isEqualTo(4); // three layers and the configuration
    assertThat(result.blobsSkipped()).isZero();
    // random bytes do not compress: gzip output is a little larger than the input
    assertThat(result.bytesUploaded()).isGreaterThan(LAYERS[0] + LAYERS[1] + LAYERS[2]);
    PushProgress last = lastOf(events, Stage.UPLOADING);
    assertThat(last.bytesDone()).isEqualTo(last.bytesTotal()).isEqualTo(result.bytesUploaded());
    PushProgress prepared = lastOf(events, Stage.PREPARING);
    assertThat(prepared.bytesDone()).isEqualTo(prepared.bytesTotal()).isGreaterThan(600_000);
    assertThat(events).allSatisfy(e -> assertThat(e.image()).isEqualTo(target));
  }

  @Test
  void aSecondPushOfTheSameImageUploadsNoBlob() throws Exception {
    Path cache = temp.resolve("cache");
    String target = registry.host() + "/again/app:1";
    PushResult first = push(cache, ImageSource.archive(image.archive()), target, new ArrayList<>());
    int mark = registry.requests().size();
    Map<Path, FileTime> cached = modificationTimes(cache);
    assertThat(cached.keySet()).filteredOn(p -> p.toString().endsWith(".gz")).hasSize(3);

    List<PushProgress> events = Collections.synchronizedList(new ArrayList<>());
    PushResult second = push(cache, ImageSource.archive(image.archive()), target, events);

    assertThat(second.digest()).isEqualTo(first.digest());
    assertThat(second.bytesUploaded()).isZero();
    assertThat(second.blobsUploaded()).isZero();
    assertThat(second.blobsSkipped()).isEqualTo(4);
    assertThat(registry.blobUploadsSince(mark)).as("blob upload requests seen by the registry")
        .isZero();
    assertThat(registry.requestsSince(mark)).anyMatch(r -> r.method().equals("PUT")
        && r.path().contains("/manifests/"));
    PushProgress last = lastOf(events, Stage.UPLOADING);
    assertThat(last.bytesDone()).isEqualTo(last.bytesTotal()); // skipped blobs count as done
    // nothing was compressed again: the blobs are as the first push left them (the .digest files
    // are touched: they carry the time of last use that pruning goes by)
    Map<Path, FileTime> now = modificationTimes(cache);
    assertThat(now.keySet()).isEqualTo(cached.keySet());
    assertThat(blobsOnly(now)).hasSize(3).isEqualTo(blobsOnly(cached));

    // a cold cache compresses again, to the same bytes: still nothing to upload
    int mark2 = registry.requests().size();
    PushResult cold = push(temp.resolve("cold"), ImageSource.archive(image.archive()),
        registry.host() + "/again/app:2", new ArrayList<>());
    assertThat(cold.digest()).isEqualTo(first.digest());
    assertThat(cold.bytesUploaded()).isZero();
    assertThat(registry.blobUploadsSince(mark2)).isZero();
  }

  @Test
  void aPushLeavesNoHttpSelectorThreadBehind() throws Exception {
    // a thread waiting in epoll would hold up the JVM's exit by 300 ms after every push
    long before = selectorThreads();
    push(temp.resolve("cache"), ImageSource.archive(image.archive()),
        registry.host() + "/threads/app:1", new ArrayList<>());
    assertThat(selectorThreads()).isLessThanOrEqualTo(before);
  }

  private static long selectorThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.isAlive() && t.getName().matches("HttpClient-\\d+-SelectorManager"))
        .count();
  }

  @Test
  void skopeoSeesThePushedImage() throws Exception {
    Path skopeo = LocalRegistry.which("skopeo").orElse(null);
    if (skopeo == null) {
      LocalRegistry.requireTool("skopeo", "skopeo");
    }
    PushResult result = push(temp.resolve("cache"), ImageSource.archive(image.archive()),
        registry.host() + "/inspected/app:7", new ArrayList<>());

    Process p = new ProcessBuilder(skopeo.toString(), "inspect", "--tls-verify=false", "--creds",
        registry.user() + ":" + registry.password(), "docker://" + registry.host() + "/inspected/app:7")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(out).isZero();
    JsonNode inspected = JSON.readTree(out);
    assertThat(inspected.get("Digest").asText()).isEqualTo(result.digest());
    assertThat(inspected.get("Layers")).hasSize(3);
    assertThat(inspected.get("Architecture").asText()).isEqualTo("amd64");
  }

  @Test
  void mirrorsAnImageFromAnotherRegistry() throws Exception {
    try (LocalRegistry source = LocalRegistry.withAuth("reader", "other-pass")) {
      source.start();
      RegistryCredentials sourceCreds =
          new RegistryCredentials(source.host(), source.user(), source.password());
      PushResult original = new ImagePusher(temp.resolve("c1")).push(
          ImageSource.archive(image.archive()), source.host() + "/library/app:1.0", sourceCreds,
          p -> {});

      List<PushProgress> events = Collections.synchronizedList(new ArrayList<>());
      PushResult mirrored = push(temp.resolve("c2"),
          ImageSource.registry(source.host() + "/library/app:1.0", sourceCreds),
          registry.host() + "/mirror/app:1.0", events);

      LocalRegistry.Manifest copy = registry.manifest("mirror/app", "1.0");
      LocalRegistry.Manifest from = source.manifest("library/app", "1.0");
      assertThat(copy.status()).isEqualTo(200);
      assertThat(mirrored.digest()).isEqualTo(copy.digest());
      assertThat(JSON.readTree(copy.body()).get("layers"))
          .isEqualTo(JSON.readTree(from.body()).get("layers"));
      // jib writes its own configuration when mirroring (another creation time), so the digests
      // differ from the archive push; the layers and diff ids are the same image
      assertThat(original.digest()).isEqualTo(from.digest());
      JsonNode mirroredConfig = JSON.readTree(registry.blob("mirror/app",
          JSON.readTree(copy.body()).get("config").get("digest").asText()));
      assertThat(mirroredConfig.get("rootfs").get("diff_ids").toString())
          .isEqualTo(JSON.writeValueAsString(image.diffIds()));
      assertThat(mirrored.blobsUploaded()).isEqualTo(4);
      assertThat(lastOf(events, Stage.PREPARING).bytesDone()).isPositive(); // layers were pulled
    }
  }

  @Test
  void aWrongPasswordIsAClearAuthenticationFailure() {
    RegistryCredentials wrong = new RegistryCredentials(registry.host(), registry.user(), "nope-123");
    String target = registry.host() + "/denied/app:1";

    assertThatThrownBy(() -> new ImagePusher(temp).push(ImageSource.archive(image.archive()), target,
        wrong, p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessageStartingWith("Tried to push the image archive " + image.archive() + " to " + target
            + " but failed because: authentication failed")
        .hasMessageNotContaining("nope-123")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aRegistryThatIsDownIsAClearFailure() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort(); // closed again: nothing listens there
    }
    String target = "127.0.0.1:" + port + "/app:1";
    RegistryCredentials creds = new RegistryCredentials("127.0.0.1:" + port, "u", "p");
    // big enough that compression is still running when the login fails
    Path archive = DockerSaveArchive.write(temp.resolve("big.tar"), "big:1",
        new long[] {16_000_000, 8_000_000}, 3).archive();
    Path cache = temp.resolve("cache");

    assertThatThrownBy(() -> new ImagePusher(cache).push(ImageSource.archive(archive), target,
        creds, p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessage("Tried to push the image archive " + archive + " to " + target
            + " but failed because: the registry could not be reached (connection refused);"
            + " check that the registry is up and the address is right");
    // no half-compressed layer left behind (ArchivePushStopTest: nothing writes after return)
    try (Stream<Path> files = Files.walk(cache)) {
      assertThat(files.filter(f -> f.toString().endsWith(".tmp"))).isEmpty();
    }
  }

  @Test
  void aMissingArchiveIsAClearFailure() {
    Path missing = temp.resolve("nothing-here.tar");
    assertThatThrownBy(() -> new ImagePusher(temp).push(ImageSource.archive(missing),
        registry.host() + "/app:1", credentials(), p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessage("Tried to push the image archive " + missing + " to " + registry.host()
            + "/app:1 but failed because: " + missing + " does not exist or is not a file;"
            + " create it with `docker save -o " + missing + " IMAGE` or fix the path");
  }

  @Test
  void aFileThatIsNotADockerSaveArchiveIsAClearFailure() throws IOException {
    Path text = Files.writeString(temp.resolve("notes.tar"), "hello, not a tar\n".repeat(100));
    assertThatThrownBy(() -> new ImagePusher(temp).push(ImageSource.archive(text),
        registry.host() + "/app:1", credentials(), p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessageContaining("but failed because: " + text + " is not a readable tar archive");

    Path layerOnly = temp.resolve("layer.tar"); // a tar, but no manifest.json
    DockerSaveArchive.writeTar(layerOnly, Map.of("etc/hostname", "box\n"));
    assertThatThrownBy(() -> new ImagePusher(temp).push(ImageSource.archive(layerOnly),
        registry.host() + "/app:1", credentials(), p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessageContaining("but failed because: " + layerOnly
            + " has no manifest.json, so it is not a `docker save` archive");
  }

  @Test
  void withoutADockerCommandTheDaemonSourceFailsClearly() {
    Path noDocker = temp.resolve("no-such-docker");
    ImagePusher pusher = new ImagePusher(temp).withDocker(Optional.of(noDocker), Map.of());
    assertThatThrownBy(() -> pusher.push(ImageSource.daemon("app:1"), registry.host() + "/app:1",
        credentials(), p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessage("Tried to push the local Docker image app:1 to " + registry.host() + "/app:1"
            + " but failed because: the docker command was not found; start Docker, or save the"
            + " image with `docker save -o image.tar app:1` and push the archive instead");
  }

  @Test
  void withoutARunningEngineTheDaemonSourceFailsClearly() throws IOException {
    // what the docker CLI says when no engine answers on its socket
    Path docker = Files.writeString(temp.resolve("docker"), """
        #!/bin/sh
        echo "Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?" >&2
        exit 1
        """);
    Files.setPosixFilePermissions(docker, PosixFilePermissions.fromString("rwxr-xr-x"));
    ImagePusher pusher = new ImagePusher(temp).withDocker(Optional.of(docker), Map.of());
    assertThatThrownBy(() -> pusher.push(ImageSource.daemon("app:1"), registry.host() + "/app:1",
        credentials(), p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessageContaining("but failed because: the Docker engine is not running or not"
            + " reachable; start Docker, or save the image");
  }

  @Test
  void credentialsForAnotherRegistryAreRefusedBeforeAnyCall() {
    RegistryCredentials other = new RegistryCredentials("https://123.dkr.ecr.eu-west-1.amazonaws.com",
        "AWS", "pw");
    assertThatThrownBy(() -> new ImagePusher(temp).push(ImageSource.archive(image.archive()),
        registry.host() + "/app:1", other, p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessageContaining("the credentials are for 123.dkr.ecr.eu-west-1.amazonaws.com, not for "
            + registry.host());
  }

  @Test
  void insecureTransportIsOnlyForLoopbackRegistries() {
    assertThat(ImagePusher.loopback("127.0.0.1:5000")).isTrue();
    assertThat(ImagePusher.loopback("localhost:5000")).isTrue();
    assertThat(ImagePusher.loopback("[::1]:5000")).isTrue();
    assertThat(ImagePusher.loopback("127.0.0.1.nip.io:5000")).isFalse();
    assertThat(ImagePusher.loopback("123456789012.dkr.ecr.eu-west-1.amazonaws.com")).isFalse();
  }

  @Test
  void credentialsNeverShowTheirPassword() {
    assertThat(new RegistryCredentials("r.example", "AWS", "hunter2").toString())
        .doesNotContain("hunter2").contains("****");
  }

  @Test
  void gzippedLayersAreUploadedAsTheyAre() throws Exception {
    DockerSaveArchive.Written gz = DockerSaveArchive.write(temp.resolve("gz.tar"), "gz:1",
        new long[] {150_000, 80_000}, 11, true);
    Path cache = temp.resolve("cache");

    PushResult result = push(cache, ImageSource.archive(gz.archive()),
        registry.host() + "/gzipped/app:1", new ArrayList<>());

    JsonNode manifest = JSON.readTree(registry.manifest("gzipped/app", "1").body());
    List<String> digests = new ArrayList<>();
    manifest.get("layers").forEach(l -> digests.add(l.get("digest").asText()));
    assertThat(digests).isEqualTo(gz.storedLayerDigests());
    assertThat(manifest.get("config").get("digest").asText()).isEqualTo(gz.configDigest());
    assertThat(result.blobsUploaded()).isEqualTo(3);
    assertThat(modificationTimes(cache)).as("nothing compressed, nothing cached")
        .isEmpty();
  }

  @Test
  void anArchiveWhoseLayerDoesNotMatchItsDiffIdIsAClearFailure() throws Exception {
    DockerSaveArchive.Written bad = DockerSaveArchive.write(temp.resolve("bad.tar"), "bad:1",
        new long[] {50_000, 40_000}, 5, false, 1);
    String target = registry.host() + "/inconsistent/app:1";

    assertThatThrownBy(() -> push(temp.resolve("cache"), ImageSource.archive(bad.archive()), target,
        new ArrayList<>()))
        .isInstanceOf(PushFailure.class)
        .hasMessageStartingWith("Tried to push the image archive " + bad.archive() + " to " + target
            + " but failed because: " + bad.archive() + " is inconsistent: the layer "
            + bad.diffIds().get(1).substring(7) + "/layer.tar has sha256 " + bad.diffIds().get(1)
            + " but the image configuration lists sha256:")
        .hasMessageEndingWith("; create it again with `docker save -o " + bad.archive() + " IMAGE`");
    assertThat(registry.manifest("inconsistent/app", "1").status()).isEqualTo(404);
  }

  @Test
  void anArchiveWithMoreDiffIdsThanLayersIsAClearFailure() throws IOException {
    Path odd = temp.resolve("odd.tar");
    DockerSaveArchive.writeTar(odd, Map.of(
        "manifest.json", "[{\"Config\":\"c.json\",\"Layers\":[\"l/layer.tar\"]}]",
        "c.json", "{\"rootfs\":{\"type\":\"layers\",\"diff_ids\":[\"sha256:" + "a".repeat(64)
            + "\",\"sha256:" + "b".repeat(64) + "\"]}}",
        "l/layer.tar", "not really a layer"));
    assertThatThrownBy(() -> new ImagePusher(temp).push(ImageSource.archive(odd),
        registry.host() + "/odd/app:1", credentials(), p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessageContaining("but failed because: " + odd + " is inconsistent: manifest.json lists"
            + " 1 layers but the image configuration has 2 diff_ids; create it with `docker save");
  }

  private static Map<Path, FileTime> blobsOnly(Map<Path, FileTime> times) {
    Map<Path, FileTime> out = new java.util.TreeMap<>(times);
    out.keySet().removeIf(p -> !p.toString().endsWith(".gz"));
    return out;
  }

  private static Map<Path, FileTime> modificationTimes(Path dir) throws IOException {
    Map<Path, FileTime> out = new java.util.TreeMap<>();
    if (Files.isDirectory(dir)) {
      try (var files = Files.walk(dir)) {
        // records of layers read (verified/) are left out: they appear once an archive is 2 s old
        for (Path p : files.filter(Files::isRegularFile)
            .filter(p -> !p.getParent().getFileName().toString().equals("verified")).toList()) {
          out.put(p, Files.getLastModifiedTime(p));
        }
      }
    }
    return out;
  }

  private static PushProgress lastOf(List<PushProgress> events, Stage stage) {
    synchronized (events) {
      return events.stream().filter(e -> e.stage() == stage).reduce((a, b) -> b).orElseThrow(
          () -> new AssertionError("no " + stage + " progress in " + events));
    }
  }
}
