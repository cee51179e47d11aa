package dev.compose2eb.aws;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * An HTTP server on 127.0.0.1 that records every request and answers with what the test says: enough
 * to see where an SDK client sends its calls, with which signature, and how it treats the answers.
 */
public final class RecordingServer implements AutoCloseable {
  public record Request(String method, String path, String target, String authorization, String body) {
    /** The operation: X-Amz-Target's suffix (JSON protocols) or the Action form field (query). */
    public String operation() {
      if (!target.isEmpty()) {
        return target.substring(target.indexOf('.') + 1);
      }
      for (String pair : body.split("&")) {
        if (pair.startsWith("Action=")) {
          return pair.substring("Action=".length());
        }
      }
      return method + " " + path;
    }
  }

  public record Response(int status, String contentType, String body) {
    public static Response xml(String body) {
      return new Response(200, "text/xml", body);
    }

    public static Response json(String body) {
      return new Response(200, "application/x-amz-json-1.1", body);
    }

    public static Response jsonError(int status, String type, String message) {
      return new Response(status, "application/x-amz-json-1.1",
          "{\"__type\":\"" + type + "\",\"message\":\"" + message + "\"}");
    }
  }

  private final HttpServer server;
  private final List<Request> requests = new ArrayList<>();

  public RecordingServer(Function<Request, Response> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", exchange -> {
      String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      String target = exchange.getRequestHeaders().getFirst("X-Amz-Target");
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
          target == null ? "" : target, auth == null ? "" : auth, body);
      synchronized (requests) {
        requests.add(request);
      }
      Response r = answer.apply(request);
      byte[] bytes = r.body().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", r.contentType());
      exchange.getResponseHeaders().add("x-amzn-RequestId", "test-request");
      exchange.sendResponseHeaders(r.status(), bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
      exchange.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    synchronized (requests) {
      return List.copyOf(requests);
    }
  }

  public List<String> operations() {
    return requests().stream().map(Request::operation).toList();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
