package dev.compose2eb.compose.normalize;

import static dev.compose2eb.compose.normalize.Fixture.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.PortMapping;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortsTest {
  private final Fixture f = new Fixture();

  private List<PortMapping> ports(String... items) {
    String[] lines = new String[items.length + 2];
    lines[0] = "image: a";
    lines[1] = "ports:";
    for (int i = 0; i < items.length; i++) {
      lines[i + 2] = "  - " + items[i];
    }
    return f.service(web(lines)).ports();
  }

  private static String brief(PortMapping p) {
    return p.hostIp().map(ip -> ip + "|").orElse("") + p.published().orElse("") + ":" + p.target() + "/" + p.protocol();
  }

  @Test
  void shortFormsBecomeLongForm() {
    List<PortMapping> ports = ports("\"80\"", "\"8080:80\"", "\"127.0.0.1:8081:81\"", "\"127.0.0.1::82\"",
        "\"53:53/UDP\"", "\"[::1]:8443:443\"", "\"9000:9000/sctp\"", "3000");
    assertThat(ports).extracting(PortsTest::brief).containsExactly(
        ":80/tcp", "8080:80/tcp", "127.0.0.1|8081:81/tcp", "127.0.0.1|:82/tcp", "53:53/udp", "::1|8443:443/tcp",
        "9000:9000/sctp", ":3000/tcp");
    assertThat(ports).allSatisfy(p -> assertThat(p.mode()).isEmpty());
    assertThat(ports.get(1).publishedPort()).contains(8080);
    assertThat(f.errors()).isEmpty();
  }

  @Test
  void containerRangeExpandsToOneMappingPerPort() {
    assertThat(ports("\"8000-8002:9000-9002\"")).extracting(PortsTest::brief)
        .containsExactly("8000:9000/tcp", "8001:9001/tcp", "8002:9002/tcp");
    assertThat(ports("\"7000-7001\"")).extracting(PortsTest::brief).containsExactly(":7000/tcp", ":7001/tcp");
  }

  @Test
  void hostRangeWithOneContainerPortStaysARange() {
    assertThat(ports("\"8000-8010:80\"")).extracting(PortsTest::brief).containsExactly("8000-8010:80/tcp");
  }

  @Test
  void expandedPortsAreOrderedAsTextLikeComposeGo() {
    assertThat(ports("\"9999-10000\"")).extracting(PortMapping::target).containsExactly(10000, 9999);
  }

  @Test
  void longFormWithStringsFromInterpolation() {
    List<PortMapping> ports = ports("{target: \"80\", published: \"8080\", protocol: udp, host_ip: 0.0.0.0, mode: host, name: web}",
        "{target: 443, published: 8443-8444, app_protocol: https}");
    assertThat(ports.get(0)).isEqualTo(new PortMapping(80, Optional.of("8080"), Optional.of("0.0.0.0"), "udp",
        Optional.of("host"), Optional.of("web"), Optional.empty(), ports.get(0).location()));
    assertThat(ports.get(1).published()).contains("8443-8444");
    assertThat(ports.get(1).publishedPort()).isEmpty();
    assertThat(ports.get(1).appProtocol()).contains("https");
    assertThat(f.errors()).isEmpty();
  }

  @Test
  void invalidPortIsAnErrorWithTheRuleAndAnExample() {
    ports("\"8080:80\"", "\"80:abc\"");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:6:9: error: services.web.ports[1]: invalid port \"80:abc\"; expected [HOST:]CONTAINER[/PROTOCOL], e.g. \"8080:80\"");
  }

  @Test
  void mismatchedRangesAndBadProtocolSayWhy() {
    ports("\"8000-8002:80-81\"", "\"80/http\"", "\"1.2.3:80:80\"", "\"70000:80\"");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:5:9: error: services.web.ports[0]: invalid port \"8000-8002:80-81\" (the host range 8000-8002 and the container range 80-81 differ in length); expected [HOST:]CONTAINER[/PROTOCOL], e.g. \"8080:80\"",
        "compose.yaml:6:9: error: services.web.ports[1]: invalid port \"80/http\" (invalid protocol \"http\"; use tcp, udp or sctp); expected [HOST:]CONTAINER[/PROTOCOL], e.g. \"8080:80\"",
        "compose.yaml:7:9: error: services.web.ports[2]: invalid port \"1.2.3:80:80\" (invalid IP address 1.2.3); expected [HOST:]CONTAINER[/PROTOCOL], e.g. \"8080:80\"",
        "compose.yaml:8:9: error: services.web.ports[3]: invalid port \"70000:80\"; expected [HOST:]CONTAINER[/PROTOCOL], e.g. \"8080:80\"");
  }

  @Test
  void longFormNeedsATargetAndKnownKeys() {
    ports("{published: 80, protocl: tcp}");
    assertThat(f.warnings()).containsExactly(
        "compose.yaml:5:25: warning: services.web.ports[0]: unknown key \"protocl\"; did you mean \"protocol\"?");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:5:9: error: services.web.ports[0]: a port in long form needs a target; e.g. {target: 80, published: \"8080\"}");
  }

  @Test
  void ipv6WithoutBracketsAndEphemeralHostPort() {
    assertThat(ports("\"::1:8080:80\"")).extracting(PortsTest::brief).containsExactly("::1|8080:80/tcp");
  }
}
