package dev.compose2eb.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.load.ComposeLoader;
import dev.compose2eb.compose.load.LoadRequest;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostic;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlannerTest {
  @TempDir Path dir;

  private Project load(String yaml, String... dirs) throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), yaml);
    for (String d : dirs) {
      Files.createDirectories(dir.resolve(d));
    }
    return ComposeLoader.load(LoadRequest.inDirectory(dir, Map.of())).project();
  }

  private static DeploymentPlan plan(Project p, String instanceType) {
    return Planner.plan(p, new PlanOptions(Optional.ofNullable(instanceType), Optional.empty(),
        false, Optional.empty()), ManagedPlannerTest.DISK);
  }

  private static List<String> report(DeploymentPlan plan) {
    return plan.report().stream().map(Diagnostic::render).toList();
  }

  private static final String FOUR = """
      services:
        web:
          image: nginx:1.27
          ports: ["80:80"]
        api:
          image: example/api:1
          mem_limit: 300m
        db:
          image: postgres:16
        cache:
          image: redis:7
          mem_reservation: 64m
      """;

  @Test
  void servicesWithoutMemoryShareWhatTheBudgetLeaves() throws IOException {
    DeploymentPlan plan = plan(load(FOUR), "t3.micro");
    // 921 MiB for containers; api 300 and cache 64 stated; web and db share the other 557
    assertThat(plan.memory().get("web")).isEqualTo(new ContainerMemory(Optional.empty(),
        Optional.of(278), false));
    assertThat(plan.memory().get("db").reservationMib()).contains(278);
    assertThat(plan.memory().get("api")).isEqualTo(new ContainerMemory(Optional.of(300),
        Optional.empty(), true));
    assertThat(plan.memory().get("cache").reservationMib()).contains(64);
    assertThat(plan.memory().values().stream().mapToInt(ContainerMemory::placedMib).sum())
        .isLessThanOrEqualTo(921);
    assertThat(report(plan)).containsExactly("compose.yaml:2:3: info: services: memory for a"
        + " t3.micro (921 MiB for containers): web, db state none and get a soft reservation of"
        + " 278 MiB each; state what a service needs with deploy.resources.reservations.memory or"
        + " mem_limit");
  }

  @Test
  void theDefaultInstanceTypeIsPlannedForWhenNoneIsChosen() throws IOException {
    DeploymentPlan plan = plan(load(FOUR), null);
    assertThat(plan.instanceTypeName()).isEqualTo(InstanceTypes.DEFAULT);
    assertThat(plan.memory().get("web").reservationMib()).contains((1843 - 364) / 2);
  }

  @Test
  void statedMemoryAndFloorsThatDoNotFitAreAnErrorNamingTypeSumAndBiggerTypes() throws IOException {
    Project p = load("""
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
          api:
            image: example/api:1
            mem_limit: 700m
          db:
            image: postgres:16
        """);
    DeploymentPlan plan = plan(p, "t3.micro");
    assertThat(plan.hasErrors()).isTrue();
    assertThat(report(plan)).containsExactly("compose.yaml:2:3: error: services: the containers"
        + " need 956 MiB (api 700; web, db: 128 each, the least planned for a service that states"
        + " none), but a t3.micro has 921 MiB for containers (90% of 1024 MiB installed), so they do"
        + " not fit on it (ECS would never place the task; under Docker Compose they would run out"
        + " of memory); it fits on a 2 GiB instance type: --instance-type t2.small,"
        + " t3.small, t3a.small, t4g.small and 4 more, or lower the memory the services state");
    assertThat(report(plan(p, "t3.small"))).noneMatch(l -> l.contains("error"));
  }

  @Test
  void aMemoryErrorNamesAFewServicesAndCountsTheRest() throws IOException {
    StringBuilder yaml = new StringBuilder("services:\n");
    for (int i = 0; i < 40; i++) {
      yaml.append("  s").append(i).append(":\n    image: nginx:1.27\n");
    }
    for (int i = 0; i < 12; i++) {
      yaml.append("  big").append(i).append(":\n    image: nginx:1.27\n    mem_limit: 100m\n");
    }
    List<String> report = report(plan(load(yaml.toString()), "t3.micro")).stream()
        .filter(l -> l.contains(" error: ")).toList();
    assertThat(report).hasSize(1);
    assertThat(report.get(0)).contains("need 6320 MiB (big0 100; big1 100;")
        .contains("big7 100; 4 more that state memory; s0, s1, s2, s3, s4, s5, s6, s7 and 32"
            + " more: 128 each,")
        .doesNotContain("big8").doesNotContain("s8,");
  }

  @Test
  void anUnknownInstanceTypeIsAWarningAndNoPlan() throws IOException {
    DeploymentPlan plan = plan(load(FOUR), "t3.huge");
    assertThat(plan.instanceType()).isEmpty();
    assertThat(plan.memory().get("web").reservationMib()).contains(256);
    assertThat(report(plan)).singleElement().asString().contains("warning: services: instance type"
        + " t3.huge is not in compose2eb's table, so memory is not planned for it; containers that"
        + " state none get 256 MiB");
  }

  @Test
  void defaultMemoryGivesEachTheSameAndIsCheckedAgainstTheBudget() throws IOException {
    Project p = load(FOUR);
    DeploymentPlan plan = Planner.plan(p, new PlanOptions(Optional.of("t3.micro"), Optional.empty(),
        false, Optional.of(200)), ManagedPlannerTest.DISK);
    assertThat(plan.memory().get("db").reservationMib()).contains(200);
    assertThat(plan.hasErrors()).isFalse();
    DeploymentPlan tooMuch = Planner.plan(p, new PlanOptions(Optional.of("t3.micro"),
        Optional.empty(), false, Optional.of(400)), ManagedPlannerTest.DISK);
    assertThat(report(tooMuch)).singleElement().asString().contains("error: services: the"
        + " containers need 1164 MiB (api 300; cache 64; web, db: 400 each, --default-memory)");
  }

  @Test
  void xEbChoosesTheInstanceTypeAndTheFlagWins() throws IOException {
    Project p = load(FOUR + "x-eb:\n  instance_type: t3.medium\n");
    assertThat(plan(p, null).instanceTypeName()).isEqualTo("t3.medium");
    assertThat(plan(p, "t3.micro").instanceTypeName()).isEqualTo("t3.micro");
  }

  @Test
  void theOnlyServicePublishingAPortIsRemappedToPort80() throws IOException {
    Project p = load("""
        services:
          api:
            image: example/api:1
            ports: ["3001:3000"]
          db:
            image: postgres:16
            ports: ["5432:5432"]
        """);
    DeploymentPlan plan = plan(p, null);
    assertThat(plan.entry()).contains(new Entry("api", 3000, Optional.of(0), Optional.of("3001")));
    assertThat(report(plan)).contains("compose.yaml:4:13: info: services.api.ports: host port 3001"
        + " of \"api\" (container port 3000) becomes 80: Elastic Beanstalk's load balancer sends"
        + " traffic to port 80, and it is the only service that publishes a port",
        "compose.yaml:7:13: warning: services.db.ports: host port 5432 of \"db\" publishes"
            + " PostgreSQL on the instance: anyone the security group lets in can reach it;"
            + " remove the published port; the other containers reach db by name without it");
  }

  @Test
  void severalCandidatesAreAnErrorUntilTheEntryIsChosen() throws IOException {
    String yaml = """
        services:
          web:
            image: example/web:1
            ports: ["8080:80"]
          admin:
            image: example/admin:1
            ports: ["9000:9000", "9001:9001"]
        """;
    DeploymentPlan plan = plan(load(yaml), null);
    assertThat(plan.entry()).isEmpty();
    assertThat(report(plan)).filteredOn(l -> l.contains("error")).singleElement().asString()
        .isEqualTo("compose.yaml:7:5: error:"
        + " services: no container publishes host port 80, and \"web\", \"admin\" all publish"
        + " ports: which one should Elastic Beanstalk's load balancer reach?; choose it with x-eb:"
        + " {entry: web} at the top level, or --entry web[:PORT]");

    Project chosen = load(yaml + "x-eb:\n  entry: admin\n");
    assertThat(plan(chosen, null).entry()).contains(new Entry("admin", 9000, Optional.of(0),
        Optional.of("9000")));
    DeploymentPlan flag = Planner.plan(chosen, new PlanOptions(Optional.empty(),
        Optional.of("admin:9001"), false, Optional.empty()), ManagedPlannerTest.DISK);
    assertThat(flag.entry()).contains(new Entry("admin", 9001, Optional.of(1), Optional.of("9001")));
  }

  @Test
  void anEntryWithAPortItDoesNotPublishGetsANewMapping() throws IOException {
    Project p = load("services:\n  web:\n    image: example/web:1\n");
    DeploymentPlan plan = Planner.plan(p, new PlanOptions(Optional.empty(), Optional.of("web:3000"),
        false, Optional.empty()), ManagedPlannerTest.DISK);
    assertThat(plan.entry()).contains(new Entry("web", 3000, Optional.empty(), Optional.empty()));
    DeploymentPlan noPort = Planner.plan(p, new PlanOptions(Optional.empty(), Optional.of("web"),
        false, Optional.empty()), ManagedPlannerTest.DISK);
    assertThat(report(noPort)).filteredOn(l -> l.contains("error")).singleElement().asString()
        .contains("error: --entry: entry \"web\""
        + " has no tcp port to serve on; give its port: --entry web:PORT");
    DeploymentPlan unknown = Planner.plan(p, new PlanOptions(Optional.empty(), Optional.of("api"),
        false, Optional.empty()), ManagedPlannerTest.DISK);
    assertThat(report(unknown)).filteredOn(l -> l.contains("error")).singleElement().asString()
        .contains("entry \"api\" is not a"
        + " service of the project; choose one of web");
  }

  @Test
  void aServicePublishing80IsTheEntryWithoutAnyReport() throws IOException {
    DeploymentPlan plan = plan(load(FOUR), "t3.small");
    assertThat(plan.entry()).contains(new Entry("web", 80, Optional.of(0), Optional.empty()));
    assertThat(report(plan)).noneMatch(l -> l.contains("ports"));
  }

  @Test
  void servicesOthersWaitForToCompleteAreOneShot() throws IOException {
    Project p = load("""
        services:
          web:
            image: example/web:1
            ports: ["80:80"]
            depends_on:
              migrate: {condition: service_completed_successfully}
              db: {condition: service_started}
          migrate:
            image: example/web:1
          db:
            image: postgres:16
        """);
    assertThat(plan(p, null).oneShot()).containsExactly("migrate");
  }

  @Test
  void bindsOfTheOwnBuildContextAndAnonymousVolumesUnderThemAreDevelopmentMounts()
      throws IOException {
    Files.createDirectories(dir.resolve("api/src"));
    Files.writeString(dir.resolve("api/Dockerfile"), "FROM node:20\n");
    Files.createDirectories(dir.resolve("nginx"));
    Files.writeString(dir.resolve("nginx/default.conf"), "server {}\n");
    String yaml = """
        services:
          api:
            build: ./api
            volumes:
              - ./api:/app
              - /app/node_modules
              - ./api/src:/srv/src
              - data:/data
              - /tmp/cache
          nginx:
            image: nginx:1.27
            ports: ["80:80"]
            volumes:
              - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
        volumes:
          data:
        """;
    Project p = load(yaml);
    DeploymentPlan plan = plan(p, null);
    assertThat(plan.droppedMounts()).extracting(DroppedMount::service, DroppedMount::index)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("api", 0),
            org.assertj.core.groups.Tuple.tuple("api", 2),
            org.assertj.core.groups.Tuple.tuple("api", 1));
    assertThat(report(plan)).contains("compose.yaml:5:9: info: services.api.volumes: development"
        + " mount ./api:/app of \"api\" left out: it mounts the service's own build context over the"
        + " image, which already holds these files; keep it with --keep-dev-mounts or x-eb:"
        + " {keep_dev_mounts: true}", "compose.yaml:6:9: info: services.api.volumes: anonymous"
        + " volume /app/node_modules of \"api\" left out: it only keeps the image's files visible"
        + " under a development mount, which is left out too; keep it with --keep-dev-mounts or"
        + " x-eb: {keep_dev_mounts: true}");

    assertThat(Planner.plan(p, new PlanOptions(Optional.empty(), Optional.empty(), true,
        Optional.empty()), ManagedPlannerTest.DISK).droppedMounts()).isEmpty();
    assertThat(plan(load(yaml + "x-eb:\n  keep_dev_mounts: true\n"), null).droppedMounts())
        .isEmpty();
  }

  @Test
  void xEbSettingsOfTheWrongTypeAreErrorsAtTheirPosition() throws IOException {
    Project p = load("services:\n  web:\n    image: example/web:1\n    ports: [\"80:80\"]\n"
        + "x-eb:\n  keep_dev_mounts: sometimes\n  entry: [web]\n");
    assertThat(report(plan(p, null))).contains(
        "compose.yaml:7:10: error: x-eb.entry: entry must be a non-empty string; e.g. x-eb: {entry: web}",
        "compose.yaml:6:20: error: x-eb.keep_dev_mounts: keep_dev_mounts must be true or false;"
            + " e.g. x-eb: {keep_dev_mounts: true}");
  }

  @Test
  void theSamplesFitAT3MicroAndServeOnPort80() throws IOException {
    Path samples = Path.of(System.getProperty("basedir", ".")).resolve("samples");
    for (String sample : List.of("nginx-react-node-mongo", "nest-postgres", "multi-docker")) {
      Project p = ComposeLoader.load(LoadRequest.inDirectory(samples.resolve(sample), Map.of()))
          .project();
      DeploymentPlan plan = plan(p, "t3.micro");
      assertThat(plan.hasErrors()).as(sample).isFalse();
      assertThat(plan.entry()).as(sample).isPresent();
      assertThat(plan.memory().values().stream().mapToInt(ContainerMemory::placedMib).sum())
          .as(sample).isLessThanOrEqualTo(InstanceTypes.find("t3.micro").orElseThrow().budgetMib());
    }
  }
}
