package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.dockerrun.DockerrunValidator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: every Dockerrun file convert writes for a valid compose project passes the validator,
 * and converting again gives the same bytes. The projects are random (seeded, so a failure
 * reproduces) with 1 to 10 services and random ports, links, depends_on without cycles, memory,
 * volumes, healthchecks, restart policies and environment values that name other services.
 */
class ConvertPropertyTest {
  static final long SEED = 20240611L;
  static final int PROJECTS = 300;
  static final List<String> NAMES = List.of("web", "api", "db", "cache", "worker", "proxy", "my.queue",
      "auth-svc", "search_1", "Admin", "jobs", "static", "mail");

  @Test
  void everyWrittenDockerrunValidatesAndConversionIsDeterministic(@TempDir Path tmp) throws IOException {
    Random random = new Random(SEED);
    for (int i = 0; i < PROJECTS; i++) {
      Path dir = tmp.resolve("p" + i);
      String yaml = project(random, dir);
      Files.writeString(dir.resolve("compose.yaml"), yaml);
      String what = "project " + i + " (seed " + SEED + "):\n" + yaml;

      // an instance type whose budget holds ten containers at the largest memory generated
      Cli.Result first = Cli.run(dir, Map.of(), "convert", "-o", "out1", "--instance-type", "m5.2xlarge");
      assertThat(first.code()).as("exit code of %s\nstderr:\n%s", what, first.err()).isZero();
      String json = Files.readString(dir.resolve("out1/Dockerrun.aws.json"));
      List<Diagnostic> errors = DockerrunValidator.validate("Dockerrun.aws.json", json).stream()
          .filter(Diagnostic::isError).toList();
      assertThat(errors).as("validator errors for %s\n%s", what, json).isEmpty();

      Cli.Result second = Cli.run(dir, Map.of(), "convert", "-o", "out2", "--instance-type",
          "m5.2xlarge");
      assertThat(second.err()).as("report of %s", what).isEqualTo(first.err());
      assertThat(Files.readString(dir.resolve("out2/Dockerrun.aws.json"))).as("second conversion of %s", what)
          .isEqualTo(json);
    }
  }

  /** A random valid compose project; writes the files its binds mount into {@code dir}. */
  static String project(Random r, Path dir) throws IOException {
    Files.createDirectories(dir.resolve("conf"));
    List<String> pool = new ArrayList<>(NAMES);
    java.util.Collections.shuffle(pool, r);
    int n = 1 + r.nextInt(10);
    List<String> names = pool.subList(0, n);
    Set<Integer> hostPorts = new HashSet<>();
    boolean[] healthy = new boolean[n];
    StringBuilder y = new StringBuilder("name: prop\nservices:\n");
    StringBuilder volumes = new StringBuilder();
    for (int i = 0; i < n; i++) {
      String s = names.get(i);
      y.append("  ").append(quote(s)).append(":\n");
      if (r.nextInt(4) == 0) {
        Files.createDirectories(dir.resolve("src" + i));
        Files.writeString(dir.resolve("src" + i + "/Dockerfile"), "FROM alpine:3.20\n");
        y.append("    build: ./src").append(i).append("\n");
      } else {
        y.append("    image: ").append(pick(r, "nginx:1.27", "redis:7", "postgres:16", "example/app:1.0",
            "ghcr.io/acme/tool@sha256:" + "a".repeat(64))).append("\n");
      }
      if (i == 0) {
        // the entry: with several services publishing ports and none on 80, the plan asks which
        hostPorts.add(80);
        y.append("    ports:\n      - \"80:").append(1 + r.nextInt(9000)).append("\"\n");
      }
      ports(r, y, hostPorts, i == 0);
      dependencies(r, y, names, i, healthy);
      memory(r, y);
      if (r.nextInt(3) == 0) {
        healthy[i] = true;
        y.append("    healthcheck:\n      test: [\"CMD\", \"true\"]\n      interval: ")
            .append(pick(r, "1s", "10s", "1m30s", "1500ms", "10m")).append("\n      retries: ")
            .append(r.nextInt(15)).append("\n      timeout: ").append(pick(r, "1s", "5s", "2m")).append("\n");
      }
      if (r.nextInt(4) == 0) {
        y.append("    restart: ").append(pick(r, "\"no\"", "always", "on-failure", "unless-stopped")).append("\n");
      }
      environment(r, y, names, i);
      volumes(r, y, dir, i, volumes);
      if (r.nextInt(8) == 0) {
        y.append("    x-eb:\n      logs: /var/log/app\n");
      }
    }
    if (!volumes.isEmpty()) {
      y.append("volumes:\n").append(volumes);
    }
    return y.toString();
  }

