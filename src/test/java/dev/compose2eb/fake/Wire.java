package dev.compose2eb.fake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The two wire protocols: decoding requests and encoding answers and errors, for query/XML and JSON 1.1. */
final class Wire {
  static final String JSON_TYPE = "application/x-amz-json-1.1";
  private static final Pattern SCOPE =
      Pattern.compile("Credential=([^/]+)/\\d{8}/([^/]+)/([^/]+)/aws4_request");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** The SigV4 credential scope: who signed, for which region and service. */
  record Scope(String accessKey, String region, String service) {}

  record Reply(int status, String contentType, String body) {}

  private Wire() {}

  static Optional<Scope> scope(String authorization) {
    if (authorization == null) {
      return Optional.empty();
    }
    Matcher m = SCOPE.matcher(authorization);
    return m.find() ? Optional.of(new Scope(m.group(1), m.group(2), m.group(3))) : Optional.empty();
  }

  /** An application/x-www-form-urlencoded body. */
  static Map<String, String> form(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String pair : body.split("&")) {
      if (pair.isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.put(key, value);
    }
    return out;
  }

  static JsonNode json(String body) {
    try {
      return body.isBlank() ? MAPPER.createObjectNode() : MAPPER.readTree(body);
    } catch (IOException e) {
      throw AwsError.sender("SerializationException", "The request body is not JSON.");
    }
  }

  /** A JSON body flattened like query parameters, for the call log: objects by ".name", arrays by ".1". */
  static Map<String, String> flattenJson(String body) {
    Map<String, String> out = new LinkedHashMap<>();
    try {
      flatten("", json(body), out);
    } catch (AwsError e) {
      out.put("", body);
    }
    return out;
  }

  private static void flatten(String prefix, JsonNode node, Map<String, String> out) {
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        flatten(prefix.isEmpty() ? e.getKey() : prefix + "." + e.getKey(), e.getValue(), out);
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        flatten(prefix + "." + (i + 1), node.get(i), out);
      }
    } else {
      out.put(prefix, node.asText());
    }
  }

  /** {@code <XResponse xmlns><XResult>result</XResult><ResponseMetadata>..</ResponseMetadata></XResponse>}. */
  static Reply querySuccess(String action, String namespace, Xml result, String requestId) {
    String body = new Xml().start(action + "Response", namespace).start(action + "Result")
        + result.toString()
        + new Xml().end(action + "Result")
            .start("ResponseMetadata").text("RequestId", requestId).end("ResponseMetadata")
            .end(action + "Response");
    return new Reply(200, "text/xml", body);
  }

  /** {@code <ErrorResponse><Error><Type/><Code/><Message/></Error><RequestId/></ErrorResponse>}. */
  static Reply queryError(AwsError e, String namespace, String requestId) {
    Xml xml = namespace.isEmpty() ? new Xml().start("ErrorResponse") : new Xml().start("ErrorResponse", namespace);
    xml.start("Error")
        .text("Type", e.senderFault() ? "Sender" : "Receiver")
        .text("Code", e.code())
        .text("Message", e.getMessage())
        .end("Error")
        .text("RequestId", requestId)
        .end("ErrorResponse");
    return new Reply(e.status(), "text/xml", xml.toString());
  }

  static Reply jsonSuccess(JsonNode body) {
    return new Reply(200, JSON_TYPE, body.toString());
  }

  /** {@code {"__type": code, "message": ...}}, which the SDK maps to the modelled exception by code. */
  static Reply jsonError(AwsError e) {
    return new Reply(e.status(), JSON_TYPE,
        MAPPER.createObjectNode().put("__type", e.code()).put("message", e.getMessage()).toString());
  }
}
