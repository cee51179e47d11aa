package dev.compose2eb.aws;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Endpoint overrides as the AWS CLI and SDKs read them from the environment: the service-specific
 * {@code AWS_ENDPOINT_URL_<SERVICE_ID>} first, then {@code AWS_ENDPOINT_URL}, none at all when
 * {@code AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true}. The SDK does the same with the process
 * environment; we read the caller's map so that what the tool sees is what it was given.
 */
final class Endpoints {
  static final String GLOBAL = "AWS_ENDPOINT_URL";
  static final String IGNORE = "AWS_IGNORE_CONFIGURED_ENDPOINT_URLS";

  private final Map<String, String> env;

  Endpoints(Map<String, String> env) {
    this.env = env;
  }

  /**
   * The override for a service, by its SDK service id ("S3", "Elastic Beanstalk", "ECR", "IAM",
   * "STS"); the variable name is the id upper-cased with spaces turned into underscores.
   */
  Optional<URI> override(String serviceId) {
    if ("true".equalsIgnoreCase(env.getOrDefault(IGNORE, "").trim())) {
      return Optional.empty();
    }
    String specific = variableFor(serviceId);
    for (String name : new String[] {specific, GLOBAL}) {
      String value = env.getOrDefault(name, "").trim();
      if (!value.isEmpty()) {
        return Optional.of(parse(name, value));
      }
    }
    return Optional.empty();
  }

  static String variableFor(String serviceId) {
    return GLOBAL + "_" + serviceId.toUpperCase(Locale.ROOT).replace(' ', '_');
  }

  private static URI parse(String name, String value) {
    try {
      URI uri = new URI(value);
      if (uri.getScheme() == null || uri.getHost() == null
          || !(uri.getScheme().equals("http") || uri.getScheme().equals("https"))) {
        throw new URISyntaxException(value, "not an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new AwsFailure("read the endpoint override " + name,
          "\"" + value + "\" is not an http(s) URL with a host",
          "set it to a URL such as http://127.0.0.1:4566 or unset it", e);
    }
  }
}
