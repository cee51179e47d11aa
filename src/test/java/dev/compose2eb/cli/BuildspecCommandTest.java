package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildspecCommandTest {
  @TempDir Path dir;

  private static final String COMPOSE = """
      name: shop
      services:
        web:
          build:
            context: ./web
            args:
              NPM_TOKEN: s3cr3t-token
          ports: ["80:80"]
          mem_limit: 128m
        debug:
          image: busybox
          profiles: [debug]
          mem_limit: 16m
      """;

  private Path project() throws IOException {
    Path p = dir.resolve("proj");
    Files.createDirectories(p.resolve("web"));
    Files.createDirectories(p.resolve("config"));
    Files.writeString(p.resolve("compose.yaml"), COMPOSE);
    Files.writeString(p.resolve("config/app.env"), "UNUSED=1\n");
    return p;
  }

  private static List<String> files(Path d) throws IOException {
    try (Stream<Path> s = Files.list(d)) {
      return s.filter(Files::isRegularFile).map(f -> f.getFileName().toString()).sorted().toList();
    }
  }

  private static String line(String text, String startingWith) {
    return text.lines().map(String::strip).filter(l -> l.startsWith(startingWith)).findFirst()
        .orElseThrow();
  }

  @Test
  void writesOnlyBuildspecAndPrintsItsPath() throws IOException {
    Path p = project();

    Cli.Result r = Cli.run(p, "buildspec");

    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("buildspec.yml\n");
    assertThat(files(p)).containsExactly("buildspec.yml", "compose.yaml");
    String text = Files.readString(p.resolve("buildspec.yml"));
    assertThat(line(text, "- java -jar \"$COMPOSE2EB_JAR\" convert")).isEqualTo(
        "- java -jar \"$COMPOSE2EB_JAR\" convert -f compose.yaml -p shop --registry \"$REGISTRY\""
            + " --tag \"$IMAGE_TAG\" -o .");
    assertThat(text).doesNotContain("s3cr3t-token").contains("--build-arg NPM_TOKEN web");
    assertThat(r.err()).isEqualTo("compose.yaml:7:9: warning: services.web.build.args.NPM_TOKEN:"
        + " build arg NPM_TOKEN looks secret: buildspec.yml passes only its name, and docker reads"
        + " the value from the CodeBuild environment; provide it there as a secret, e.g. under"
        + " env.secrets-manager in buildspec.yml: \"NPM_TOKEN: my-app/build-secrets:NPM_TOKEN\","
        + " or as a Secrets Manager variable of the CodeBuild project\n");
  }

  @Test
  void managedServicesArePassedThroughToTheConvertAndTheDeployItRuns() throws IOException {
    Path p = dir.resolve("managed");
    Cli.write(p, "compose.yaml", """
        name: shop
        x-eb: {application: shop, environment: shop-prod}
        services:
          web:
            image: example/web:1.0
            ports: ["80:80"]
            environment: {REDIS_HOST: cache, PGHOST: db, PGPASSWORD: dev-pw}
            mem_limit: 128m
          cache:
            image: redis:7.2
          db:
            image: postgres:16
            environment: {POSTGRES_PASSWORD: dev-pw}
        """);

    Cli.Result deploy = Cli.run(p, "buildspec", "--deploy", "--managed", "cache", "--managed", "db");
    assertThat(deploy.code()).as(deploy.err()).isEqualTo(0);
    String text = Files.readString(p.resolve("buildspec.yml"));
    assertThat(line(text, "- java -jar \"$COMPOSE2EB_JAR\" deploy")).isEqualTo(
        "- java -jar \"$COMPOSE2EB_JAR\" deploy -f compose.yaml -p shop --registry \"$REGISTRY\""
            + " --tag \"$IMAGE_TAG\" --managed cache --managed db --application \"$EB_APPLICATION\""
            + " --environment \"$EB_ENVIRONMENT\"");
    assertThat(deploy.err()).doesNotContain("password parameters");

    // convert: the flag too, the config in the artifact, and a warning that nothing makes the
    // password the pipeline's deploy action needs
    Cli.Result convert = Cli.run(p, "buildspec", "--managed", "db");
    assertThat(convert.code()).as(convert.err()).isEqualTo(0);
    text = Files.readString(p.resolve("buildspec.yml"));
    assertThat(line(text, "- java -jar \"$COMPOSE2EB_JAR\" convert")).isEqualTo(
        "- java -jar \"$COMPOSE2EB_JAR\" convert -f compose.yaml -p shop --registry \"$REGISTRY\""
            + " --tag \"$IMAGE_TAG\" --managed db -o .");
    assertThat(text).contains("- .ebextensions/**/*");
    assertThat(convert.err()).contains("nothing in this buildspec creates their master password"
        + " parameters", "use buildspec --deploy");

    // the Docker platform's convert writes into eb-docker/: the config is copied to the root
    Cli.Result docker = Cli.run(p, "buildspec", "--platform", "docker", "--managed", "db");
    assertThat(docker.code()).as(docker.err()).isEqualTo(0);
    text = Files.readString(p.resolve("buildspec.yml"));
    assertThat(text).contains("- mkdir -p .ebextensions && cp"
        + " eb-docker/.ebextensions/compose2eb-managed.config"
        + " .ebextensions/compose2eb-managed.config", "- .ebextensions/**/*");

    // without managed services: no flag, no .ebextensions the project does not have
    Cli.Result plain = Cli.run(p, "buildspec");
    assertThat(plain.code()).as(plain.err()).isEqualTo(0);
    text = Files.readString(p.resolve("buildspec.yml"));
    assertThat(text).doesNotContain("--managed").doesNotContain(".ebextensions");
  }

  @Test
  void loaderOptionsAreRepeatedRelativeToTheProjectDirectory() throws IOException {
    Path p = project();
    Path out = dir.resolve("out");

    Cli.Result r = Cli.run(dir, Map.of("COMPOSE_PROFILES", "debug"), "buildspec",
        "-f", "proj/compose.yaml", "--env-file", "proj/config/app.env", "-p", "custom",
        "--default-memory", "300", "--env-to-eb", "-o", "out");

    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("out/buildspec.yml\n");
    assertThat(files(p)).containsExactly("compose.yaml");
    String text = Files.readString(out.resolve("buildspec.yml"));
    assertThat(line(text, "- java -jar \"$COMPOSE2EB_JAR\" convert")).isEqualTo(
        "- java -jar \"$COMPOSE2EB_JAR\" convert -f compose.yaml --profile debug"
            + " --env-file config/app.env -p custom --registry \"$REGISTRY\" --tag \"$IMAGE_TAG\""
            + " --default-memory 300 --env-to-eb -o .");
    assertThat(text).contains("- docker build -t \"$REGISTRY/custom-web:$IMAGE_TAG\"");
    assertThat(text).doesNotContain(dir.toString());
  }

  @Test
  void invalidInputExitsThreeAndWritesNothing() throws IOException {
    Path p = project();
    Files.writeString(p.resolve("compose.yaml"), COMPOSE.replace("name: shop", "name: shop")
        + "  bad:\n    build: ./web\n    image: bad__name\n    mem_limit: 16m\n");

    Cli.Result r = Cli.run(p, "buildspec");

    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).contains("error: services.bad.build: \"bad__name\" is not a valid ECR"
        + " repository name").endsWith("error: 1 error(s); nothing written\n");
    assertThat(files(p)).containsExactly("compose.yaml");

    Files.writeString(p.resolve("compose.yaml"), "services:\n  web:\n    ports: [\"80:abc\"]\n");
    Cli.Result broken = Cli.run(p, "buildspec");
    assertThat(broken.code()).isEqualTo(3);
    assertThat(files(p)).containsExactly("compose.yaml");
  }

  @Test
  void handWrittenBuildspecIsReplacedOnlyWithForceAndNeverByConvert() throws IOException {
    Path p = project();
    Files.writeString(p.resolve("buildspec.yml"), "version: 0.2\n# mine\n");

    Cli.Result r = Cli.run(p, "buildspec");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).endsWith("error: buildspec.yml exists and was not written by compose2eb;"
        + " pass --force to replace it, or -o DIR to write elsewhere\n");
    assertThat(Files.readString(p.resolve("buildspec.yml"))).isEqualTo("version: 0.2\n# mine\n");

    Cli.Result convert = Cli.run(p, "convert");
    assertThat(convert.code()).as(convert.err()).isEqualTo(0);
    assertThat(convert.out()).isEqualTo("Dockerrun.aws.json\n");
    assertThat(convert.err()).contains("info: buildspec.yml was not written by compose2eb and is"
        + " left as it is");
    assertThat(Files.readString(p.resolve("buildspec.yml"))).isEqualTo("version: 0.2\n# mine\n");

    assertThat(Cli.run(p, "buildspec", "--force").code()).isEqualTo(0);
    assertThat(Files.readString(p.resolve("buildspec.yml"))).startsWith("# Generated by compose2eb");
  }

  @Test
  void convertWritesBuildspecBesideDockerrunAndCheckCoversIt() throws IOException {
    Path p = project();

    Cli.Result r = Cli.run(p, "convert");
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    assertThat(r.out()).isEqualTo("Dockerrun.aws.json\nbuildspec.yml\n");
    assertThat(Files.readString(p.resolve("buildspec.yml")))
        .isEqualTo(generatedBy(p, "buildspec"));
    assertThat(Cli.run(p, "convert", "--check").code()).isEqualTo(0);

    String text = Files.readString(p.resolve("buildspec.yml"));
    Files.writeString(p.resolve("buildspec.yml"), text.replace(">/dev/null 2>&1 ||", ">/dev/null ||"));
    Cli.Result check = Cli.run(p, "convert", "--check");
    assertThat(check.code()).isEqualTo(4);
    assertThat(check.out()).contains("--- buildspec.yml", "-      - aws ecr describe-repositories",
        "+      - aws ecr describe-repositories");
    assertThat(check.err()).isEqualTo(r.err().substring(0, r.err().lastIndexOf("converted"))
        + "generated files are out of date; run compose2eb convert\n");
  }

  @Test
  void convertKeepsTheDeployVariant() throws IOException {
    Path p = project();
    assertThat(Cli.run(p, "buildspec", "--deploy").code()).isEqualTo(0);
    String deploy = Files.readString(p.resolve("buildspec.yml"));
    assertThat(deploy).contains("deploy -f compose.yaml -p shop").doesNotContain("artifacts:");

    assertThat(Cli.run(p, "convert").code()).isEqualTo(0);
    assertThat(Files.readString(p.resolve("buildspec.yml"))).isEqualTo(deploy);
  }

  @Test
  void strictConvertFailsOnASecretBuildArg() throws IOException {
    Path p = project();
    Cli.Result r = Cli.run(p, "convert", "--strict");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).contains("build arg NPM_TOKEN looks secret");
    assertThat(files(p)).containsExactly("compose.yaml");
  }

  private static String generatedBy(Path p, String... args) throws IOException {
    Path other = Files.createTempDirectory(p.getParent(), "gen");
    Cli.Result r = Cli.run(p, Stream.concat(Stream.of(args), Stream.of("-o", other.toString()))
        .toArray(String[]::new));
    assertThat(r.code()).as(r.err()).isEqualTo(0);
    return Files.readString(other.resolve("buildspec.yml"));
  }
}
