package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The commands in-process: exact streams, exit codes and files. */
class CliCommandsTest {
  static final String COMPOSE = """
      services:
        web:
          image: nginx:1.27
          mem_limit: 64m
          ports: ["80:80"]
          depends_on: [api]
        api:
          image: example/api:1.0
          mem_limit: 64m
      """;
  static final String DOCKERRUN = """
      {
        "AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
          {
            "name": "web",
            "image": "nginx:1.27",
            "essential": true,
            "memory": 64,
            "portMappings": [
              {
                "containerPort": 80,
                "hostPort": 80,
                "protocol": "tcp"
              }
            ],
            "links": [
              "api"
            ],
            "dependsOn": [
              {
                "containerName": "api",
                "condition": "START"
              }
            ]
          },
          {
            "name": "api",
            "image": "example/api:1.0",
            "essential": true,
            "memory": 64
          }
        ]
      }
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Cli.write(dir, name, text);
  }

  private List<String> files(String sub) throws IOException {
    try (Stream<Path> s = Files.list(dir.resolve(sub))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void helpListsCommandsAndExitCodes() {
    Cli.Result r = Cli.run(dir, "--help");
    assertThat(r.code()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(r.out()).contains("Usage: compose2eb [-hV] [COMMAND]")
        .containsPattern("(?m)^  config +Print the resolved compose project")
        .containsPattern("(?m)^  convert +Translate the compose project")
        .containsPattern("(?m)^  validate +Check Dockerrun.aws.json files")
        .containsPattern("(?m)^  diff +Compare two Dockerrun.aws.json files")
        .containsPattern("(?m)^  graph +Print the containers, links")
        .endsWith("""
            Exit codes:
              0   success (warnings may have been printed)
              1   failure (writing an output file, a remote call that failed, a bug)
              2   usage error (unknown option, missing argument)
              3   invalid input (a wrong, missing or unreadable input file), or any warning with --strict
              4   a difference was found (convert --check, diff); deploy: deployed but unhealthy

