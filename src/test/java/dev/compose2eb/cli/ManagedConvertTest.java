package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code convert --managed}: the container leaves, the config arrives, no password anywhere. */
class ManagedConvertTest {
  @TempDir Path tmp;

  private static String read(Path p) throws IOException {
    return Files.readString(p);
  }

  @Test
  void multiDockerWithPostgresAndRedisManaged() throws IOException {
    Path repo = Path.of("").toAbsolutePath();
    Cli.Result r = Cli.run(repo, "convert", "-f", "samples/multi-docker/docker-compose.yml",
        "-o", tmp.toString(), "--managed", "postgres", "--managed", "redis",
        "--application", "multi", "--environment", "multi-prod");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out()).contains(".ebextensions/compose2eb-managed.config");
    String dockerrun = read(tmp.resolve("Dockerrun.aws.json"));
    String config = read(tmp.resolve(".ebextensions/compose2eb-managed.config"));
    assertThat(dockerrun).doesNotContain("\"name\": \"postgres\"", "\"name\": \"redis\"",
        "PGHOST", "REDIS_HOST", "PGPASSWORD", "postgres_password", "redis:",
        "\"containerName\": \"postgres\"", "\"containerName\": \"redis\"");
    assertThat(config).contains("AWS::RDS::DBInstance", "AWS::ElastiCache::CacheCluster",
        "/compose2eb/multi/multi-prod/COMPOSE2EB_POSTGRES_MASTER_PASSWORD")
        .doesNotContain("postgres_password");
    assertThat(r.err()).contains("\"postgres\" runs as Amazon RDS PostgreSQL 16",
        "it costs money while it exists");
    // the same input gives the same bytes
    Path again = tmp.resolve("again");
    Cli.run(repo, "convert", "-f", "samples/multi-docker/docker-compose.yml", "-o", again.toString(),
        "--managed", "redis", "--managed", "postgres", "--application", "multi",
        "--environment", "multi-prod");
    assertThat(read(again.resolve(".ebextensions/compose2eb-managed.config"))).isEqualTo(config);
    assertThat(read(again.resolve("Dockerrun.aws.json"))).isEqualTo(dockerrun);
  }

  @Test
  void onTheDockerPlatformTheServicesLeaveTheComposeFileAndTheirConsumersReadDotEnv()
      throws IOException {
    Path repo = Path.of("").toAbsolutePath();
    Cli.Result r = Cli.run(repo, "convert", "-f", "samples/multi-docker/docker-compose.yml",
        "--platform", "docker", "-o", tmp.toString(), "--managed", "postgres", "--managed", "redis",
        "--application", "multi", "--environment", "multi-prod");
    assertThat(r.code()).as(r.err()).isZero();
    String compose = read(tmp.resolve("docker-compose.yml"));
    // the same config as on the ECS platform, from the same plan
    Path ecs = tmp.resolve("ecs");
    Cli.run(repo, "convert", "-f", "samples/multi-docker/docker-compose.yml", "-o", ecs.toString(),
        "--managed", "postgres", "--managed", "redis", "--application", "multi",
        "--environment", "multi-prod");
    assertThat(read(tmp.resolve(".ebextensions/compose2eb-managed.config")))
        .isEqualTo(read(ecs.resolve(".ebextensions/compose2eb-managed.config")));
    assertThat(compose).doesNotContain("  postgres:", "  redis:", "PGHOST", "REDIS_HOST",
        "PGPASSWORD", "postgres_password", "redis:7");
    // api and worker read the rewired variables (EB environment properties) from the .env EB
    // writes; the services that read none do not get it
    assertThat(compose).contains("""
          api:
            env_file:
              - .env
        """, """
          worker:
            env_file:
              - .env
        """);
    assertThat(compose.split("env_file:", -1)).hasSize(3);
  }

  @Test
  void nestPostgresLeavesNoHostNorPasswordOfTheDatabase() throws IOException {
    Path repo = Path.of("").toAbsolutePath();
    Cli.Result r = Cli.run(repo, "convert", "-f", "samples/nest-postgres/docker-compose.yml",
        "-o", tmp.toString(), "--managed", "postgresdb", "--application", "nest",
        "--environment", "nest-prod");
    assertThat(r.code()).as(r.err()).isZero();
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        assertThat(read(f)).as(f.toString()).doesNotContain("\"example\"", "=example\n");
        if (f.getFileName().toString().equals("buildspec.yml")) {
          // CodeBuild's convert must ask for the same managed service
          assertThat(read(f)).contains("--managed postgresdb");
        } else if (!f.toString().endsWith(".config")) { // the config names the service it replaces
          assertThat(read(f)).as(f.toString()).doesNotContain("postgresdb", "pgdata");
        }
      }
    }
  }

  @Test
  void withoutTheNamesOrWithAnUnsupportedImageNothingIsWritten() throws IOException {
    Path repo = Path.of("").toAbsolutePath();
    Cli.Result r = Cli.run(repo, "convert", "-f", "samples/multi-docker/docker-compose.yml",
        "-o", tmp.toString(), "--managed", "postgres");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("managed services need the application and environment names",
        "pass --application and --environment");
    Cli.Result nginx = Cli.run(repo, "convert", "-f", "samples/multi-docker/docker-compose.yml",
        "-o", tmp.toString(), "--managed", "nginx", "--application", "a", "--environment", "b");
    assertThat(nginx.code()).isEqualTo(3);
    assertThat(nginx.err()).contains("\"nginx\" builds its own image", "nothing written");
    try (Stream<Path> files = Files.list(tmp)) {
      assertThat(files).isEmpty();
    }
  }

  @Test
  void bundleCarriesTheManagedConfigOnBothPlatforms() throws IOException {
    Path repo = Path.of("").toAbsolutePath();
    Path zip = tmp.resolve("b.zip");
    Cli.Result bundle = Cli.run(repo, "bundle", "-f", "samples/multi-docker/docker-compose.yml",
        "--managed", "redis", "--managed", "postgres", "--application", "multi", "--environment",
        "multi-prod", "-o", zip.toString());
    assertThat(bundle.code()).as(bundle.err()).isZero();
    Map<String, String> entries = entries(zip);
    // the same bytes convert writes for the same plan and names
    Cli.Result convert = Cli.run(repo, "convert", "-f", "samples/multi-docker/docker-compose.yml",
        "-o", tmp.resolve("out").toString(), "--managed", "postgres", "--managed", "redis",
        "--application", "multi", "--environment", "multi-prod");
    assertThat(convert.code()).as(convert.err()).isZero();
    assertThat(entries.get(".ebextensions/compose2eb-managed.config"))
        .isEqualTo(read(tmp.resolve("out/.ebextensions/compose2eb-managed.config")));
    assertThat(entries.get("Dockerrun.aws.json"))
        .isEqualTo(read(tmp.resolve("out/Dockerrun.aws.json")))
        .doesNotContain("\"name\": \"postgres\"");
    assertThat(String.join("\n", entries.values())).doesNotContain("postgres_password");

    Cli.Result missingNames = Cli.run(repo, "bundle", "-f",
        "samples/multi-docker/docker-compose.yml", "--managed", "postgres", "-o",
        tmp.resolve("c.zip").toString());
    assertThat(missingNames.code()).isEqualTo(3);
    assertThat(missingNames.err()).contains("managed services need the application and"
        + " environment names");
    assertThat(tmp.resolve("c.zip")).doesNotExist();

    // the Docker platform's bundle carries the same config beside its compose file
    Cli.Result docker = Cli.run(repo, "bundle", "-f", "samples/multi-docker/docker-compose.yml",
        "--platform", "docker", "--managed", "redis", "--managed", "postgres", "--application",
        "multi", "--environment", "multi-prod", "-o", tmp.resolve("d.zip").toString());
    assertThat(docker.code()).as(docker.err()).isZero();
    Map<String, String> dockerEntries = entries(tmp.resolve("d.zip"));
    assertThat(dockerEntries.get(".ebextensions/compose2eb-managed.config"))
        .isEqualTo(entries.get(".ebextensions/compose2eb-managed.config"));
    assertThat(dockerEntries.get("docker-compose.yml")).doesNotContain("image: postgres")
        .doesNotContain("postgres_password");
  }

  @Test
  void aBundleTakesTheManagedConfigOnlyAsGeneratedForItsOwnPlan() throws IOException {
    Path p = tmp.resolve("p");
    Cli.write(p, "compose.yaml", """
        x-eb: {application: shop, environment: shop-prod}
        services:
          web:
            image: example/web:1.0
            ports: ["80:80"]
            environment: {REDIS_HOST: cache}
          cache:
            image: redis:7.2
        """);
    // left by an earlier convert --managed, or written by hand
    Cli.write(p, ".ebextensions/compose2eb-managed.config", "{\"Resources\": {\"Stale\": {}}}\n");
    Cli.write(p, ".ebextensions/own.config", "option_settings: []\n");
    Cli.Result plain = Cli.run(p, "bundle", "-o", tmp.resolve("plain.zip").toString());
    assertThat(plain.code()).as(plain.err()).isZero();
    assertThat(entries(tmp.resolve("plain.zip"))).containsKey(".ebextensions/own.config")
        .doesNotContainKey(".ebextensions/compose2eb-managed.config");
    assertThat(plain.err()).contains(".ebextensions/compose2eb-managed.config left out: the"
        + " project asks for no managed service now");
    Cli.Result managed = Cli.run(p, "bundle", "--managed", "cache", "-o",
        tmp.resolve("managed.zip").toString());
    assertThat(managed.code()).as(managed.err()).isZero();
    Map<String, String> entries = entries(tmp.resolve("managed.zip"));
    assertThat(entries.get(".ebextensions/compose2eb-managed.config"))
        .contains("AWS::ElastiCache::CacheCluster").doesNotContain("Stale");
    assertThat(entries).containsKey(".ebextensions/own.config");
  }

  /** A bundle's file entries, name to text. */
  static Map<String, String> entries(Path zip) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        if (!e.isDirectory()) {
          out.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return out;
  }

  @Test
  void iamPolicyForTheManagedSamplePrintsTheDocument() throws IOException {
    Path repo = Path.of("").toAbsolutePath();
    Cli.Result r = Cli.run(repo, "iam-policy", "-f", "samples/multi-docker/docker-compose.yml",
        "--managed", "postgres", "--application", "multi", "--environment", "multi-prod");
    assertThat(r.code()).as(r.err()).isZero();
    var policy = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
    assertThat(policy.get("Version").asText()).isEqualTo("2012-10-17");
    assertThat(r.out()).contains("arn:aws:ecr:*:*:repository/multi-docker-api",
        "arn:aws:ssm:*:*:parameter/compose2eb/multi/multi-prod/*", "rds:CreateDBInstance")
        .doesNotContain("elasticache:CreateCacheCluster", "iam:CreateRole");
    Cli.Result missing = Cli.run(repo, "iam-policy", "-f", "samples/multi-docker/docker-compose.yml",
        "--managed", "postgres");
    assertThat(missing.code()).isEqualTo(3);
    assertThat(missing.out()).isEmpty();
  }

  @Test
  void iamPolicyForTheDockerPlatformHasNoEcsRole() throws IOException {
    Path repo = Path.of("").toAbsolutePath();
    Cli.Result ecs = Cli.run(repo, "iam-policy", "-f", "samples/multi-docker/docker-compose.yml",
        "--create-roles");
    Cli.Result docker = Cli.run(repo, "iam-policy", "-f", "samples/multi-docker/docker-compose.yml",
        "--create-roles", "--platform", "docker");
    assertThat(docker.code()).as(docker.err()).isZero();
    assertThat(ecs.out()).contains("compose2eb-ecs-task-execution-role",
        "AWSElasticBeanstalkMulticontainerDocker");
    assertThat(docker.out()).doesNotContain("compose2eb-ecs-task-execution-role",
        "AWSElasticBeanstalkMulticontainerDocker")
        .contains("arn:*:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly");
    Cli.Result bad = Cli.run(repo, "iam-policy", "-f", "samples/multi-docker/docker-compose.yml",
        "--platform", "swarm");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--platform must be ecs or docker, not \"swarm\"");
  }
}
