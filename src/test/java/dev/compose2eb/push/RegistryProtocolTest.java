package dev.compose2eb.push;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive push against a small registry of our own (HTTPS on 127.0.0.1) that behaves like
 * Docker Hub and GCR where docker-registry does not: a Bearer token challenge, upload Locations that
 * are relative, and (on demand) a wrong manifest digest.
 */
class RegistryProtocolTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "tok-7f3a";
  private static final Retries FAST = new Retries(3, java.time.Duration.ofMillis(10));

  @TempDir
  static Path shared;
  static DockerSaveArchive.Written image;

  @TempDir
  Path temp;
  private FakeRegistry registry;

  @BeforeAll
  static void buildImage() throws IOException {
    image = DockerSaveArchive.write(shared.resolve("small.tar"), "small:1",
        new long[] {40_000, 20_000}, 3);
  }

  @BeforeEach
  void start() throws IOException {
    registry = new FakeRegistry("robot", "hunter2-pw");
  }

  @AfterEach
  void stop() {
    registry.close();
  }

  private PushResult push(String password) {
    return new ImagePusher(temp.resolve("cache")).push(ImageSource.archive(image.archive()),
        registry.host() + "/team/app:1", new RegistryCredentials(registry.host(), "robot", password),
        p -> {});
  }

  @Test
  void pushesWithABearerTokenAndFollowsRelativeUploadLocations() throws Exception {
    PushResult result = push("hunter2-pw");

    byte[] manifest = registry.manifests.get("team/app:1");
    assertThat(manifest).isNotNull();
    assertThat(result.digest()).isEqualTo(Digests.of(manifest));
    JsonNode m = JSON.readTree(manifest);
    assertThat(m.get("schemaVersion").asInt()).isEqualTo(2);
    assertThat(m.get("mediaType").asText())
        .isEqualTo("application/vnd.docker.distribution.manifest.v2+json");
    assertThat(m.get("config").get("digest").asText()).isEqualTo(image.configDigest());
    List<JsonNode> descriptors = new ArrayList<>();
    descriptors.add(m.get("config"));
    m.get("layers").forEach(descriptors::add);
    assertThat(descriptors).hasSize(3).allSatisfy(d -> {
      byte[] blob = registry.blobs.get(d.get("digest").asText());
      assertThat(blob).as("blob %s", d.get("digest")).isNotNull();
      assertThat(Digests.of(blob)).isEqualTo(d.get("digest").asText());
      assertThat((long) blob.length).isEqualTo(d.get("size").asLong());
    });
    assertThat(result.blobsUploaded()).isEqualTo(3);

    // credentials went to the token service only, with the repository's scope
    assertThat(registry.tokenRequests).isNotEmpty().allSatisfy(q -> assertThat(q)
        .contains("service=fake-registry").contains("scope=repository%3Ateam%2Fapp%3Apull%2Cpush"));
    assertThat(registry.requests).noneMatch(r -> r.contains("Basic"));
    // the PATCH went to the path-only Location of the POST, the PUT to the relative one of the PATCH
    assertThat(registry.requests).filteredOn(r -> r.startsWith("PATCH"))
        .hasSize(3).allMatch(r -> r.matches("PATCH /v2/team/app/blobs/uploads/u\\d+\\?_state=opened Bearer"));
    assertThat(registry.requests).filteredOn(r -> r.startsWith("PUT /v2/team/app/blobs"))
        .hasSize(3).allMatch(r -> r.matches(
            "PUT /v2/team/app/blobs/uploads/u\\d+\\?_state=patched&digest=sha256%3A[0-9a-f]{64} Bearer"));
  }

  @Test
  void aManifestDigestThatIsNotTheSha256OfWhatWasSentIsAFailure() {
    registry.wrongManifestDigest = true;
    assertThatThrownBy(() -> push("hunter2-pw"))
        .isInstanceOf(PushFailure.class)
        .hasMessageContaining("but failed because: the registry " + registry.host()
            + " misbehaved: the registry reported the manifest digest sha256:" + "0".repeat(64)
            + " but the manifest sent has sha256:")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aPasswordTheTokenServiceRefusesIsAnAuthenticationFailure() {
    assertThatThrownBy(() -> push("wrong-pw"))
        .isInstanceOf(PushFailure.class)
        .hasMessageStartingWith("Tried to push the image archive " + image.archive() + " to "
            + registry.host() + "/team/app:1 but failed because: authentication failed (401")
        .hasMessageNotContaining("wrong-pw");
    assertThat(registry.requests).noneMatch(r -> r.startsWith("POST") || r.startsWith("PUT"));
  }

  private PushResult pushRetrying(java.util.function.Consumer<PushProgress> progress) {
    return new ImagePusher(temp.resolve("cache")).withRetries(FAST).push(
        ImageSource.archive(image.archive()), registry.host() + "/team/app:1",
        new RegistryCredentials(registry.host(), "robot", "hunter2-pw"), progress);
  }

  @Test
  void aFailedBlobUploadStartsAgainInANewSession() throws Exception {
    registry.patchFaults.add(503);
    registry.patchFaults.add(FakeRegistry.DROP);
    List<PushProgress> events = java.util.Collections.synchronizedList(new ArrayList<>());

    PushResult result = pushRetrying(events::add);

    assertThat(result.digest()).isEqualTo(Digests.of(registry.manifests.get("team/app:1")));
    assertThat(result.blobsUploaded()).isEqualTo(3);
    assertThat(registry.blobs).hasSize(3);
    assertThat(registry.requests).filteredOn(r -> r.startsWith("PATCH")).hasSize(5);
    assertThat(registry.requests).filteredOn(r -> r.startsWith("POST")).hasSize(5);
    // the bar never counts a byte twice: the failed attempts' bytes are taken back
    List<PushProgress> uploading = events.stream()
        .filter(e -> e.stage() == PushProgress.Stage.UPLOADING).toList();
    assertThat(uploading).allSatisfy(e -> assertThat(e.bytesDone()).isLessThanOrEqualTo(e.bytesTotal()));
    PushProgress last = uploading.get(uploading.size() - 1);
    assertThat(last.bytesDone()).isEqualTo(last.bytesTotal()).isEqualTo(result.bytesUploaded());
  }

  @Test
  void aRegistryThatKeepsFailingIsAClearFailureNamingTheAttempts() {
    registry.alwaysFailPatches = 503;
    assertThatThrownBy(() -> pushRetrying(p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessageContaining("but failed because: the registry refused it (503 UNAVAILABLE: try later,"
            + " 3 attempts)");
    assertThat(registry.manifests).isEmpty();
  }

  @Test
  void aRefusalIsNotAskedAgain() {
    registry.alwaysFailPatches = 400;
    assertThatThrownBy(() -> pushRetrying(p -> {}))
        .isInstanceOf(PushFailure.class)
        .hasMessageContaining("the registry refused it (400 UNAVAILABLE: try later)");
    // each blob's upload was tried once at most (uploads run 3 at a time)
    List<String> patches = registry.requests.stream().filter(r -> r.startsWith("PATCH")).toList();
    assertThat(patches).doesNotHaveDuplicates();
  }

  /** Just enough of a registry, with a token service beside it; records every request. */
  private static final class FakeRegistry implements AutoCloseable {
    final Map<String, byte[]> blobs = new ConcurrentHashMap<>();
    final Map<String, byte[]> manifests = new ConcurrentHashMap<>();
    final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    final List<String> requests = java.util.Collections.synchronizedList(new ArrayList<>());
    final List<String> tokenRequests = java.util.Collections.synchronizedList(new ArrayList<>());
    volatile boolean wrongManifestDigest;
    /** What the next PATCHes get instead of success: a status, or {@link #DROP} the connection. */
    final java.util.Queue<Integer> patchFaults = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /** Every PATCH answered with this status when not 0. */
    volatile int alwaysFailPatches;
    static final int DROP = -1;
    private final AtomicInteger ids = new AtomicInteger();
    private final String basic;
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);

    FakeRegistry(String user, String password) throws IOException {
      basic = "Basic " + Base64.getEncoder().encodeToString((user + ":" + password)
          .getBytes(StandardCharsets.UTF_8));
      HttpsServer https = HttpsServer.create(
          new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
      https.setHttpsConfigurator(new HttpsConfigurator(selfSigned()));
      server = https;
      server.createContext("/token", this::token);
      server.createContext("/v2/", this::registry);
      server.setExecutor(executor);
      server.start();
    }

    private static SSLContext selfSigned() throws IOException {
      Path dir = Files.createTempDirectory("fake-registry");
      try {
        LocalRegistry.writeCertificate(dir);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(dir.resolve("cert.p12"))) {
          ks.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, "changeit".toCharArray());
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), null, null);
        return ctx;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      } catch (java.security.GeneralSecurityException e) {
        throw new IOException("cannot set up the test certificate", e);
      } finally {
        try (var files = Files.walk(dir)) {
          files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
      }
    }

    String host() {
      return "127.0.0.1:" + server.getAddress().getPort();
    }

    private void token(HttpExchange x) throws IOException {
      tokenRequests.add(x.getRequestURI().getRawQuery());
      if (!basic.equals(x.getRequestHeaders().getFirst("Authorization"))) {
        send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"bad credentials\"}]}");
        return;
      }
      send(x, 200, "{\"token\":\"" + TOKEN + "\",\"expires_in\":300}");
    }

    private void registry(HttpExchange x) throws IOException {
      String auth = x.getRequestHeaders().getFirst("Authorization");
      String method = x.getRequestMethod();
      String path = x.getRequestURI().getRawPath();
      String query = x.getRequestURI().getRawQuery();
      requests.add(method + " " + path + (query == null ? "" : "?" + query) + " "
          + (auth == null ? "-" : auth.split(" ")[0]));
      byte[] body = x.getRequestBody().readAllBytes();
      if (!("Bearer " + TOKEN).equals(auth)) {
        x.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"https://" + host()
            + "/token\",service=\"fake-registry\",scope=\"repository:team/app:pull,push\"");
        send(x, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"token required\"}]}");
        return;
      }
      String prefix = "/v2/team/app/";
      if (path.equals("/v2/")) {
        send(x, 200, "{}");
      } else if (method.equals("HEAD") && path.startsWith(prefix + "blobs/sha256:")) {
        x.sendResponseHeaders(blobs.containsKey(path.substring((prefix + "blobs/").length()))
            ? 200 : 404, -1);
        x.close();
      } else if (method.equals("POST") && path.equals(prefix + "blobs/uploads/")) {
        String id = "u" + ids.incrementAndGet();
        uploads.put(id, new byte[0]);
        x.getResponseHeaders().add("Location", prefix + "blobs/uploads/" + id + "?_state=opened");
        send(x, 202, "");
      } else if (method.equals("PATCH") && "_state=opened".equals(query)) {
        Integer fault = alwaysFailPatches != 0 ? Integer.valueOf(alwaysFailPatches) : patchFaults.poll();
        if (fault != null && fault == DROP) {
          throw new IOException("dropped on purpose"); // the server closes the connection unanswered
        }
        if (fault != null) {
          send(x, fault, "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"try later\"}]}");
          return;
        }
        String id = path.substring(path.lastIndexOf('/') + 1);
        uploads.put(id, body);
        x.getResponseHeaders().add("Location", id + "?_state=patched"); // relative to this path
        send(x, 202, "");
      } else if (method.equals("PUT") && path.startsWith(prefix + "blobs/uploads/")
          && query != null && query.startsWith("_state=patched&digest=")) {
        String id = path.substring(path.lastIndexOf('/') + 1);
        String digest = java.net.URLDecoder.decode(query.substring(query.indexOf("digest=") + 7),
            StandardCharsets.UTF_8);
        byte[] data = uploads.remove(id);
        if (data == null || !Digests.of(data).equals(digest)) {
          send(x, 400, "{\"errors\":[{\"code\":\"DIGEST_INVALID\",\"message\":\"bad digest\"}]}");
          return;
        }
        blobs.put(digest, data);
        x.getResponseHeaders().add("Docker-Content-Digest", digest);
        send(x, 201, "");
      } else if (method.equals("PUT") && path.startsWith(prefix + "manifests/")) {
        manifests.put("team/app:" + path.substring((prefix + "manifests/").length()), body);
        x.getResponseHeaders().add("Docker-Content-Digest", wrongManifestDigest
            ? "sha256:" + "0".repeat(64) : Digests.of(body));
        send(x, 201, "");
      } else {
        send(x, 404, "{\"errors\":[{\"code\":\"UNSUPPORTED\",\"message\":\"" + method + " " + path
            + "\"}]}");
      }
    }

    private static void send(HttpExchange x, int status, String body) throws IOException {
      byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
      x.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        x.getResponseBody().write(bytes);
      }
      x.close();
    }

    @Override
    public void close() {
      server.stop(0);
      executor.shutdownNow();
    }
  }
}
