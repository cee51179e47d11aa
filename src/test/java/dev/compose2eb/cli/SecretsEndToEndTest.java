package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.fake.Call;
import dev.compose2eb.fake.FakeAws;
import dev.compose2eb.fake.Sdk;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Secret values never leave the secret store: convert, bundle, deploy and env, through the real CLI
 * against the fake and s3proxy, and then every artifact is searched for the values.
 */
class SecretsEndToEndTest {
  static final String PASSWORD = "Pw-9f3kQ-unique";
  static final String URL_PASSWORD = "Url-7hG2-unique";
  static final String DECLARED = "Sig-4xV8-unique";
  static final String TOKEN = "Tok-2mN5-unique";
  static final String PREFIX = "/compose2eb/shop/shop-prod/";

  @TempDir Path tmp;
  CliAws aws;
  FakeAws fake;
  Path project;
  Map<String, String> env;
  final List<String> printed = new ArrayList<>();

  @BeforeEach
  void start() throws Exception {
    aws = CliAws.start(tmp);
    fake = aws.fake();
    env = aws.env();
    project = tmp.resolve("shop");
    Files.createDirectories(project);
    Files.writeString(project.resolve("compose.yaml"), """
        x-eb:
          application: shop
          environment: shop-prod
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            environment:
              DB_PASSWORD: %s
              DATABASE_URL: postgres://app:%s@db/app
              MODE: production
            mem_limit: 128m
        """.formatted(PASSWORD, URL_PASSWORD));
  }

  @AfterEach
  void stop() throws Exception {
    aws.close();
  }

  private Cli.Result run(String... args) {
    Cli.Result r = Cli.run(project, env, args);
    printed.add(r.out());
    printed.add(r.err());
    return r;
  }

  private static final String[] TARGET = {"--application", "shop", "--environment", "shop-prod",
      "--poll-interval", "10ms"};