            """);
    assertThat(Cli.run(dir, "convert", "--help").out()).contains("--check", "--report=FILE.json",
        "--registry=HOST", "--default-memory=MIB", "--env-to-eb", "--strict", "Exit codes:");
  }

  @Test
  void version() {
    assertThat(Cli.run(dir, "--version")).isEqualTo(new Cli.Result(0, "compose2eb dev\n", ""));
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    assertThat(Cli.run(dir, "--bogus")).isEqualTo(new Cli.Result(2, "",
        "error: Unknown option: '--bogus'\nRun 'compose2eb --help' for usage.\n"));
    assertThat(Cli.run(dir, "convert", "--bogus")).isEqualTo(new Cli.Result(2, "",
        "error: Unknown option: '--bogus'\nRun 'compose2eb convert --help' for usage.\n"));
    assertThat(Cli.run(dir)).isEqualTo(new Cli.Result(2, "",
        "error: missing command\nRun 'compose2eb --help' for usage.\n"));
    assertThat(Cli.run(dir, "convert", "--default-memory", "5")).isEqualTo(new Cli.Result(2, "",
        "error: --default-memory must be at least 6 (MiB), not 5\nRun 'compose2eb convert --help' for usage.\n"));
    assertThat(Cli.run(dir, "diff", "a.json").code()).isEqualTo(2);
  }

  @Test
  void convertWritesIntoTheProjectDirectoryByDefault() throws IOException {
    write("app/compose.yaml", COMPOSE);
    Cli.Result r = Cli.run(dir, "convert", "-f", "app/compose.yaml");
    assertThat(r).isEqualTo(new Cli.Result(0, "app/Dockerrun.aws.json\napp/buildspec.yml\n",
        "converted 2 service(s): 0 warning(s)\n"));
    assertThat(Files.readString(dir.resolve("app/Dockerrun.aws.json"))).isEqualTo(DOCKERRUN);
    assertThat(files("app")).containsExactly("Dockerrun.aws.json", "buildspec.yml", "compose.yaml");
  }

  @Test
  void convertLeavesNoTempFilesAndIsAtomicOnFailure() throws IOException {
    write("compose.yaml", COMPOSE);
    assertThat(Cli.run(dir, "convert", "-o", "out").code()).isZero();
    assertThat(files("out")).containsExactly("Dockerrun.aws.json", "buildspec.yml");

    write("compose.yaml", COMPOSE.replace("\"80:80\"", "\"80:80\", \"22:22\""));
    Cli.Result r = Cli.run(dir, "convert", "-o", "out");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).isEqualTo("compose.yaml:5:22: error: services.web.ports: host port 22 is"
        + " reserved on Elastic Beanstalk instances (22 SSH, 2375/2376 Docker, 51678-51680 ECS"
        + " agent); publish another host port, e.g. \"8080:22\"\n"
        + "error: 1 error(s), 0 warning(s); nothing written\n");
    assertThat(files("out")).containsExactly("Dockerrun.aws.json", "buildspec.yml");
    assertThat(Files.readString(dir.resolve("out/Dockerrun.aws.json"))).isEqualTo(DOCKERRUN);
  }

  @Test
  void convertFailingOnAFreshDirectoryWritesNothing() throws IOException {
    write("compose.yaml", "services:\n  web:\n    image: nginx\n    ports: [\"9:9/sctp\"]\n");
    assertThat(Cli.run(dir, "convert", "-o", "out").code()).isEqualTo(3);
    assertThat(dir.resolve("out")).doesNotExist();
  }

  @Test
  void strictFailsOnWarnings() throws IOException {
    write("compose.yaml", "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n"
        + "  db:\n    image: postgres\n    ports: [\"5432:5432\"]\n");
    Cli.Result r = Cli.run(dir, "convert", "--strict");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).endsWith("error: 1 warning(s) with --strict; nothing written\n");
    assertThat(dir.resolve("Dockerrun.aws.json")).doesNotExist();
  }

  @Test
  void checkReportsDifferencesAsAUnifiedDiffAndWritesNothing() throws IOException {
    write("compose.yaml", COMPOSE);
    Cli.Result missing = Cli.run(dir, "convert", "-o", "out", "--check");
    assertThat(missing.code()).isEqualTo(4);
    assertThat(missing.out()).startsWith("--- /dev/null\n+++ out/Dockerrun.aws.json\n@@ -0,0 +1,33 @@\n+{\n");
    assertThat(missing.err()).isEqualTo("generated files are out of date; run compose2eb convert\n");
    assertThat(dir.resolve("out")).doesNotExist();

    Cli.run(dir, "convert", "-o", "out");
    assertThat(Cli.run(dir, "convert", "-o", "out", "--check"))
        .isEqualTo(new Cli.Result(0, "", "generated files are up to date\n"));

    write("compose.yaml", COMPOSE.replace("image: nginx:1.27", "image: nginx:1.28"));
    Cli.Result changed = Cli.run(dir, "convert", "-o", "out", "--check");
    assertThat(changed).isEqualTo(new Cli.Result(4, """
        --- out/Dockerrun.aws.json
        +++ out/Dockerrun.aws.json (generated)
        @@ -3,7 +3,7 @@
           "containerDefinitions": [
             {
               "name": "web",
        -      "image": "nginx:1.27",
        +      "image": "nginx:1.28",
               "essential": true,
               "memory": 64,
               "portMappings": [
        """, "generated files are out of date; run compose2eb convert\n"));
    assertThat(Files.readString(dir.resolve("out/Dockerrun.aws.json"))).isEqualTo(DOCKERRUN);
    assertThat(files("out")).containsExactly("Dockerrun.aws.json", "buildspec.yml");
  }

  @Test
  void reportFileHoldsEveryDiagnostic() throws IOException {
    write("compose.yaml", "services:\n  web:\n    image: nginx\n    ports: [\"80:80\"]\n    expose: [\"81\"]\n");
    Cli.Result r = Cli.run(dir, "convert", "-o", "out", "--report", "reports/r.json");
    assertThat(r.code()).isZero();
    assertThat(r.out()).isEqualTo("out/Dockerrun.aws.json\nout/buildspec.yml\n");
    assertThat(Files.readString(dir.resolve("reports/r.json"))).isEqualTo("""
        {
          "errors": 0,
          "warnings": 0,
          "infos": 2,
          "diagnostics": [
            {
              "severity": "info",
              "file": "compose.yaml",
              "line": 2,
              "column": 3,
              "path": "services",
              "message": "memory for a t3.small (1843 MiB for containers): web states none and gets a soft reservation of 1843 MiB",
              "hint": "state what a service needs with deploy.resources.reservations.memory or mem_limit"
            },
            {
              "severity": "info",
              "file": "compose.yaml",
              "line": 5,
              "column": 5,
              "path": "services.web.expose",
              "message": "expose ignored: nothing to emit: links carry container-to-container traffic",
              "hint": ""
            }
          ]
        }
        """);
  }

  @Test
  void reportIsWrittenForAFailedConversionToo() throws IOException {
    write("compose.yaml", "services:\n  web:\n    image: nginx\n    mem_limit: 64m\n    ports: [\"80:80\", \"80:81\"]\n");
    assertThat(Cli.run(dir, "convert", "--report", "r.json").code()).isEqualTo(3);
    assertThat(Files.readString(dir.resolve("r.json"))).startsWith("{\n  \"errors\": 1,\n  \"warnings\": 0,");
    assertThat(dir.resolve("Dockerrun.aws.json")).doesNotExist();
  }

  @Test
  void validateGoodBadAndMissingFiles() throws IOException {
    write("good.json", DOCKERRUN);
    write("bad.json", """
        {
          "AWSEBDockerrunVersion": 2,
          "containerDefinitions": [
            {
              "name": "web",
              "image": "nginx",
              "memory": 64,
              "links": ["db"],
              "portMappings": [{"containerPort": 80, "hostPort": 80}]
            }
          ]
        }
        """);
    assertThat(Cli.run(dir, "validate", "good.json"))
        .isEqualTo(new Cli.Result(0, "good.json: valid\n", ""));
    assertThat(Cli.run(dir, "validate", "good.json", "bad.json", "missing.json")).isEqualTo(new Cli.Result(3,
        "good.json: valid\nbad.json: 1 error(s)\nmissing.json: 1 error(s)\n",
        "bad.json:8:17: error: containerDefinitions[0].links[0]: link \"db\" names no container of"
            + " this file; links join containers of the same task; containers are: web\n"
            + "missing.json: error: file not found; check the path\n"));
  }

  @Test
  void validateWarnsAboutAnEnvironmentValueThatLooksSecret() throws IOException {
    write("env.json", """
        {
          "AWSEBDockerrunVersion": 2,
          "containerDefinitions": [
            {
              "name": "web",
              "image": "nginx",
              "memory": 64,
              "portMappings": [{"containerPort": 80, "hostPort": 80}],
              "environment": [
                {"name": "DATABASE_URL", "value": "postgres://app:pw@db/app"},
                {"name": "DB_PASSWORD", "value": "x"},
                {"name": "HOME_URL", "value": "https://example.com"}
              ]
            }
          ]
        }
        """);
    assertThat(Cli.run(dir, "validate", "env.json")).isEqualTo(new Cli.Result(0,
        "env.json: valid, 2 warning(s)\n",
        "env.json:10:43: warning: containerDefinitions[0].environment[0].value: the value of"
            + " \"DATABASE_URL\" looks secret and is stored in clear text in this file and in the source"
            + " bundle; keep it in SSM Parameter Store or Secrets Manager and reference it: compose2eb"
            + " deploy does so for you from aws:elasticbeanstalk:application:environmentsecrets\n"
            + "env.json:11:42: warning: containerDefinitions[0].environment[1].value: the value of"
            + " \"DB_PASSWORD\" looks secret and is stored in clear text in this file and in the source"
            + " bundle; keep it in SSM Parameter Store or Secrets Manager and reference it: compose2eb"
            + " deploy does so for you from aws:elasticbeanstalk:application:environmentsecrets\n"));
  }

  @Test
  void everyConvertedFileValidates() throws IOException {
    write("compose.yaml", COMPOSE);
    Cli.run(dir, "convert", "-o", "out");
    assertThat(Cli.run(dir, "validate", "out/Dockerrun.aws.json").code()).isZero();
  }

  @Test
  void diffIgnoresFormattingAndReportsChanges() throws IOException {
    write("a.json", DOCKERRUN);
    write("b.json", """
        {"containerDefinitions": [
          {"memory": 64, "image": "example/api:1.0", "name": "api", "essential": true},
          {"dependsOn": [{"condition": "START", "containerName": "api"}], "links": ["api"],
           "name": "web", "image": "nginx:1.27", "essential": true, "memory": 64,
           "portMappings": [{"hostPort": 80, "containerPort": 80, "protocol": "tcp"}]}],
         "AWSEBDockerrunVersion": 2}
        """);
    write("c.json", DOCKERRUN.replace("\"memory\": 64\n", "\"memory\": 128\n").replace("nginx:1.27", "nginx:1.28"));
    assertThat(Cli.run(dir, "diff", "a.json", "b.json")).isEqualTo(new Cli.Result(0, "", ""));
    assertThat(Cli.run(dir, "diff", "a.json", "c.json")).isEqualTo(new Cli.Result(4,
        "~ api.memory: 64 -> 128\n~ web.image: \"nginx:1.27\" -> \"nginx:1.28\"\n", ""));
    Cli.Result missing = Cli.run(dir, "diff", "a.json", "nope.json");
    assertThat(missing).isEqualTo(new Cli.Result(3, "", "nope.json: error: file not found; check the path\n"));
  }

  @Test
  void graphOfTheProjectAndOfAFile() throws IOException {
    write("compose.yaml", COMPOSE);
    String expected = """
        flowchart LR
          c_web["web<br/>nginx:1.27"]
          c_api["api<br/>example/api:1.0"]
          p_80((":80"))
          p_80 --> c_web
          c_web -->|"START"| c_api
        """;
    assertThat(Cli.run(dir, "graph")).isEqualTo(new Cli.Result(0, expected, ""));
    write("d.json", DOCKERRUN);
    assertThat(Cli.run(dir, "graph", "--dockerrun", "d.json")).isEqualTo(new Cli.Result(0, expected, ""));
  }

  @Test
  void graphOfAnInvalidProjectFails() throws IOException {
    write("compose.yaml", "services:\n  a:\n    image: x\n    links: [b]\n  b:\n    image: y\n    links: [a]\n");
    Cli.Result r = Cli.run(dir, "graph");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    // links imply depends_on, and compose refuses the cycle when it loads the project
    assertThat(r.err()).contains("compose.yaml:7:13: error: services.b.depends_on: dependency cycle"
        + " detected: a -> b -> a");
  }

  @Test
  void convertWritesBothFilesOrNeither(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
    Path out = Files.createDirectories(dir.resolve("out"));
    Files.writeString(out.resolve("Dockerrun.aws.json"), "old\n");
    Files.createDirectories(out.resolve("buildspec.yml"));
    Cli.Result r = Cli.run(dir, "convert", "-o", "out");
    assertThat(r.code()).isEqualTo(1);
    assertThat(Files.readString(out.resolve("Dockerrun.aws.json"))).isEqualTo("old\n");
    assertThat(r.err()).endsWith("error: I/O error: " + out.resolve("buildspec.yml")
        + ": is a directory; nothing was written\n").doesNotContain("--help");
    try (Stream<Path> s = Files.list(out)) {
      assertThat(s.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder(
          "Dockerrun.aws.json", "buildspec.yml");
    }
  }

  @Test
  void anIoFailureSaysWhyAndIsNotAUsageError(@TempDir Path dir) throws IOException {
    Files.writeString(dir.resolve("compose.yaml"), COMPOSE);
    Files.writeString(dir.resolve("afile"), "x");
    Cli.Result r = Cli.run(dir, "convert", "-o", "afile/out");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).endsWith("error: I/O error: " + dir.resolve("afile/out")
        + ": Not a directory\n");
    // Java's own messages for these are the path alone
    assertThat(FailureHandler.fileProblem(new java.nio.file.AccessDeniedException("/srv/out")))
        .isEqualTo("/srv/out: permission denied");
    assertThat(FailureHandler.fileProblem(new java.nio.file.NotDirectoryException("/srv/f")))
        .isEqualTo("/srv/f: not a directory");
  }
}
