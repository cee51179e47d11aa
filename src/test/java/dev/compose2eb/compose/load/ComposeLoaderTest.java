package dev.compose2eb.compose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComposeLoaderTest {
  @TempDir Path tmp;
  ProjectDir p;

  @BeforeEach
  void setUp() {
    p = new ProjectDir(tmp.resolve("My_App"));
  }

  @Test
  void discoversComposeYamlAndItsOverrideAndNamesTheProjectAfterTheDirectory() {
    p.file("compose.yaml", "services:\n  web:\n    image: nginx\n")
        .file("compose.override.yaml", "services:\n  web:\n    image: nginx:1.27\n");
    Project project = p.project();
    assertThat(project.name()).isEqualTo("my_app");
    assertThat(project.composeFiles()).containsExactly("compose.yaml", "compose.override.yaml");
    assertThat(project.service("web").orElseThrow().image()).contains("nginx:1.27");
  }

  @Test
  void searchesParentDirectoriesForTheComposeFile() {
    p.file("docker-compose.yml", "services:\n  web:\n    image: nginx\n").file("sub/deeper/x.txt", "");
    Project project = ComposeLoader.load(LoadRequest.inDirectory(p.dir.resolve("sub/deeper"), p.env)).project();
    assertThat(project.workingDir()).isEqualTo(p.dir.toAbsolutePath().normalize());
  }

  @Test
  void missingComposeFileIsAClearError() {
    p.file("readme.txt", "");
    assertThat(p.errors().get(0)).startsWith("error: no configuration file provided: not found in ");
  }

  @Test
  void composeFileVariableNamesTheFilesWithItsSeparator() {
    p.file("a.yaml", "services:\n  web:\n    image: a\n")
        .file("b.yaml", "services:\n  web:\n    image: b\n")
        .env("COMPOSE_FILE", "a.yaml;b.yaml").env("COMPOSE_PATH_SEPARATOR", ";");
    assertThat(p.service("web").image()).contains("b");
  }

  @Test
  void osEnvironmentWinsOverDotEnvAndDotEnvFeedsInterpolation() {
    p.file(".env", "TAG=from-dotenv\nREG=r.example.com\n")
        .file("compose.yaml", "services:\n  web:\n    image: ${REG}/web:${TAG}\n")
        .env("TAG", "from-os");
    assertThat(p.service("web").image()).contains("r.example.com/web:from-os");
  }

  @Test
  void projectNameComesFromTopLevelNameUnlessTheEnvironmentSetsIt() {
    p.file("compose.yaml", "name: shop\nservices:\n  web:\n    image: nginx\n");
    assertThat(p.project().name()).isEqualTo("shop");
    p.env("COMPOSE_PROJECT_NAME", "Other.Name");
    assertThat(p.project().name()).isEqualTo("othername");
  }

  @Test
  void versionIsIgnoredWithAWarning() {
    p.file("compose.yaml", "version: '3.8'\nservices:\n  web:\n    image: nginx\n");
    assertThat(p.warnings()).containsExactly(
        "compose.yaml:1:1: warning: version: the attribute `version` is obsolete, it will be"
            + " ignored; remove it to avoid potential confusion");
  }

  @Test
  void legacyV1FormatReadsTopLevelKeysAsServices() {
    p.file("docker-compose.yml", "web:\n  image: nginx\n  links: [db]\ndb:\n  image: postgres\n");
    Project project = p.project();
    assertThat(project.services()).extracting(Service::name).containsExactly("web", "db");
    assertThat(p.warnings().get(0)).contains("legacy compose v1 format");
  }

  @Test
  void severalFilesMergeWithTheComposeRules() {
    p.file("compose.yaml", """
        services:
          web:
            image: nginx
            command: ["a", "b"]
            environment: {A: "1", B: "2"}
            ports: ["8080:80"]
            volumes: ["./html:/usr/share/nginx/html", "data:/data"]
            depends_on: [db]
          db:
            image: postgres
        volumes:
          data: {}
        """).file("html/index.html", "hi").file("other/x", "")
        .file("override.yaml", """
        services:
          web:
            command: ["c"]
            environment: ["B=3", "C=4"]
            ports: ["8081:80"]
            volumes: ["./other:/usr/share/nginx/html"]
            depends_on:
              db: {condition: service_healthy}
          db:
            healthcheck: {test: ["CMD", "true"]}
        """);
    Service web = p.service("web", "compose.yaml", "override.yaml");
    assertThat(web.command()).contains(List.of("c"));
    assertThat(web.environment()).containsExactly(
        java.util.Map.entry("A", "1"), java.util.Map.entry("B", "3"), java.util.Map.entry("C", "4"));
    assertThat(web.ports()).extracting(pm -> pm.published().orElse("")).containsExactly("8080", "8081");
    assertThat(web.volumes()).hasSize(2);
    assertThat(web.volumes().get(0).source()).contains(p.dir.resolve("other").toString());
    assertThat(web.dependsOn().get("db").condition()).isEqualTo(DependsOn.Condition.SERVICE_HEALTHY);
  }

  @Test
  void resetAndOverrideTags() {
    p.file("compose.yaml", """
        services:
          web:
            image: nginx
            ports: ["80:80"]
            environment: {A: "1"}
            labels: {x: "1"}
        """).file("override.yaml", """
        services:
          web:
            ports: !reset []
            labels: !override {y: "2"}
        """);
    Service web = p.service("web", "compose.yaml", "override.yaml");
    assertThat(web.ports()).isEmpty();
    assertThat(web.labels()).containsOnlyKeys("y");
    assertThat(web.environment()).containsOnlyKeys("A");
  }

  @Test
  void documentsOfOneFileMergeLikeOverrideFiles() {
    p.file("compose.yaml", "services:\n  web:\n    image: a\n---\nservices:\n  web:\n    image: b\n");
    assertThat(p.service("web").image()).contains("b");
  }

  @Test
  void extendsInTheSameFileAndFromAnotherFileWithItsOwnRelativePaths() {
    p.file("compose.yaml", """
        services:
          base:
            image: node:20
            environment: {A: "1"}
          api:
            extends: base
            environment: {B: "2"}
          worker:
            extends: {file: common/jobs.yaml, service: job}
        """).file("common/jobs.yaml", """
        services:
          job:
            build: ./worker
            env_file: job.env
        """).file("common/job.env", "J=from-job-env\n").file("common/worker/Dockerfile", "FROM scratch\n");
    Project project = p.project();
    assertThat(project.service("api").orElseThrow().environment()).containsOnlyKeys("A", "B");
    Service worker = project.service("worker").orElseThrow();
    assertThat(worker.build().orElseThrow().context())
        .isEqualTo(p.dir.resolve("common/worker").toAbsolutePath().normalize().toString());
    assertThat(worker.environment()).containsEntry("J", "from-job-env");
  }

  @Test
  void extendsCycleIsAnErrorNamingTheCycle() {
    p.file("compose.yaml", """
        services:
          a:
            extends: b
            image: x
          b:
            extends: a
        """);
    assertThat(String.join("\n", p.errors())).contains("extends cycle: a -> b -> a");
  }

  @Test
  void extendsOfAnUnknownServiceIsAnError() {
    p.file("compose.yaml", "services:\n  a:\n    extends: nope\n    image: x\n");
    assertThat(p.errors()).containsExactly("compose.yaml:3:14: error: services.a.extends: cannot"
        + " extend service \"a\" in compose.yaml: service \"nope\" not found; name a service defined"
        + " in that file");
  }

  @Test
  void includeAddsTheServicesOfAnotherProjectAndRefusesConflicts() {
    p.file("compose.yaml", "include:\n  - db/compose.yaml\nservices:\n  web:\n    image: nginx\n")
        .file("db/compose.yaml", "services:\n  db:\n    image: postgres:${PG:-16}\n    env_file: db.env\n")
        .file("db/db.env", "POSTGRES_DB=app\n").file("db/.env", "PG=15\n");
    Project project = p.project();
    assertThat(project.services()).extracting(Service::name).containsExactlyInAnyOrder("web", "db");
    assertThat(project.service("db").orElseThrow().image()).contains("postgres:15");
    assertThat(project.service("db").orElseThrow().environment()).containsEntry("POSTGRES_DB", "app");

    p.file("compose.yaml", "include:\n  - db/compose.yaml\nservices:\n  db:\n    image: mysql\n");
    assertThat(String.join("\n", p.errors())).contains("services.db conflicts with imported resource");
  }

  @Test
  void profilesSwitchServicesOffAndOptionalDependenciesDisappear() {
    p.file("compose.yaml", """
        services:
          web:
            image: nginx
            depends_on:
              debug: {condition: service_started, required: false}
          debug:
            image: busybox
            profiles: [debug]
        """);
    LoadResult offResult = p.load(List.of(), List.of());
    assertThat(offResult.diagnostics()).extracting(d -> d.render()).containsExactly("compose.yaml:5:7:"
        + " info: services.web.depends_on.debug: dependency on \"debug\" dropped: it is disabled by"
        + " its profiles [debug] and marked required: false");
    Project off = offResult.project();
    assertThat(off.services()).extracting(Service::name).containsExactly("web");
    assertThat(off.disabledServices()).containsExactly("debug");
    assertThat(off.service("web").orElseThrow().dependsOn()).isEmpty();
    LoadResult onResult = p.load(List.of(), List.of("debug"));
    assertThat(onResult.diagnostics()).isEmpty();
    Project on = onResult.project();
    assertThat(on.services()).extracting(Service::name).containsExactly("web", "debug");
    Project all = p.load(List.of(), List.of("*")).project();
    assertThat(all.services()).hasSize(2);
    p.env("COMPOSE_PROFILES", "debug");
    assertThat(p.project().services()).hasSize(2);
  }

  @Test
  void requiredDependencyOnADisabledServiceIsAnError() {
    p.file("compose.yaml", """
        services:
          web:
            image: nginx
            depends_on: [debug]
          debug:
            image: busybox
            profiles: [debug]
        """);
    assertThat(String.join("\n", p.errors())).contains("service \"web\" depends on \"debug\", which"
        + " is disabled by its profiles [debug]; enable it with --profile debug");
  }

  @Test
  void unknownServicesInDependsOnLinksAndVolumesFromAreErrors() {
    p.file("compose.yaml", """
        services:
          web:
            image: nginx
            depends_on: [dbb]
            links: [cache]
            volumes_from: [nothing]
          db:
            image: postgres
        """);
    assertThat(p.errors()).containsExactly(
        "compose.yaml:4:18: error: services.web.depends_on: service \"web\" depends on undefined"
            + " service \"dbb\"; define it under services:, or remove the dependency (did you mean \"db\"?)",
        "compose.yaml:5:13: error: services.web.links: service \"web\" has a link to undefined service"
            + " \"cache\"; define it under services:, or remove the link",
        "compose.yaml:6:20: error: services.web.volumes_from: service \"web\" takes volumes from"
            + " undefined service \"nothing\"; name a service, or container:NAME for a container"
            + " outside the project");
  }

  @Test
  void emptyFileAndNonMappingRootAreErrors() {
    p.file("compose.yaml", "");
    assertThat(p.errors()).containsExactly("compose.yaml: error: empty compose file; a compose file"
        + " needs at least a services: mapping, e.g. services: {web: {image: nginx}}");
    p.file("compose.yaml", "- a\n- b\n");
    assertThat(p.errors()).containsExactly("compose.yaml:1:1: error: the top level of a compose file"
        + " must be a mapping, not a sequence; start the file with services:, e.g. services: {web:"
        + " {image: nginx}}");
  }
}
