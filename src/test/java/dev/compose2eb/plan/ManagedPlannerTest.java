package dev.compose2eb.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.load.ComposeLoader;
import dev.compose2eb.compose.load.LoadRequest;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostic;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ManagedPlannerTest {
  @TempDir Path tmp;

  /** Reads files from the disk, as the CLI's LocalProjectFiles does, without its bounds. */
  static final ProjectTexts DISK = new ProjectTexts() {
    @Override
    public Optional<String> readText(Path file) {
      try {
        return Files.isRegularFile(file) ? Optional.of(Files.readString(file)) : Optional.empty();
      } catch (IOException e) {
        return Optional.empty();
      }
    }

    @Override
    public List<Path> configFiles(Path dir) {
      try (var s = Files.walk(dir)) {
        return s.filter(p -> p.toString().endsWith(".conf")).sorted().toList();
      } catch (IOException e) {
        return List.of();
      }
    }

    @Override
    public boolean exists(Path path) {
      return Files.exists(path);
    }
  };

  static Project load(Path dir) {
    return ComposeLoader.load(LoadRequest.inDirectory(dir, Map.of())).project();
  }

  private Project project(String compose) throws IOException {
    Files.writeString(tmp.resolve("compose.yaml"), compose, StandardCharsets.UTF_8);
    return load(tmp);
  }

  private static List<String> errors(ManagedPlan p) {
    return p.report().stream().filter(Diagnostic::isError).map(Diagnostic::render).toList();
  }

  private static Map<String, ManagedService.Rewrite> rewrites(ManagedService m, String consumer) {
    return m.rewrites().stream().filter(r -> r.consumer().equals(consumer))
        .collect(Collectors.toMap(ManagedService.Rewrite::variable, r -> r));
  }

  /** True when some variable of the project still names {@code host} as a host. */
  static boolean anyVariableNames(Project p, String host) {
    var patterns = HostReferences.matchers(List.of(host));
    return p.services().stream().anyMatch(s -> s.environment().entrySet().stream()
        .anyMatch(e -> !HostReferences.inValue(e.getKey(), e.getValue(), patterns).isEmpty()));
  }

  @Test
  void multiDockerWithPostgresAndRedisManagedRewiresEveryVariableThatNamedThem() {
    Project p = load(Path.of("samples/multi-docker"));
    ManagedPlan plan = ManagedPlanner.plan(p, List.of("postgres", "redis"), DISK);
    assertThat(errors(plan)).isEmpty();
    ManagedService pg = plan.service("postgres").orElseThrow();
    assertThat(pg.engine()).isEqualTo(ManagedEngine.POSTGRES);
    assertThat(pg.engineVersion()).isEqualTo("16"); // postgres:16-alpine
    assertThat(pg.instanceClass()).isEqualTo("db.t4g.micro");
    assertThat(pg.storageGib()).isEqualTo(20);
    assertThat(pg.username()).isEqualTo("postgres");
    assertThat(pg.database()).isEmpty(); // the image's default database is RDS's postgres
    assertThat(pg.passwordParameter()).contains("COMPOSE2EB_POSTGRES_MASTER_PASSWORD");
    Map<String, ManagedService.Rewrite> api = rewrites(pg, "api");
    assertThat(api.keySet()).containsExactlyInAnyOrder("PGHOST", "PGPASSWORD");
    assertThat(api.get("PGHOST").to()).isEqualTo(ManagedService.To.ENDPOINT);
    assertThat(api.get("PGPASSWORD").to()).isEqualTo(ManagedService.To.PASSWORD);
    ManagedService redis = plan.service("redis").orElseThrow();
    assertThat(redis.engineVersion()).isEqualTo("7.1"); // redis:7-alpine
    assertThat(redis.instanceClass()).isEqualTo("cache.t4g.micro");
    assertThat(redis.passwordParameter()).isEmpty();
    assertThat(redis.rewrites()).extracting(r -> r.consumer() + "." + r.variable())
        .containsExactly("api.REDIS_HOST", "worker.REDIS_HOST");

    Project applied = plan.apply(p);
    assertThat(applied.services()).extracting(Service::name)
        .containsExactly("nginx", "client", "api", "worker");
    assertThat(anyVariableNames(applied, "postgres")).isFalse();
    assertThat(anyVariableNames(applied, "redis")).isFalse();
    Service apiService = applied.service("api").orElseThrow();
    assertThat(apiService.dependsOn()).isEmpty();
    assertThat(apiService.environment()).doesNotContainKeys("PGHOST", "PGPASSWORD", "REDIS_HOST")
        .containsEntry("PGPORT", "5432").containsEntry("REDIS_PORT", "6379");
    assertThat(apiService.environment().values()).doesNotContain("postgres_password");
  }

  @Test
  void nestPostgresRewiresTheEnvFileAndReportsItsVolumeUnused() {
    Project p = load(Path.of("samples/nest-postgres"));
    ManagedPlan plan = ManagedPlanner.plan(p, List.of("postgresdb"), DISK);
    assertThat(errors(plan)).isEmpty();
    ManagedService pg = plan.service("postgresdb").orElseThrow();
    assertThat(pg.engineVersion()).isEqualTo(ManagedEngine.POSTGRES.defaultVersion);
    assertThat(pg.database()).contains("example_db");
    assertThat(rewrites(pg, "nestapp").keySet())
        .containsExactlyInAnyOrder("DB_HOST", "DB_PASSWORD", "POSTGRES_PASSWORD");
    assertThat(pg.unusedVolumes()).containsExactly("pgdata");
    assertThat(plan.report()).extracting(Diagnostic::render)
        .anyMatch(l -> l.contains("volume \"pgdata\" is no longer used"))
        .anyMatch(l -> l.contains("image postgres names no version"));
    Project applied = plan.apply(p);
    assertThat(applied.volumes()).isEmpty();
    assertThat(anyVariableNames(applied, "postgresdb")).isFalse();
    assertThat(applied.service("nestapp").orElseThrow().environment().values())
        .doesNotContain("example");
  }

  @Test
  void xEbManagedMappingSetsTheSizeAndFlagsCanAddMore() throws IOException {
    Project p = project("""
        services:
          app:
            image: app
            environment:
              DATABASE_URL: mysql://shop@db:3306/shop
              CACHE: cache:11211
              DB_USER: root
              DB_PASS: rootpw
          db:
            image: mysql:8.0.36
            environment:
              MYSQL_ROOT_PASSWORD: rootpw
              MYSQL_DATABASE: shop
            x-eb:
              managed: {instance_class: db.t4g.small, storage_gib: 50}
          cache:
            image: memcached:1.6-alpine
        """);
    ManagedPlan plan = ManagedPlanner.plan(p, List.of("cache"), DISK);
    assertThat(errors(plan)).isEmpty();
    ManagedService db = plan.service("db").orElseThrow();
    assertThat(db.engine()).isEqualTo(ManagedEngine.MYSQL);
    assertThat(db.engineVersion()).isEqualTo("8.0");
    assertThat(db.instanceClass()).isEqualTo("db.t4g.small");
    assertThat(db.storageGib()).isEqualTo(50);
    assertThat(db.username()).isEqualTo("admin"); // RDS reserves root
    assertThat(db.database()).contains("shop");
    Map<String, ManagedService.Rewrite> app = rewrites(db, "app");
    assertThat(app.get("DATABASE_URL")).isEqualTo(new ManagedService.Rewrite("app", "DATABASE_URL",
        ManagedService.To.ENDPOINT, "mysql://shop@", ":3306/shop"));
    assertThat(app.get("DB_USER")).isEqualTo(new ManagedService.Rewrite("app", "DB_USER",
        ManagedService.To.USERNAME, "admin", ""));
    assertThat(app.get("DB_PASS").to()).isEqualTo(ManagedService.To.PASSWORD);
    ManagedService cache = plan.service("cache").orElseThrow();
    assertThat(cache.engine()).isEqualTo(ManagedEngine.MEMCACHED);
    assertThat(rewrites(cache, "app").get("CACHE")).isEqualTo(new ManagedService.Rewrite("app",
        "CACHE", ManagedService.To.ENDPOINT, "", ":11211"));
  }

  @Test
  void aHostInAConfigFileIsAnErrorAtItsLineWithTheFix() throws IOException {
    Files.createDirectories(tmp.resolve("nginx"));
    Files.writeString(tmp.resolve("nginx/default.conf"), "server {\n  location / {\n"
        + "    proxy_pass http://cache:6379;\n  }\n}\n");
    Project p = project("""
        services:
          web:
            image: nginx
            volumes: ["./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro"]
          cache:
            image: redis:7
            x-eb: {managed: true}
        """);
    ManagedPlan plan = ManagedPlanner.plan(p, List.of(), DISK);
    assertThat(errors(plan)).singleElement().asString()
        .startsWith("nginx/default.conf:3: error: services.web: nginx/default.conf:3 (proxy_pass"
            + " http://cache:6379;) names the host cache, which runs as Amazon ElastiCache")
        .contains("a file cannot be rewritten", "read the host from an environment variable");
  }

  @Test
  void aUrlCarryingThePasswordIsRefusedNotWrittenAsAPlainProperty() throws IOException {
    Project p = project("""
        services:
          app:
            image: app
            environment:
              DATABASE_URL: postgres://app:secret@db:5432/app
          db:
            image: postgres:15
            environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: secret, POSTGRES_DB: app}
        """);
    ManagedPlan plan = ManagedPlanner.plan(p, List.of("db"), DISK);
    assertThat(errors(plan)).singleElement().asString()
        .contains("DATABASE_URL is a URL with a password for db", "in its own variable");
  }

  @Test
  void unsupportedImagesAreErrorsNamingWhatIsSupported() throws IOException {
    Project p = project("""
        services:
          web: {image: "nginx:1.27"}
          mongo: {image: "mongo:7"}
          built: {build: .}
          unknown: {image: "postgres:9.6"}
        """);
    ManagedPlan plan = ManagedPlanner.plan(p, List.of("web", "mongo", "built", "unknown", "nope"),
        DISK);
    List<String> errors = errors(plan);
    assertThat(errors).hasSize(5);
    assertThat(errors).anyMatch(e -> e.contains("runs nginx:1.27, which compose2eb cannot replace")
        && e.contains("postgres (and postgis), mysql, mariadb (RDS); redis, valkey, memcached"));
    assertThat(errors).anyMatch(e -> e.contains("runs MongoDB; Amazon DocumentDB is not offered"));
    assertThat(errors).anyMatch(e -> e.contains("\"built\" builds its own image"));
    assertThat(errors).anyMatch(e -> e.contains("offers versions 13, 14, 15, 16, 17"));
    assertThat(errors).anyMatch(e -> e.contains("--managed nope: the project has no service"));
    assertThat(plan.services()).isEmpty();
  }

  @Test
  void badManagedSettingsAreErrorsAtTheirKey() throws IOException {
    Project p = project("""
        services:
          db:
            image: postgres:16
            x-eb:
              managed: {instance_class: cache.t4g.micro, storage_gib: 10, size: big}
        """);
    List<String> errors = errors(ManagedPlanner.plan(p, List.of(), DISK));
    assertThat(errors).hasSize(3);
    assertThat(errors).anyMatch(e -> e.contains("unknown key \"size\" in x-eb.managed"));
    assertThat(errors).anyMatch(e -> e.contains("instance_class cache.t4g.micro is not an Amazon RDS class"));
    assertThat(errors).anyMatch(e -> e.contains("storage_gib must be a whole number from 20 to 65536"));
  }

  @ParameterizedTest
  @CsvSource({
      "POSTGRES, 16-alpine, 16", "POSTGRES, 17.2, 17", "POSTGRES, latest, 17", "POSTGRES, '', 17",
      "POSTGRES, 12, ''", "MYSQL, 8, 8.4", "MYSQL, 8.0.36, 8.0", "MYSQL, 5.7, ''",
      "MARIADB, 10, 10.11", "MARIADB, 10.6.18, 10.6", "MARIADB, 11.4, 11.4", "REDIS, 7.2-alpine, 7.1",
      "REDIS, 6, 6.2", "REDIS, 8, ''", "VALKEY, 8.1, 8.0", "VALKEY, 7, 7.2",
      "MEMCACHED, 1.6.29, 1.6.22", "MEMCACHED, alpine, 1.6.22"})
  void theImageTagGivesTheEngineVersion(ManagedEngine engine, String tag, String expected) {
    assertThat(engine.versionForTag(tag).orElse("")).isEqualTo(expected);
  }

  @Test
  void imagesAreRecognisedByTheirRepositoryName() {
    assertThat(ManagedEngine.ofImage("docker.io/library/postgres:16")).contains(ManagedEngine.POSTGRES);
    assertThat(ManagedEngine.ofImage("valkey/valkey:8")).contains(ManagedEngine.VALKEY);
    assertThat(ManagedEngine.ofImage("bitnami/redis")).contains(ManagedEngine.REDIS);
    assertThat(ManagedEngine.ofImage("myorg/postgres-backup:1")).isEmpty();
    assertThat(ImageReference.tag("localhost:5000/postgres:16@sha256:abc")).isEqualTo("16");
    assertThat(ImageReference.tag("localhost:5000/postgres")).isEmpty();
  }
}