  private static void ports(Random r, StringBuilder y, Set<Integer> hostPorts, boolean opened) {
    int count = r.nextInt(3);
    if (count == 0) {
      return;
    }
    if (!opened) {
      y.append("    ports:\n");
    }
    for (int p = 0; p < count; p++) {
      int container = 1 + r.nextInt(9000);
      switch (r.nextInt(4)) {
        case 0 -> y.append("      - \"").append(container).append("\"\n");
        case 1 -> {
          int host = freePort(r, hostPorts);
          y.append("      - \"").append(host).append(":").append(container).append("/udp\"\n");
        }
        case 2 -> {
          int host = freePort(r, hostPorts);
          y.append("      - target: ").append(container).append("\n        published: \"").append(host)
              .append("\"\n");
        }
        default -> {
          int host = hostPorts.contains(80) ? freePort(r, hostPorts) : 80;
          hostPorts.add(host);
          y.append("      - \"127.0.0.1:").append(host).append(":").append(container).append("\"\n");
        }
      }
    }
  }

  private static int freePort(Random r, Set<Integer> used) {
    while (true) {
      int p = 1024 + r.nextInt(30000);
      if (used.add(p)) {
        return p;
      }
    }
  }

  /** Links and depends_on only to services defined earlier, so they never form a cycle. */
  private static void dependencies(Random r, StringBuilder y, List<String> names, int i, boolean[] healthy) {
    if (i == 0 || r.nextBoolean()) {
      return;
    }
    Set<String> targets = new java.util.LinkedHashSet<>();
    for (int k = 0; k < 1 + r.nextInt(3); k++) {
      targets.add(names.get(r.nextInt(i)));
    }
    if (r.nextBoolean()) {
      y.append("    links:\n");
      for (String t : targets) {
        y.append("      - ").append(quote(t + (r.nextBoolean() ? ":alias" + r.nextInt(100) : ""))).append("\n");
      }
      return;
    }
    y.append("    depends_on:\n");
    for (String t : targets) {
      String condition = healthy[names.indexOf(t)] && r.nextBoolean() ? "service_healthy"
          : pick(r, "service_started", "service_completed_successfully");
      y.append("      ").append(quote(t)).append(":\n        condition: ").append(condition).append("\n");
    }
  }

  private static void memory(Random r, StringBuilder y) {
    switch (r.nextInt(5)) {
      case 0 -> y.append("    mem_limit: ").append(pick(r, "512m", "1g", "100000000", "1m", "64M")).append("\n");
      case 1 -> y.append("    mem_reservation: ").append(pick(r, "128m", "3m", "256M")).append("\n");
      case 2 -> y.append("    deploy:\n      resources:\n        limits:\n          memory: 512M\n"
          + "        reservations:\n          memory: ").append(pick(r, "128M", "512M", "500M")).append("\n");
      default -> { }
    }
  }

  private static void environment(Random r, StringBuilder y, List<String> names, int i) {
    if (r.nextBoolean()) {
      return;
    }
    y.append("    environment:\n");
    for (int k = 0; k < 1 + r.nextInt(4); k++) {
      String other = names.get(r.nextInt(names.size()));
      switch (r.nextInt(5)) {
        case 0 -> y.append("      URL_").append(k).append(": http://").append(other).append(":8080/x\n");
        case 1 -> y.append("      HOST_").append(k).append(": ").append(quote(other)).append("\n");
        case 2 -> y.append("      SECRET_TOKEN_").append(k).append(": \"t").append(r.nextInt(1000)).append("\"\n");
        case 3 -> y.append("      NUMBER_").append(k).append(": ").append(r.nextInt(100)).append("\n");
        default -> y.append("      FLAG_").append(k).append(": ").append(r.nextBoolean()).append("\n");
      }
    }
  }

  private static void volumes(Random r, StringBuilder y, Path dir, int i, StringBuilder topLevel)
      throws IOException {
    int count = r.nextInt(4);
    if (count == 0) {
      return;
    }
    y.append("    volumes:\n");
    for (int k = 0; k < count; k++) {
      switch (r.nextInt(5)) {
        case 0 -> {
          String file = "conf/s" + i + "-" + k + ".conf";
          Files.writeString(dir.resolve(file), "listen " + (8000 + k) + ";\n");
          y.append("      - ./").append(file).append(":/etc/app/").append(k).append(".conf:ro\n");
        }
        case 1 -> {
          String vol = "data" + r.nextInt(3);
          y.append("      - ").append(vol).append(":/data/").append(k).append("\n");
          if (topLevel.indexOf("  " + vol + ":") < 0) {
            topLevel.append("  ").append(vol).append(":\n");
          }
        }
        case 2 -> y.append("      - /scratch/").append(k).append("\n");
        case 3 -> y.append("      - type: tmpfs\n        target: /tmp/").append(k)
            .append("\n        tmpfs:\n          size: ").append(pick(r, "16m", "1000", "1g")).append("\n");
        default -> y.append("      - ./conf:/conf").append(k).append("\n");
      }
    }
  }

  private static String pick(Random r, String... options) {
    return options[r.nextInt(options.length)];
  }

  private static String quote(String s) {
    return "\"" + s + "\"";
  }
}
