package dev.compose2eb.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Map;

/**
 * The training run of the launcher ({@code target/compose2eb}): runs the short commands once, in
 * process, on a small project in a temporary directory, so that the class-data archive (AppCDS, or
 * the AOT cache on JDK 25) the JVM writes at exit holds the classes those commands load. Prints
 * nothing, reads nothing of the user's, calls no network and leaves no file behind; the launcher
 * throws away whatever it prints. Never used by the commands themselves.
 */
public final class Training {
  private static final String COMPOSE = """
      name: training
      x-common: &common
        restart: unless-stopped
        logging: {driver: json-file, options: {max-size: 10m}}
      services:
        web:
          <<: *common
          build: {context: ./web, args: {MODE: prod}}
          ports: ["80:8080"]
          environment:
            API_URL: http://api:5000
            TAG: ${TAG:-1.0}
          depends_on: [api]
          mem_limit: 128m
          volumes: ["./static:/srv/static:ro", "cache:/var/cache"]
        api:
          image: "registry.example.com/app/api:${TAG:-1.0}"
          command: ["node", "server.js", "--port", "5000"]
          env_file: [api.env]
          healthcheck:
            test: ["CMD", "wget", "-qO-", "http://localhost:5000/health"]
            interval: 30s
            timeout: 5s
            retries: 3
            start_period: 10s
          deploy: {resources: {limits: {memory: 256M}, reservations: {memory: 128M}}}
          labels: {team: training}
          ulimits: {nofile: {soft: 1024, hard: 4096}}
          tmpfs: [/tmp]
        db:
          image: postgres:16-alpine
          environment: [POSTGRES_PASSWORD=example]
        cache:
          image: redis:7-alpine
        worker:
          build: ./worker
          environment: [REDIS_HOST=cache, "REDIS_PORT=6379", PGHOST=db]
          depends_on: [cache, db]
          deploy: {resources: {reservations: {memory: 64M}}}
      volumes:
        cache: {}
      """;

  private Training() {}

  public static void main(String[] args) throws IOException {
    Path dir = Files.createTempDirectory("compose2eb-training");
    try {
      run(dir);
    } finally {
      delete(dir);
    }
    System.exit(0);
  }

  static void run(Path dir) throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
    Files.writeString(dir.resolve("api.env"), "LOG_LEVEL=info\n");
    Files.createDirectories(dir.resolve("web"));
    Files.writeString(dir.resolve("web/Dockerfile"), "FROM nginx:1.27\n");
    Files.createDirectories(dir.resolve("worker"));
    Files.writeString(dir.resolve("worker/Dockerfile"), "FROM node:22-alpine\n");
    Files.createDirectories(dir.resolve("static"));
    Files.writeString(dir.resolve("static/index.html"), "<p>training</p>\n");
    PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), true,
        StandardCharsets.UTF_8);
    Console console = new Console(sink, sink, Map.of(), dir);
    String compose = dir.resolve("compose.yaml").toString();
    for (List<String> args : List.of(
        List.of("--version"),
        List.of("--help"),
        List.of("config", "-f", compose),
        List.of("convert", "-f", compose, "-o", "out", "--report", "report.json"),
        List.of("convert", "-f", compose, "-o", "out", "--check"),
        List.of("convert", "--help"),
        List.of("validate", "out/Dockerrun.aws.json"),
        List.of("diff", "out/Dockerrun.aws.json", "out/Dockerrun.aws.json"),
        List.of("graph", "-f", compose),
        List.of("buildspec", "-f", compose, "-o", "spec"),
        List.of("bundle", "-f", compose, "-o", "bundle.zip"),
        List.of("config", "-f", "missing.yaml"))) {
      Main.run(console, args.toArray(String[]::new));
    }
  }

  private static void delete(Path dir) throws IOException {
    Files.walkFileTree(dir, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
        Files.delete(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
        if (e != null) {
          throw new UncheckedIOException(e);
        }
        Files.delete(d);
        return FileVisitResult.CONTINUE;
      }
    });
  }
}