  private static String[] with(String[] a, String... b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @Test
  void noSecretValueInAnyArtifactOutputOrRequest() throws Exception {
    Cli.Result convert = run("convert", "--env-to-eb", "-o", "out");
    assertThat(convert.code()).as(convert.err()).isZero();
    assertThat(convert.err()).contains("secret: DATABASE_URL (its value carries a password in a URL),"
        + " DB_PASSWORD (its name looks secret)");
    // the CodePipeline path: the build stores the secrets and hands over their ARNs in .ebextensions
    Cli.Result ebx = run("env", "ebextensions", "--application", "shop", "--environment", "shop-prod",
        "--from", "out/eb-environment.json", "-o", "out/.ebextensions/compose2eb-env.config");
    assertThat(ebx.code()).as(ebx.err()).isZero();
    assertThat(ebx.out()).isEqualTo("out/.ebextensions/compose2eb-env.config\n");
    assertThat(Files.readString(project.resolve("out/.ebextensions/compose2eb-env.config"))).endsWith("""
        option_settings:
          aws:elasticbeanstalk:application:environment:
            MODE: production
          aws:elasticbeanstalk:application:environmentsecrets:
            DATABASE_URL: arn:aws:ssm:us-east-1:123456789012:parameter/compose2eb/shop/shop-prod/DATABASE_URL
            DB_PASSWORD: arn:aws:ssm:us-east-1:123456789012:parameter/compose2eb/shop/shop-prod/DB_PASSWORD
        """);
    assertThat(fake.parameterValue(PREFIX + "DB_PASSWORD")).contains(PASSWORD);
    Cli.Result bundle = run("bundle", "--env-to-eb", "-o", "out/bundle.zip");
    assertThat(bundle.code()).as(bundle.err()).isZero();
    Cli.Result deploy = run("deploy", "--create", "--create-roles", "--poll-interval", "10ms",
        "--timeout", "60s", "--health-settle", "10ms", "--env-to-eb");
    assertThat(deploy.code()).as(deploy.err()).isZero();
    assertThat(deploy.err()).contains("secret       unchanged DB_PASSWORD (SSM parameter " + PREFIX
        + "DB_PASSWORD)"); // stored by env ebextensions already
    Cli.Result again = run("deploy", "--poll-interval", "10ms", "--timeout", "60s", "--health-settle", "10ms", "--env-to-eb",
        "--dry-run");
    assertThat(again.err()).contains("secret       unchanged DB_PASSWORD");

    Cli.Result list = run(with(new String[] {"env", "list"}, TARGET));
    assertThat(list.out()).isEqualTo("DATABASE_URL (secret)\nDB_PASSWORD (secret)\nMODE\n");
    Cli.Result values = run(with(new String[] {"env", "list", "--values"}, TARGET));
    assertThat(values.out()).contains("MODE=production\n", "DB_PASSWORD (secret: "
        + fake.parameterArn(PREFIX + "DB_PASSWORD") + ")\n");

    Cli.Result declared = run(with(new String[] {"env", "set", "--secret", "SIGNING=" + DECLARED,
        "PLAIN=1"}, TARGET));
    assertThat(declared.code()).as(declared.err()).isZero();
    assertThat(declared.err()).contains("set PLAIN, SIGNING");
    Files.writeString(project.resolve("more.json"), "{\"API_TOKEN\": \"" + TOKEN + "\", \"LEVEL\": \"3\"}\n");
    Cli.Result from = run(with(new String[] {"env", "set", "--from", "more.json"}, TARGET));
    assertThat(from.code()).as(from.err()).isZero();
    var state = fake.environment("shop-prod").orElseThrow();
    assertThat(state.variables()).containsOnlyKeys("LEVEL", "MODE", "PLAIN");
    assertThat(fake.parameterValue(PREFIX + "SIGNING")).contains(DECLARED);
    assertThat(fake.parameterValue(PREFIX + "API_TOKEN")).contains(TOKEN);
    assertThat(fake.parameterValue(PREFIX + "DATABASE_URL")).contains("postgres://app:" + URL_PASSWORD + "@db/app");

    List<String> artifacts = new ArrayList<>(printed);
    try (Stream<Path> files = Files.walk(project.resolve("out"))) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (f.getFileName().toString().equals("eb-environment.json")) {
          continue; // the values handed over for `env set --from`: the compose file holds them too
        }
        artifacts.add(f.toString().endsWith(".zip") ? zipText(Files.readAllBytes(f)) : Files.readString(f));
      }
    }
    try (Sdk.Clients aws = Sdk.clients(fake)) {
      for (var o : aws.s3().listObjectsV2(b -> b.bucket(fake.storageBucket())).contents()) {
        artifacts.add(zipText(aws.s3().getObjectAsBytes(b -> b.bucket(fake.storageBucket()).key(o.key()))
            .asByteArray()));
      }
    }
    for (Call c : fake.calls()) {
      if (!c.action().equals("PutParameter")) {
        artifacts.add(c.body());
      }
    }
    assertThat(fake.calls()).filteredOn(c -> c.action().equals("PutParameter")).hasSize(4);
    assertThat(artifacts).hasSizeGreaterThan(10);
    for (String secret : List.of(PASSWORD, URL_PASSWORD, DECLARED, TOKEN)) {
      assertThat(artifacts).as(secret).noneMatch(a -> a.contains(secret));
    }
    assertThat(artifacts).anyMatch(a -> a.contains("\"executionRoleArn\""));
  }

  @Test
  void composeSecretsNeverLeaveTheStoreEither() throws Exception {
    String filePassword = "Cf-6tR1-unique";
    String envKey = "Ce-3wQ9-unique";
    Files.writeString(project.resolve("compose.yaml"), """
        x-eb:
          application: shop
          environment: shop-prod
        services:
          db:
            image: postgres:16
            mem_limit: 256m
            environment:
              POSTGRES_PASSWORD_FILE: /run/secrets/db_password
            secrets: [db_password]
          web:
            image: nginx:1.27
            ports: ["80:80"]
            mem_limit: 128m
            secrets: [db_password, api_key]
        secrets:
          db_password:
            file: ./db_password.txt
          api_key:
            environment: API_KEY
        """);
    Files.writeString(project.resolve("db_password.txt"), filePassword + "\n");
    env.put("API_KEY", envKey);
    for (String platform : List.of("ecs", "docker")) {
      Cli.Result convert = run("convert", "--platform", platform, "-o", "out-" + platform);
      assertThat(convert.code()).as(convert.err()).isZero();
      assertThat(convert.err()).contains("secret db_password reaches \"db\" as POSTGRES_PASSWORD");
    }
    Cli.Result bundle = run("bundle", "-o", "out-ecs/bundle.zip");
    assertThat(bundle.code()).isEqualTo(3);
    assertThat(bundle.err()).contains("compose secrets (db_password ...) reach the containers only"
        + " through deploy");
    Cli.Result dry = run("deploy", "--create", "--create-roles", "--poll-interval", "10ms",
        "--timeout", "60s", "--health-settle", "10ms", "--dry-run");
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.err()).contains("secret       create  POSTGRES_PASSWORD (SSM parameter " + PREFIX
        + "POSTGRES_PASSWORD)", "secret       create  db_password (SSM parameter " + PREFIX
        + "db_password)", "secret       create  api_key (SSM parameter " + PREFIX + "api_key)");
    Cli.Result deploy = run("deploy", "--create", "--create-roles", "--poll-interval", "10ms",
        "--timeout", "60s", "--health-settle", "10ms");
    assertThat(deploy.code()).as(deploy.err()).isZero();
    assertThat(fake.parameterValue(PREFIX + "POSTGRES_PASSWORD")).contains(filePassword);
    assertThat(fake.parameterValue(PREFIX + "db_password")).contains(filePassword + "\n");
    assertThat(fake.parameterValue(PREFIX + "api_key")).contains(envKey);

    List<String> artifacts = new ArrayList<>(printed);
    for (String platform : List.of("ecs", "docker")) {
      try (Stream<Path> files = Files.walk(project.resolve("out-" + platform))) {
        for (Path f : files.filter(Files::isRegularFile).toList()) {
          artifacts.add(Files.readString(f));
        }
      }
    }
    try (Sdk.Clients aws = Sdk.clients(fake)) {
      for (var o : aws.s3().listObjectsV2(b -> b.bucket(fake.storageBucket())).contents()) {
        String zip = zipText(aws.s3().getObjectAsBytes(b -> b.bucket(fake.storageBucket()).key(o.key()))
            .asByteArray());
        assertThat(zip).contains(".platform/hooks/prebuild/compose2eb-secrets.sh");
        artifacts.add(zip);
      }
    }
    for (Call c : fake.calls()) {
      if (!c.action().equals("PutParameter")) {
        artifacts.add(c.body());
      }
    }
    assertThat(fake.calls()).filteredOn(c -> c.action().equals("PutParameter")).hasSize(3);
    for (String secret : List.of(filePassword, envKey)) {
      assertThat(artifacts).as(secret).noneMatch(a -> a.contains(secret));
    }
  }

  /** Every entry of a zip, names and contents, as one text. */
  private static String zipText(byte[] zip) throws IOException {
    StringBuilder sb = new StringBuilder();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
        sb.append(e.getName()).append('\n').append(new String(in.readAllBytes(), StandardCharsets.ISO_8859_1));
      }
    }
    return sb.toString();
  }

  @Test
  void envUnsetRemovesASecretReferenceAndABadFromFileIsInvalidInput() throws Exception {
    assertThat(run("deploy", "--create", "--create-roles", "--poll-interval", "10ms", "--timeout", "60s", "--health-settle", "10ms",
        "--env-to-eb").code()).isZero();
    Cli.Result unset = run(with(new String[] {"env", "unset", "DB_PASSWORD"}, TARGET));
    assertThat(unset.code()).as(unset.err()).isZero();
    assertThat(run(with(new String[] {"env", "list"}, TARGET)).out())
        .isEqualTo("DATABASE_URL (secret)\nMODE\n");
    assertThat(fake.parameterValue(PREFIX + "DB_PASSWORD")).contains(PASSWORD); // the store keeps it

    Files.writeString(project.resolve("bad.json"), "{\"A\": \"1\",\n \"B\": 2}\n");
    Cli.Result bad = run(with(new String[] {"env", "set", "--from", "bad.json"}, TARGET));
    assertThat(bad.code()).isEqualTo(3);
    assertThat(bad.err()).startsWith("bad.json:2:7: error: the value of B is not a string");
    Cli.Result nothing = run(with(new String[] {"env", "set"}, TARGET));
    assertThat(nothing.code()).isEqualTo(2);
  }
}
