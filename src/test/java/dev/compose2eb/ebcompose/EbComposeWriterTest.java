package dev.compose2eb.ebcompose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.load.ComposeLoader;
import dev.compose2eb.compose.load.LoadRequest;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.plan.PlanOptions;
import dev.compose2eb.translate.LocalProjectFiles;
import dev.compose2eb.translate.TranslateOptions;
import dev.compose2eb.translate.Translator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compose writer renders the plans' decisions, the same ones the Dockerrun translation renders. */
class EbComposeWriterTest {
  @TempDir Path dir;

  private Project load(String yaml, String... dirs) throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), yaml);
    for (String d : dirs) {
      Files.createDirectories(dir.resolve(d));
    }
    return ComposeLoader.load(LoadRequest.inDirectory(dir, Map.of())).project();
  }

  private EbCompose write(Project p, TranslateOptions opts, List<String> managed) {
    return EbComposeWriter.write(p, managed, opts, new LocalProjectFiles(dir), Map.of());
  }

  private static TranslateOptions plan(Optional<String> entry, boolean keepDevMounts) {
    return new TranslateOptions(Optional.empty(), "latest",
        new PlanOptions(Optional.of("t3.small"), entry, keepDevMounts, Optional.empty()), false);
  }

  private static List<String> report(EbCompose c) {
    return c.report().stream().map(Diagnostic::render).toList();
  }

  @Test
  void theEntryIsRemappedToPort80AsTheDockerrunTranslationRemapsIt() throws IOException {
    Project p = load("""
        services:
          app:
            image: node:20
            ports:
              - "9229:9229/udp"
              - "3001:3000"
        """);
    EbCompose c = write(p, plan(Optional.empty(), false), List.of());
    assertThat(c.text()).contains("""
              - mode: ingress
                target: 9229
                published: "9229"
                protocol: udp
              - mode: ingress
                target: 3000
                published: "80"
                protocol: tcp
        """);
    assertThat(report(c)).contains("compose.yaml:6:9: info: services.app.ports: host port 3001 of"
        + " \"app\" (container port 3000) becomes 80: Elastic Beanstalk's load balancer sends"
        + " traffic to port 80, and it is the only service that publishes a port");
    // the same decision in the Dockerrun file
    var t = Translator.translate(p, plan(Optional.empty(), false), new LocalProjectFiles(dir));
    assertThat(t.dockerrun().containerDefinitions().get(0).portMappings().get(1).hostPort())
        .contains(80);
  }

  @Test
  void theEntrysHostIpIsDroppedSoThatTheLoadBalancerReachesIt() throws IOException {
    Project p = load("""
        services:
          app:
            image: node:20
            ports:
              - "127.0.0.1:3001:3000"
        """);
    EbCompose c = write(p, plan(Optional.empty(), false), List.of());
    assertThat(c.text()).contains("""
              - mode: ingress
                target: 3000
                published: "80"
                protocol: tcp
        """).doesNotContain("127.0.0.1");
    assertThat(report(c)).contains("compose.yaml:5:9: warning: services.app.ports: host IP"
        + " 127.0.0.1 of the entry's port dropped: Elastic Beanstalk's load balancer reaches host"
        + " port 80 on the instance's own address; restrict access with the environment's security"
        + " group instead");
  }

  @Test
  void aChosenEntryWithoutAPublishedPortGetsTheMappingAdded() throws IOException {
    Project p = load("""
        services:
          web:
            image: nginx
          api:
            image: node:20
        """);
    EbCompose c = write(p, plan(Optional.of("api:8080"), false), List.of());
    assertThat(c.text()).contains("""
          api:
            image: node:20
            mem_reservation: 965738496
            ports:
              - mode: ingress
                target: 8080
                published: "80"
                protocol: tcp
        """);
    assertThat(c.hasErrors()).isFalse();
  }

  @Test
  void memoryIsThePlansLimitAndReservationForTheInstanceType() throws IOException {
    Project p = load("""
        services:
          api:
            image: node:20
            deploy:
              resources:
                limits: {memory: 512M}
                reservations: {memory: 512M}
          cache:
            image: redis:7
            mem_limit: 1000
        """);
    EbCompose c = write(p, plan(Optional.empty(), false), List.of());
    // reservation not below the limit: the plan keeps only the limit (as ECS needs); below 6 MiB:
    // raised to ECS's least; every value in bytes, as `config` prints them
    assertThat(c.text()).contains("""
          api:
            image: node:20
            mem_limit: 536870912
          cache:
            image: redis:7
            mem_limit: 6291456
        """);
    assertThat(c.text()).doesNotContain("deploy").doesNotContain("mem_reservation");
    assertThat(report(c)).anyMatch(l -> l.startsWith("compose.yaml:")
        && l.contains("memory reservation 512 MiB is not below the limit 512 MiB"));
  }

  @Test
  void theContainersMustFitTheInstanceTypeOnThisPlatformToo() throws IOException {
    Project p = load("""
        services:
          api:
            image: node:20
            mem_limit: 3g
        """);
    EbCompose c = write(p, plan(Optional.empty(), false), List.of());
    assertThat(c.hasErrors()).isTrue();
    assertThat(report(c)).anyMatch(l -> l.startsWith("compose.yaml:2:3: error: services: the"
        + " containers need 3072 MiB"));
  }

  @Test
  void developmentMountsAreLeftOutUnlessKept() throws IOException {
    String yaml = """
        services:
          api:
            build: ./api
            ports: ["80:3000"]
            volumes:
              - ./api:/app
              - /app/node_modules
              - ./config:/etc/app:ro
        """;
    Project p = load(yaml, "api", "config");
    EbCompose c = write(p, plan(Optional.empty(), false), List.of());
    assertThat(c.text()).contains("""
            volumes:
              - type: bind
                source: ./config
                target: /etc/app
                read_only: true
        """).doesNotContain("target: /app\n").doesNotContain("node_modules");
    assertThat(c.bundlePaths()).containsExactly("config");
    assertThat(report(c)).contains("compose.yaml:6:9: info: services.api.volumes: development"
        + " mount ./api:/app of \"api\" left out: it mounts the service's own build context over"
        + " the image, which already holds these files; keep it with --keep-dev-mounts or x-eb:"
        + " {keep_dev_mounts: true}");

    EbCompose kept = write(p, plan(Optional.empty(), true), List.of());
    assertThat(kept.text()).contains("source: ./api\n").contains("target: /app/node_modules");
    assertThat(kept.bundlePaths()).containsExactly("api", "config");
  }

  @Test
  void aMissingBindSourceIsKeptNotBundledAndCreatedByCompose() throws IOException {
    Project p = load("""
        services:
          web:
            image: nginx
            ports: ["80:80"]
            volumes:
              - type: bind
                source: ./uploads
                target: /srv/uploads
        """);
    EbCompose c = write(p, plan(Optional.empty(), false), List.of());
    assertThat(c.hasErrors()).isFalse();
    assertThat(c.text()).contains("""
              - type: bind
                source: ./uploads
                target: /srv/uploads
                bind:
                  create_host_path: true
        """);
    assertThat(c.bundlePaths()).isEmpty();
    assertThat(report(c)).contains("compose.yaml:6:9: warning: services.web.volumes: bind source"
        + " \"./uploads\" does not exist: the container gets an empty directory, which Docker"
        + " creates on the instance as compose creates it locally; create it in the project if the"
        + " container needs files there");
  }

  @Test
  void aOneShotServiceRunsOnce() throws IOException {
    Project p = load("""
        services:
          migrate:
            image: node:20
            restart: always
          api:
            image: node:20
            ports: ["80:3000"]
            restart: always
            depends_on:
              migrate: {condition: service_completed_successfully}
        """);
    EbCompose c = write(p, plan(Optional.empty(), false), List.of());
    assertThat(c.text()).contains("""
          migrate:
            image: node:20
            mem_reservation: 965738496
            restart: "no"
        """).contains("    restart: always\n");
    assertThat(report(c)).contains("compose.yaml:4:5: info: services.migrate.restart: restart:"
        + " always of \"migrate\" becomes \"no\": other services wait for it to complete, so it"
        + " runs once");
  }

  @Test
  void anEcsEssentialSettingIsReportedAsLeftOut() throws IOException {
    Project p = load("""
        services:
          app:
            image: node:20
            ports: ["80:3000"]
          worker:
            image: node:20
            x-eb: {essential: false}
        """);
    EbCompose c = write(p, plan(Optional.empty(), false), List.of());
    assertThat(c.text()).doesNotContain("essential").doesNotContain("x-eb");
    assertThat(report(c)).contains("compose.yaml:7:11: warning: services.worker.x-eb.essential:"
        + " essential: false left out: the Docker platform runs the services with Docker Compose,"
        + " where one container's exit does not stop the others; use restart and depends_on"
        + " conditions (service_healthy, service_completed_successfully)");
  }
}
