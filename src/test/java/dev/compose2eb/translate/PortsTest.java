package dev.compose2eb.translate;

import static dev.compose2eb.translate.Models.port;
import static dev.compose2eb.translate.Models.project;
import static dev.compose2eb.translate.Models.rendered;
import static dev.compose2eb.translate.Models.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.dockerrun.PortMapping;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PortsTest {
  private final Diagnostics diags = new Diagnostics();
  private final Ports ports = new Ports(diags, Optional.empty());

  @Test
  void fixedContainerOnlyAndUdpPorts() {
    Project p = project(svc("web").port(80, "80").port(3000, null).port(port(53, "5353", "udp"))
        .port(9000, "0"));
    assertThat(ports.of(p.services().get(0))).containsExactly(
        new PortMapping(80, Optional.of(80), "tcp"), new PortMapping(3000, Optional.empty(), "tcp"),
        new PortMapping(53, Optional.of(5353), "udp"), new PortMapping(9000, Optional.empty(), "tcp"));
    assertThat(rendered(diags)).hasSize(2).allMatch(d -> d.contains("has no host port"));
  }

  @Test
  void hostIpDroppedRangeNarrowed() {
    Project p = project(svc("web").port(new dev.compose2eb.compose.model.PortMapping(443,
        Optional.of("8443-8445"), Optional.of("127.0.0.1"), "tcp", Optional.empty(), Optional.empty(),
        Optional.empty(), Models.at(10))));
    assertThat(ports.of(p.services().get(0))).containsExactly(new PortMapping(443, Optional.of(8443), "tcp"));
    assertThat(rendered(diags)).containsExactly(
        "compose.yaml:10:5: warning: services.web.ports: host IP 127.0.0.1 of port 443 dropped: ECS"
            + " binds published ports on every interface; restrict access with the environment's"
            + " security group instead",
        "compose.yaml:10:5: warning: services.web.ports: host port range 8443-8445 for container"
            + " port 443 narrowed to 8443: ECS needs one host port per mapping; publish a single host"
            + " port, e.g. \"8443:443\"");
  }

  @Test
  void wildcardHostIpsAreSilent() {
    Project p = project(svc("web").port(new dev.compose2eb.compose.model.PortMapping(80,
        Optional.of("80"), Optional.of("0.0.0.0"), "tcp", Optional.empty(), Optional.empty(),
        Optional.empty(), Models.at(10))));
    ports.of(p.services().get(0));
    assertThat(diags.list()).isEmpty();
  }

  @Test
  void errorsSctpDuplicatesAcrossContainersAndReservedPorts() {
    Project p = project(svc("a").port(80, "80").port(port(7, "7", "sctp")).port(2222, "22"),
        svc("b").port(8080, "80").port(port(8080, "80", "udp")).port(9, "51678"));
    ports.of(p.services().get(0));
    ports.of(p.services().get(1));
    assertThat(diags.list()).allMatch(d -> d.isError());
    assertThat(rendered(diags)).extracting(d -> d.substring(0, d.indexOf(';'))).containsExactly(
        "compose.yaml:10:5: error: services.a.ports: port 7/sctp: ECS supports only tcp and udp",
        "compose.yaml:10:5: error: services.a.ports: host port 22 is reserved on Elastic Beanstalk"
            + " instances (22 SSH, 2375/2376 Docker, 51678-51680 ECS agent)",
        "compose.yaml:10:5: error: services.b.ports: host port 80/tcp is already published by"
            + " service \"a\"",
        "compose.yaml:10:5: error: services.b.ports: host port 51678 is reserved on Elastic"
            + " Beanstalk instances (22 SSH, 2375/2376 Docker, 51678-51680 ECS agent)");
  }

  @Test
  void ephemeralHostPortIsAWarning() {
    Project p = project(svc("a").port(80, "80").port(8080, "40000"));
    ports.of(p.services().get(0));
    assertThat(rendered(diags)).singleElement().asString()
        .contains("host port 40000 is in the ephemeral range 32768-65535");
  }
}
