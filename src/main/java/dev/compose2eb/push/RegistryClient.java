package dev.compose2eb.push;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublisher;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Flow;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * The push half of the OCI distribution API (Docker registry HTTP API v2) for one repository: log in
 * (Basic credentials, or a Bearer token fetched with them when the registry's challenge asks for
 * one), ask whether a blob exists, upload a blob (POST, one streamed PATCH, PUT {@code ?digest=}),
 * and put a manifest. A registry on the loopback interface may use a self-signed certificate or plain
 * HTTP; any other must present a certificate the JVM trusts.
 */
final class RegistryClient {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  /** The id at the end of the JDK's HttpClientImpl.toString(), e.g. {@code ...@1a2b(3)}. */
  private static final Pattern CLIENT_ID = Pattern.compile("\\((\\d+)\\)$");

  /** A registry answer that ends the push; {@code status} 0 when it is not about one HTTP call. */
  static final class Refusal extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;
    final String code;

    Refusal(int status, String code, String message) {
      super(message, null, false, false);
      this.status = status;
      this.code = code;
    }
  }

  private final HttpClient http;
  private final String registry;
  private final String repository;
  private final RegistryCredentials credentials;
  private final boolean loopback;
  // settled by login(), before any upload thread starts
  private volatile URI base;
  private volatile Optional<String> authorization = Optional.empty();

  /** The registry host (and port), as the target names it. */
  String registry() {
    return registry;
  }

  RegistryClient(HttpClient http, String registry, String repository,
      RegistryCredentials credentials, boolean loopback) {
    this.http = http;
    this.registry = registry;
    this.repository = repository;
    this.credentials = credentials;
    this.loopback = loopback;
    this.base = URI.create("https://" + registry);
  }

  /** An HTTP/1.1 client (one connection per parallel upload); trusting any certificate on loopback only. */
  /**
   * Stops the HTTP client's selector thread now instead of when the client is collected: a JVM
   * exiting while a thread waits in native code (the selector's epoll) waits 300 ms for it
   * (HotSpot's VM_Exit::wait_for_threads_in_native_to_block), after every push. JDK 21 and later
   * have HttpClient.shutdownNow(); on JDK 17, interrupting this client's own selector thread
   * ({@code HttpClient-<id>-SelectorManager}) ends its loop.
   */
  void close() {
    try {
      HttpClient.class.getMethod("shutdownNow").invoke(http);
      HttpClient.class.getMethod("awaitTermination", Duration.class).invoke(http,
          Duration.ofMillis(500));
      return;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // JDK 17: no shutdownNow
    }
    Matcher id = CLIENT_ID.matcher(http.toString());
    if (!id.find()) {
      return;
    }
    String name = "HttpClient-" + id.group(1) + "-SelectorManager";
    ThreadGroup root = Thread.currentThread().getThreadGroup();
    while (root.getParent() != null) {
      root = root.getParent();
    }
    Thread[] threads = new Thread[root.activeCount() + 16];
    int n = root.enumerate(threads, true);
    for (int i = 0; i < n; i++) {
      if (threads[i].getName().equals(name)) {
        threads[i].interrupt();
        try {
          threads[i].join(500);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
    }
  }

  static HttpClient httpClient(boolean loopback) {
    HttpClient.Builder b = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(30)).followRedirects(HttpClient.Redirect.NEVER);
    if (loopback) {
      b.sslContext(trustAll());
    }
    return b.build();
  }

  /**
   * Checks that the registry answers and accepts the credentials, and settles how to authenticate.
   * On loopback, a registry that does not speak TLS is then talked to over plain HTTP.
   */
  void login() throws IOException, InterruptedException, Refusal {
    HttpResponse<byte[]> ping;
    try {
      ping = call(get(path("/v2/")));
    } catch (SSLException e) {
      if (!loopback) {
        throw e;
      }
      base = URI.create("http://" + registry);
      ping = call(get(path("/v2/")));
    }
    if (ping.statusCode() == 200) {
      return; // an open registry
    }
    if (ping.statusCode() != 401) {
      throw refusal(ping);
    }
    String challenge = ping.headers().firstValue("WWW-Authenticate").orElse("");
    if (challenge.regionMatches(true, 0, "Bearer ", 0, 7)) {
      authorization = Optional.of("Bearer " + token(params(challenge)));
    } else {
      authorization = Optional.of(basic());
    }
    HttpResponse<byte[]> check = call(get(path("/v2/")));
    if (check.statusCode() != 200) {
      throw refusal(check);
    }
  }

  /** Whether the registry already has the blob (then it need not be sent). */
  boolean has(String digest) throws IOException, InterruptedException, Refusal {
    HttpResponse<byte[]> r = call(HttpRequest.newBuilder(path(blobPath(digest)))
        .method("HEAD", BodyPublishers.noBody()).timeout(CALL_TIMEOUT));
    int s = r.statusCode();
    if (s == 404) {
      return false;
    }
    if (s == 200 || s == 307 || s == 302) { // a redirect points at the blob in storage
      return true;
    }
    throw refusal(r);
  }

  /** Uploads a blob in one streamed PATCH; {@code sent} receives bytes as they go out. */
  void upload(String digest, FileRegion bytes, LongConsumer sent)
      throws IOException, InterruptedException, Refusal {
    URI start = path("/v2/" + repository + "/blobs/uploads/");
    HttpResponse<byte[]> opened = call(HttpRequest.newBuilder(start)
        .POST(BodyPublishers.noBody()).timeout(CALL_TIMEOUT));
    URI session = next(start, opened, 202);
    HttpResponse<byte[]> patched = call(HttpRequest.newBuilder(session)
        .method("PATCH", counting(bytes, sent))
        .header("Content-Type", "application/octet-stream"));
    if (patched.statusCode() != 202 && patched.statusCode() != 204) {
      throw refusal(patched);
    }
    URI finish = withDigest(patched.headers().firstValue("Location").map(session::resolve)
        .orElse(session), digest);
    HttpResponse<byte[]> put = call(HttpRequest.newBuilder(finish)
        .PUT(BodyPublishers.noBody()).timeout(CALL_TIMEOUT));
    if (put.statusCode() != 201 && put.statusCode() != 204) {
      throw refusal(put);
    }
    Optional<String> stored = put.headers().firstValue("Docker-Content-Digest");
    if (stored.isPresent() && !stored.get().equals(digest)) {
      throw new Refusal(0, "DIGEST_INVALID", "the registry stored the blob " + digest + " as "
          + stored.get());
    }
  }

  /**
   * Puts the manifest under {@code reference} (a tag) and returns its digest, after checking that the
   * registry's Docker-Content-Digest is the sha256 of the bytes sent.
   */
  String putManifest(String reference, byte[] manifest, String mediaType)
      throws IOException, InterruptedException, Refusal {
    HttpResponse<byte[]> r = call(HttpRequest.newBuilder(
            path("/v2/" + repository + "/manifests/" + reference))
        .PUT(BodyPublishers.ofByteArray(manifest)).header("Content-Type", mediaType)
        .timeout(CALL_TIMEOUT));
    if (r.statusCode() / 100 != 2) {
      throw refusal(r);
    }
    String sent = Digests.of(manifest);
    Optional<String> stored = r.headers().firstValue("Docker-Content-Digest");
    if (stored.isPresent() && !stored.get().equals(sent)) {
      throw new Refusal(0, "DIGEST_INVALID", "the registry reported the manifest digest "
          + stored.get() + " but the manifest sent has " + sent);
    }
    return sent;
  }

  private String token(Map<String, String> challenge)
      throws IOException, InterruptedException, Refusal {
    String realm = challenge.getOrDefault("realm", "");
    URI realmUri;
    try {
      realmUri = URI.create(realm);
    } catch (IllegalArgumentException e) {
      throw new Refusal(0, "", "its token service address \"" + realm + "\" is not a URL");
    }
    if (!"https".equals(realmUri.getScheme())
        && !("http".equals(realmUri.getScheme()) && ImagePusher.loopback(authority(realmUri)))) {
      throw new Refusal(0, "", "its token service " + realm + " is not HTTPS, so the credentials"
          + " would travel in clear");
    }
    StringBuilder query = new StringBuilder();
    if (challenge.containsKey("service")) {
      query.append("service=").append(encode(challenge.get("service")));
    }
    query.append(query.length() == 0 ? "" : "&").append("scope=")
        .append(encode("repository:" + repository + ":pull,push"));
    URI uri = URI.create(realm + (realm.contains("?") ? "&" : "?") + query);
    HttpResponse<byte[]> r = http.send(HttpRequest.newBuilder(uri).GET().timeout(CALL_TIMEOUT)
        .header("Authorization", basic()).build(), BodyHandlers.ofByteArray());
    if (r.statusCode() != 200) {
      throw refusal(r);
    }
    JsonNode body = JSON.readTree(r.body());
    String token = body.path("token").asText(body.path("access_token").asText(""));
    if (token.isEmpty()) {
      throw new Refusal(0, "", "its token service " + realm + " returned no token");
    }
    return token;
  }

  private static Map<String, String> params(String challenge) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(challenge);
    while (m.find()) {
      out.put(m.group(1).toLowerCase(java.util.Locale.ROOT), m.group(2));
    }
    return out;
  }

  private HttpResponse<byte[]> call(HttpRequest.Builder b) throws IOException, InterruptedException {
    HttpRequest request = b.build();
    // credentials go only to the registry itself, never to another host a Location names
    if (authorization.isPresent() && authority(request.uri()).equals(authority(base))) {
      request = HttpRequest.newBuilder(request, (k, v) -> true)
          .header("Authorization", authorization.get()).build();
    }
    return http.send(request, BodyHandlers.ofByteArray());
  }

  private static HttpRequest.Builder get(URI uri) {
    return HttpRequest.newBuilder(uri).GET().timeout(CALL_TIMEOUT);
  }

  private URI path(String path) {
    return base.resolve(path);
  }

  private String blobPath(String digest) {
    return "/v2/" + repository + "/blobs/" + digest;
  }

  /** The Location of a {@code expected} answer, resolved against the request (it may be relative). */
  private URI next(URI request, HttpResponse<byte[]> r, int expected) throws Refusal {
    if (r.statusCode() != expected) {
      throw refusal(r);
    }
    String location = r.headers().firstValue("Location").orElseThrow(() -> new Refusal(
        r.statusCode(), "", "the registry started an upload without a Location"));
    return request.resolve(location);
  }

  private static URI withDigest(URI location, String digest) {
    String s = location.toString();
    return URI.create(s + (location.getRawQuery() == null ? "?" : "&") + "digest="
        + encode(digest));
  }

  private Refusal refusal(HttpResponse<byte[]> r) {
    String code = "";
    String message = "";
    try {
      JsonNode error = JSON.readTree(r.body()).path("errors").path(0);
      code = error.path("code").asText("");
      message = error.path("message").asText("");
    } catch (IOException | RuntimeException notJson) {
      // some proxies answer with HTML: the status alone must do
    }
    String text = r.statusCode() + (code.isEmpty() ? "" : " " + code)
        + (message.isEmpty() ? "" : ": " + message);
    return new Refusal(r.statusCode(), code, text);
  }

  private String basic() {
    return "Basic " + Base64.getEncoder().encodeToString(
        (credentials.username() + ":" + credentials.password()).getBytes(StandardCharsets.UTF_8));
  }

  private static String authority(URI uri) {
    String host = uri.getHost() == null ? "" : uri.getHost();
    int port = uri.getPort() >= 0 ? uri.getPort() : "http".equals(uri.getScheme()) ? 80 : 443;
    return (host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  /** The region as a request body of known length, reporting bytes as the client takes them. */
  private static BodyPublisher counting(FileRegion bytes, LongConsumer sent) {
    BodyPublisher stream = BodyPublishers.ofInputStream(() -> {
      try {
        return bytes.open();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
    Flow.Publisher<ByteBuffer> counted = subscriber -> stream.subscribe(new Flow.Subscriber<>() {
      @Override
      public void onSubscribe(Flow.Subscription subscription) {
        subscriber.onSubscribe(subscription);
      }

      @Override
      public void onNext(ByteBuffer item) {
        sent.accept(item.remaining());
        subscriber.onNext(item);
      }

      @Override
      public void onError(Throwable throwable) {
        subscriber.onError(throwable);
      }

      @Override
      public void onComplete() {
        subscriber.onComplete();
      }
    });
    return BodyPublishers.fromPublisher(counted, bytes.size());
  }

  /** Accepts any certificate and host name: used for loopback registries only. */
  private static SSLContext trustAll() {
    X509ExtendedTrustManager any = new X509ExtendedTrustManager() {
      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType) {}

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType,
          java.net.Socket socket) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType,
          java.net.Socket socket) {}

      @Override
      public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

      @Override
      public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {}

      @Override
      public X509Certificate[] getAcceptedIssuers() {
        return new X509Certificate[0];
      }
    };
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new X509ExtendedTrustManager[] {any}, null);
      return ctx;
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("TLS is not available in this JVM", e);
    }
  }
}
