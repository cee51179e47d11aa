package dev.compose2eb.push;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real OCI registry (Debian's {@code docker-registry}, the CNCF distribution server) on 127.0.0.1
 * with an ephemeral port, filesystem storage in a temporary directory, htpasswd (bcrypt) basic auth
 * and TLS with a throwaway self-signed certificate, like ECR. TLS rather than plain HTTP because
 * jib only sends credentials over HTTPS (short of a JVM-wide system property).
 *
 * <p>Use as {@code @RegisterExtension static LocalRegistry registry = LocalRegistry.withAuth(...)}, or
 * {@link #start()} / {@link #close()} by hand. Without the binaries, tests are skipped with the reason,
 * except under CI=true where they fail: CI must install them (.ci/run does).
 */
public final class LocalRegistry implements BeforeAllCallback, AfterAllCallback, AutoCloseable {
  static final Path REGISTRY = Path.of("/usr/bin/docker-registry");
  private static final Pattern ACCESS =
      Pattern.compile("\"(GET|HEAD|POST|PUT|PATCH|DELETE) (\\S+) HTTP/[0-9.]+\" (\\d{3}) (\\d+|-)");

  /** One request from the registry's access log. */
  public record Request(String method, String path, int status) {
    boolean isBlobUpload() {
      return path.contains("/blobs/uploads/") && !method.equals("GET") && !method.equals("DELETE");
    }
  }

  private final Optional<String> user;
  private final Optional<String> password;
  private Path dir;
  private Process process;
  private int port;
  private SSLContext ssl;
  private HttpClient http;

  private LocalRegistry(Optional<String> user, Optional<String> password) {
    this.user = user;
    this.password = password;
  }

  public static LocalRegistry withAuth(String user, String password) {
    return new LocalRegistry(Optional.of(user), Optional.of(password));
  }

  public static LocalRegistry anonymous() {
    return new LocalRegistry(Optional.empty(), Optional.empty());
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    close();
  }

  /** Skips the calling test (fails it under CI=true) when the registry tools are not installed. */
  public static void requireTools() {
    List<String> missing = new ArrayList<>();
    if (!Files.isExecutable(REGISTRY)) {
      missing.add(REGISTRY + " (Debian package docker-registry)");
    }
    if (which("htpasswd").isEmpty()) {
      missing.add("htpasswd (Debian package apache2-utils)");
    }
    if (!missing.isEmpty()) {
      skipOrFail("a local registry needs " + String.join(" and ", missing));
    }
  }

  /** Skips (fails under CI=true) when {@code command} is not on the PATH. */
  public static void requireTool(String command, String debianPackage) {
    if (which(command).isEmpty()) {
      skipOrFail("this test needs " + command + " (Debian package " + debianPackage + ")");
    }
  }

  private static void skipOrFail(String reason) {
    if ("true".equalsIgnoreCase(System.getenv("CI"))) {
      fail(reason + ": .ci/run must install docker-registry, apache2-utils and skopeo");
    }
    assumeTrue(false, reason + "; install it to run this test");
  }

  static Optional<Path> which(String command) {
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String d : path.split(":")) {
      Path p = Path.of(d.isEmpty() ? "." : d, command);
      if (Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Starts the registry and waits until {@code /v2/} answers. */
  public synchronized void start() throws IOException, InterruptedException {
    requireTools();
    dir = Files.createTempDirectory("compose2eb-registry");
    writeCertificate(dir);
    ssl = trusting(dir.resolve("cert.p12"));
    http = HttpClient.newBuilder().sslContext(ssl).connectTimeout(Duration.ofSeconds(5)).build();
    if (user.isPresent()) {
      Process p = new ProcessBuilder("htpasswd", "-Bbn", user.get(), password.get())
          .redirectErrorStream(true).start();
      String line = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
      if (p.waitFor() != 0) {
        throw new IOException("htpasswd failed: " + line);
      }
      Files.writeString(dir.resolve("htpasswd"), line + "\n");
    }
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      port = freePort();
      Files.writeString(dir.resolve("config.yml"), config());
      process = new ProcessBuilder(REGISTRY.toString(), "serve", dir.resolve("config.yml").toString())
          .redirectErrorStream(true)
          .redirectOutput(dir.resolve("registry.log").toFile())
          .start();
      try {
        awaitReady();
        return;
      } catch (IOException e) { // most likely the port was taken between probing and binding
        last = e;
        process.destroyForcibly().waitFor();
      }
    }
    throw last;
  }

  private String config() {
    String auth = user.isEmpty() ? "" : """
        auth:
          htpasswd:
            realm: compose2eb-test
            path: %s
        """.formatted(dir.resolve("htpasswd"));
    return """
        version: 0.1
        log:
          level: info
        storage:
          filesystem:
            rootdirectory: %s
          delete:
            enabled: true
        http:
          addr: 127.0.0.1:%d
          secret: compose2eb-test-only
          tls:
            certificate: %s
            key: %s
        """.formatted(dir.resolve("storage"), port, dir.resolve("cert.pem"), dir.resolve("key.pem"))
        + auth;
  }

  private void awaitReady() throws IOException, InterruptedException {
    int expected = user.isPresent() ? 401 : 200;
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IOException("docker-registry exited: " + log());
      }
      try {
        HttpResponse<Void> r = http.send(HttpRequest.newBuilder(url("/v2/")).GET().build(),
            HttpResponse.BodyHandlers.discarding());
        if (r.statusCode() == expected) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(50);
    }
    throw new IOException("docker-registry did not answer on /v2/ within 20 s: " + log());
  }

  @Override
  public synchronized void close() {
    if (process != null) {
      process.destroy();
      try {
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
    if (dir != null) {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary directory left behind is harmless
      }
      dir = null;
    }
  }

  /** {@code 127.0.0.1:<port>}, the registry part of image references. */
  public String host() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  public String user() {
    return user.orElseThrow();
  }

  public String password() {
    return password.orElseThrow();
  }

  /** Trusts the registry's certificate, for test code that calls its HTTP API. */
  public SSLContext sslContext() {
    return ssl;
  }

  /** The whole log of the registry process so far. */
  public String log() throws IOException {
    Path log = dir.resolve("registry.log");
    return Files.exists(log) ? Files.readString(log) : "";
  }

  /** Every request in the access log so far, in order. */
  public List<Request> requests() throws IOException {
    List<Request> out = new ArrayList<>();
    for (String line : log().split("\n")) {
      Matcher m = ACCESS.matcher(line);
      if (m.find()) {
        out.add(new Request(m.group(1), m.group(2), Integer.parseInt(m.group(3))));
      }
    }
    return out;
  }

  /** Requests after the first {@code from} (take {@code from} from {@code requests().size()}). */
  public List<Request> requestsSince(int from) throws IOException {
    List<Request> all = requests();
    return all.subList(Math.min(from, all.size()), all.size());
  }

  /** Blob upload requests (POST/PATCH/PUT on /blobs/uploads/) after the first {@code from}. */
  public long blobUploadsSince(int from) throws IOException {
    return requestsSince(from).stream().filter(Request::isBlobUpload).count();
  }

  /**
   * The manifest the registry holds for {@code repository:reference}: status, the
   * Docker-Content-Digest header and the body. Status 404 when absent.
   */
  public Manifest manifest(String repository, String reference) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url("/v2/" + repository + "/manifests/" + reference))
        .header("Accept", String.join(", ", "application/vnd.docker.distribution.manifest.v2+json",
            "application/vnd.oci.image.manifest.v1+json"))
        .GET();
    user.ifPresent(u -> b.header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((u + ":" + password.get()).getBytes(StandardCharsets.UTF_8))));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    return new Manifest(r.statusCode(), r.headers().firstValue("Docker-Content-Digest").orElse(""),
        r.body());
  }

  /** The bytes of a blob, as text. */
  public String blob(String repository, String digest) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(url("/v2/" + repository + "/blobs/" + digest)).GET();
    user.ifPresent(u -> b.header("Authorization", "Basic " + Base64.getEncoder()
        .encodeToString((u + ":" + password.get()).getBytes(StandardCharsets.UTF_8))));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IOException("GET blob " + digest + ": HTTP " + r.statusCode());
    }
    return r.body();
  }

  /** A manifest as fetched: HTTP status, digest header, JSON body. */
  public record Manifest(int status, String digest, String body) {}

  private URI url(String path) {
    return URI.create("https://" + host() + path);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * A self-signed certificate for 127.0.0.1 made with the JDK's keytool: {@code cert.p12} (password
   * changeit), exported as {@code cert.pem} and {@code key.pem}.
   */
  static void writeCertificate(Path dir) throws IOException, InterruptedException {
    Path store = dir.resolve("cert.p12");
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "registry",
        "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2", "-dname", "CN=127.0.0.1",
        "-ext", "san=ip:127.0.0.1,dns:localhost", "-keystore", store.toString(),
        "-storetype", "PKCS12", "-storepass", "changeit", "-keypass", "changeit")
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IOException("keytool failed: " + out);
    }
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, "changeit".toCharArray());
      Certificate cert = ks.getCertificate("registry");
      byte[] key = ks.getKey("registry", "changeit".toCharArray()).getEncoded();
      Files.writeString(dir.resolve("cert.pem"), pem("CERTIFICATE", cert.getEncoded()));
      Files.writeString(dir.resolve("key.pem"), pem("PRIVATE KEY", key));
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot read the test certificate", e);
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static SSLContext trusting(Path store) throws IOException {
    try (InputStream in = Files.newInputStream(store)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, "changeit".toCharArray());
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("registry", ks.getCertificate("registry"));
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IOException("cannot trust the test certificate", e);
    }
  }
}
