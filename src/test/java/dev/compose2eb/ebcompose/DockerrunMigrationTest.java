package dev.compose2eb.ebcompose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.load.ComposeLoader;
import dev.compose2eb.compose.load.LoadRequest;
import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.dockerrun.DockerrunReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code convert --platform docker --from Dockerrun.aws.json}: the Dockerrun files the ECS golden
 * cases expect, migrated back into compose files that the schema accepts and our loader reads.
 */
class DockerrunMigrationTest {
  static final Path BASE = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();
  static final Path EXPECTED = BASE.resolve("src/test/resources/golden-docker-migration");

  static Stream<String> samples() {
    return Stream.of("multi-docker", "nest-postgres", "nginx-react-node-mongo");
  }

  @ParameterizedTest
  @MethodSource("samples")
  void migratesEachSamplesDockerrun(String sample, @TempDir Path tmp) throws IOException {
    String json = Files.readString(BASE.resolve("src/test/resources/golden-samples/" + sample
        + "/Dockerrun.aws.json"));
    EbCompose c = DockerrunMigration.migrate("Dockerrun.aws.json",
        DockerrunReader.read("Dockerrun.aws.json", json));
    Path expected = EXPECTED.resolve(sample + ".yml");
    if (Boolean.getBoolean("golden.update")) {
      Files.writeString(expected, c.text(), StandardCharsets.UTF_8);
    }
    assertThat(c.text()).isEqualTo(Files.readString(expected));
    assertThat(c.report()).noneMatch(Diagnostic::isError);
    assertThat(ComposeSchema.errors(c.text())).isEmpty();
    Files.writeString(tmp.resolve("docker-compose.yml"), c.text());
    // bind sources of the bundle must exist for the loader, as they do in the bundle
    for (String dir : List.of("nginx", "client", "server")) {
      Files.createDirectories(tmp.resolve(dir));
    }
    LoadResult back = ComposeLoader.load(LoadRequest.inDirectory(tmp, Map.of()));
    assertThat(back.diagnostics()).isEmpty();
  }

  @Test
  void linksBecomeNamesAndConditionsBecomeComposes(@TempDir Path tmp) throws IOException {
    String json = """
        {
          "AWSEBDockerrunVersion": 2,
          "volumes": [
            {"name": "conf", "host": {"sourcePath": "/var/app/current/nginx/default.conf"}},
            {"name": "data"}
          ],
          "containerDefinitions": [
            {"name": "web", "image": "nginx:1.27", "memory": 128, "essential": true,
             "portMappings": [{"containerPort": 80, "hostPort": 80}],
             "links": ["api", "db:database"],
             "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"},
                           {"containerName": "api", "condition": "HEALTHY"}],
             "mountPoints": [{"sourceVolume": "conf", "containerPath": "/etc/nginx/conf.d/default.conf", "readOnly": true},
                             {"sourceVolume": "awseb-logs-web", "containerPath": "/var/log/nginx"}]},
            {"name": "api", "image": "example/api:1", "memoryReservation": 64,
             "healthCheck": {"command": ["CMD", "true"], "interval": 10},
             "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]},
            {"name": "db", "image": "postgres:16", "memory": 256},
            {"name": "migrate", "image": "example/api:1", "memory": 64, "essential": false}
          ]
        }
        """;
    EbCompose c = DockerrunMigration.migrate("Dockerrun.aws.json",
        DockerrunReader.read("Dockerrun.aws.json", json));
    assertThat(c.report()).extracting(Diagnostic::toString).containsExactly(
        "Dockerrun.aws.json: info: containerDefinitions.web.links: links to api dropped: services"
            + " reach each other by name on the compose network",
        "Dockerrun.aws.json: info: containerDefinitions.migrate.essential: essential: false has no"
            + " compose equivalent: compose keeps the other services running when migrate stops");
    assertThat(ComposeSchema.errors(c.text())).isEmpty();
    Files.createDirectories(tmp.resolve("nginx"));
    Files.writeString(tmp.resolve("nginx/default.conf"), "");
    Files.writeString(tmp.resolve("docker-compose.yml"), c.text());
    LoadResult back = ComposeLoader.load(LoadRequest.inDirectory(tmp, Map.of()));
    assertThat(back.diagnostics()).isEmpty();
    var web = back.project().service("web").orElseThrow();
    assertThat(web.dependsOn().get("migrate").condition())
        .isEqualTo(DependsOn.Condition.SERVICE_COMPLETED_SUCCESSFULLY);
    assertThat(web.dependsOn().get("api").condition()).isEqualTo(DependsOn.Condition.SERVICE_HEALTHY);
    assertThat(web.links()).hasSize(1);
    assertThat(web.volumes()).extracting(v -> v.writtenSource().orElse(""))
        .containsExactly("./nginx/default.conf", "/var/log/eb-docker/containers/web");
    assertThat(c.text()).contains("mem_reservation: 64m").contains("interval: 10s")
        .endsWith("volumes:\n  data: {}\n");
  }
}
