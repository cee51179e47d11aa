package dev.compose2eb.dockerrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerrunWriterTest {

  static Dockerrun sample() {
    ContainerDefinition api = ContainerDefinition.builder("api", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/api:abc")
        .memoryReservation(256)
        .environment(List.of(new KeyValue("PORT", "3000"), new KeyValue("DB_HOST", "db")))
        .links(List.of("db"))
        .command(List.of())
        .dockerLabels(Map.of("b", "2", "a", "1"))
        .build();
    ContainerDefinition web = ContainerDefinition.builder("web", "nginx:1.27")
        .memory(128)
        .portMappings(List.of(PortMapping.tcp(80, 80)))
        .links(List.of("api:backend"))
        .mountPoints(List.of(new MountPoint("conf", "/etc/nginx/conf.d", true)))
        .healthCheck(new HealthCheck(List.of("CMD", "true"), Optional.of(30), Optional.empty(),
            Optional.of(3), Optional.empty()))
        .build();
    return new Dockerrun(List.of(Volume.host("conf", "/var/app/current/nginx")), List.of(api, web));
  }

  @Test
  void writesCanonicalJson() {
    System.out.print(DockerrunWriter.write(sample()));
  }
}
