package dev.compose2eb.translate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.load.ComposeLoader;
import dev.compose2eb.compose.load.LoadRequest;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.LinuxParameters;
import dev.compose2eb.dockerrun.Tmpfs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Keys the translation drops or approximates are reported, each at its own key: compose text in,
 * exact report lines out.
 */
class ReportedDropsTest {
  @TempDir Path dir;
  private Translation translation;

  /** Translates a one-file project whose services are {@code body} (lines under {@code services:}). */
  private List<String> report(String body) throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), "services:\n" + body);
    Project project = ComposeLoader.load(LoadRequest.inDirectory(dir, Map.of())).project();
    translation = Translator.translate(project, TranslateOptions.defaults(), new LocalProjectFiles(dir));
    return translation.report().stream().map(Diagnostic::render)
        .filter(r -> !r.contains("no container publishes host port 80")).toList();
  }

  private ContainerDefinition container() {
    return translation.dockerrun().containerDefinitions().get(0);
  }

  @Test
  void cpusAreReportedAsAShareNotACap() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            cpus: 0.5
        """)).containsExactly("compose.yaml:5:5: info: services.web.cpus: cpus 0.5 becomes 512 CPU"
        + " units: a relative share of the instance's CPU when containers compete for it, not a cap");
    assertThat(container().cpu()).contains(512);
  }

  @Test
  void deployCpuLimitIsReportedAtItsOwnKey() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            deploy:
              resources:
                limits: {cpus: "2", memory: 64m}
        """)).containsExactly("compose.yaml:6:18: info: services.web.deploy.resources.limits.cpus:"
        + " cpus 2 becomes 2048 CPU units: a relative share of the instance's CPU when containers"
        + " compete for it, not a cap");
  }

  @Test
  void stopGracePeriodIsRoundedUpWithAnInfoAndClampedWithAWarning() throws IOException {
    assertThat(report("""
          a:
            image: example/a:1
            mem_limit: 64m
            stop_grace_period: 1500ms
          b:
            image: example/b:1
            mem_limit: 64m
            stop_grace_period: 5m
        """)).containsExactly(
        "compose.yaml:5:5: info: services.a.stop_grace_period: 1.5s rounded up to 2s: ECS counts"
            + " whole seconds",
        "compose.yaml:9:5: warning: services.b.stop_grace_period: 300s is outside the ECS range"
            + " 0-120s; 120s used; give a value in that range");
    assertThat(translation.dockerrun().containerDefinitions()).extracting(c -> c.stopTimeout().orElseThrow())
        .containsExactly(2, 120);
  }

  @Test
  void loggingOptionsWithoutADriverAreWarned() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            logging:
              options: {max-size: 10m}
        """)).containsExactly("compose.yaml:6:7: warning: services.web.logging.options:"
        + " logging.options dropped: no driver is given, and ECS takes log options only with a"
        + " logDriver; name the driver they are for, e.g. driver: json-file (Docker's default)");
    assertThat(container().logConfiguration()).isEmpty();
  }

  @Test
  void disabledHealthcheckIsAnInfo() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            healthcheck:
              test: NONE
        """)).containsExactly("compose.yaml:6:7: info: services.web.healthcheck.test: healthcheck"
        + " disabled: no healthCheck is written, so ECS does not check this container");
  }

  @Test
  void portModeIsAnInfoOnlyWhenWritten() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            ports:
              - "80:80"
              - {target: 81, published: "8081", mode: ingress}
        """)).containsExactly("compose.yaml:7:9: info: services.web.ports: port mode ingress of"
        + " container port 81 ignored: each instance publishes the port itself, and Elastic"
        + " Beanstalk's load balancer spreads requests over the instances");
  }

  @Test
  void volumeLabelsAreAnInfoAndShortFormWordsComposeIgnoresAreWarned() throws IOException {
    Files.createDirectories(dir.resolve("src"));
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            volumes:
              - ./src:/app:cached
              - type: volume
                target: /cache
                volume: {labels: {team: web}}
        """)).containsExactly(
        "compose.yaml:6:9: warning: services.web.volumes: mount options cached of /app ignored: ECS"
            + " mount points have only readOnly",
        "compose.yaml:7:9: info: services.web.volumes: volume labels of /cache ignored: ECS task"
            + " volumes have no labels");
  }

  @Test
  void tmpfsMountReadOnlyAndModeBecomeMountOptions() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            volumes:
              - {type: tmpfs, target: /scratch, read_only: true, tmpfs: {size: 1m, mode: 1777}}
        """)).isEmpty();
    assertThat(container().linuxParameters().map(LinuxParameters::tmpfs).orElseThrow())
        .containsExactly(new Tmpfs("/scratch", 1, List.of("ro", "mode=1777")));
  }

  @Test
  void tmpfsOptionsEcsDoesNotAcceptAreDroppedWithAWarning() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            tmpfs:
              - /run:size=1m,noexec,uid=1000,bogus
        """)).containsExactly("compose.yaml:5:5: warning: services.web.tmpfs: tmpfs /run option"
        + " \"bogus\" dropped: ECS does not accept it in mountOptions; ECS accepts mount(8) flags such"
        + " as rw, ro, noexec, nosuid, nodev, and mode, uid, gid, nr_inodes, nr_blocks, mpol with a"
        + " value (mode=1777)");
    assertThat(container().linuxParameters().map(LinuxParameters::tmpfs).orElseThrow())
        .containsExactly(new Tmpfs("/run", 1, List.of("noexec", "uid=1000")));
  }

  @Test
  void shmSizeZeroMeansNotGiven() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            shm_size: 0
        """)).isEmpty();
    assertThat(container().linuxParameters()).isEmpty();
  }

  @Test
  void dependsOnRestartIsAnInfoOnlyWhenWritten() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            links: [cache]
            depends_on:
              db: {condition: service_started, restart: true}
          db:
            image: example/db:1
            mem_limit: 64m
          cache:
            image: example/cache:1
            mem_limit: 64m
        """)).containsExactly("compose.yaml:7:40: info: services.web.depends_on.db.restart: restart:"
        + " true ignored: ECS does not restart a container when \"db\" restarts");
  }

  @Test
  void serviceExtensionsOtherThanXEbAreAnInfo() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            x-team: web
            x-eb: {essential: true}
        """)).containsExactly("compose.yaml:5:5: info: services.web.x-team: x-team ignored: of the"
        + " service extensions only x-eb is read");
  }

  @Test
  void serviceModelsGetTheirOwnReasonAndScaleOneIsSilent() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            scale: 1
            models: [llm]
          worker:
            image: example/worker:1
            mem_limit: 64m
            scale: 2
        models:
          llm: {model: ai/smollm2}
        """)).containsExactly(
        "compose.yaml:12:3: warning: models: top-level models ignored: Dockerrun has no AI models;"
            + " run the model as a container or a managed service",
        "compose.yaml:6:5: warning: services.web.models: models ignored: Dockerrun has no AI models;"
            + " run the model as a container or a managed service",
        "compose.yaml:10:5: warning: services.worker.scale: scale ignored: EB runs one task per"
            + " instance; scale with the environment's Auto Scaling group");
  }

  @Test
  void topLevelVolumeNameIsAnInfo() throws IOException {
    List<String> report = report("""
          db:
            image: example/db:1
            mem_limit: 64m
            volumes: ["data:/var/lib/data"]
        volumes:
          data:
            name: shared-data
        """);
    assertThat(report).first().isEqualTo("compose.yaml:7:3: info: volumes.data.name: name shared-data"
        + " of volume \"data\" ignored: the instance directory is named after the key, data");
    assertThat(report).hasSize(2).last().asString().contains("named volume \"data\" becomes");
  }

  @Test
  void deploySubKeysAreReportedAtTheirOwnPosition() throws IOException {
    assertThat(report("""
          web:
            image: example/web:1
            mem_limit: 64m
            deploy:
              placement: {constraints: ["node.role==manager"]}
        """)).containsExactly("compose.yaml:6:7: warning: services.web.deploy.placement:"
        + " deploy.placement ignored: Dockerrun.aws.json has no equivalent; remove it");
  }
}
