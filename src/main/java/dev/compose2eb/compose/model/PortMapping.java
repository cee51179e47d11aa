package dev.compose2eb.compose.model;

import dev.compose2eb.diag.SourceLocation;
import java.util.Optional;

/**
 * One port in long form. A short form with a container range is expanded to one mapping per port.
 *
 * @param published the host port or host port range ("8000-8010") as a string, empty when the
 *     host picks one
 * @param protocol {@code tcp}, {@code udp} or {@code sctp}
 * @param mode as written in the long form; empty when not given (compose's default is ingress)
 */
public record PortMapping(
    int target,
    Optional<String> published,
    Optional<String> hostIp,
    String protocol,
    Optional<String> mode,
    Optional<String> name,
    Optional<String> appProtocol,
    SourceLocation location) {

  /** The single published port, when there is exactly one. */
  public Optional<Integer> publishedPort() {
    return published.filter(p -> p.matches("\\d+")).map(Integer::parseInt);
  }
}
