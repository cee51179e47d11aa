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
 * {@code compose2eb deploy --managed} end to end through the CLI and the real SDK clients against
 * the fake: the generated master password is nowhere but in its parameter.
 */
class ManagedDeployCliTest {
  static final String PARAMETER = "/compose2eb/shop/shop-prod/COMPOSE2EB_DB_MASTER_PASSWORD";
  @TempDir Path tmp;
  CliAws aws;
  FakeAws fake;
  Path project;
  Map<String, String> env;

  @BeforeEach
  void start() throws Exception {
    aws = CliAws.start(tmp);
    fake = aws.fake();
    env = aws.env();
    project = tmp.resolve("shop");
    // images only: nothing to push, the deploy is EB, S3, IAM and SSM
    Cli.write(project, "compose.yaml", """
        x-eb:
          application: shop
          environment: shop-prod
        services:
          web:
            image: example/web:1.0
            ports: ["80:8080"]
            environment:
              PGHOST: db
              PGUSER: app
              PGPASSWORD: compose-dev-pw
            mem_limit: 256m
          db:
            image: postgres:16-alpine
            environment: {POSTGRES_USER: app, POSTGRES_PASSWORD: compose-dev-pw}
        """);
  }

  @AfterEach
  void stop() throws Exception {
    aws.close();
  }

  private Cli.Result deploy(String... extra) {
    List<String> args = new ArrayList<>(List.of("deploy", "--create", "--create-roles",
        "--managed", "db", "--poll-interval", "10ms", "--timeout", "60s", "--health-settle", "10ms"));
    args.addAll(List.of(extra));
    return Cli.run(project, env, args.toArray(String[]::new));
  }

  @Test
  void theGeneratedPasswordIsNowhereButInItsParameter() throws Exception {
    Cli.Result first = deploy();
    assertThat(first.code()).as(first.err()).isZero();
    Cli.Result json = deploy("--format", "json");
    assertThat(json.code()).as(json.err()).isZero();
    String password = fake.parameterValue(PARAMETER).orElseThrow();
    assertThat(password).hasSize(32);

    List<String> places = new ArrayList<>();
    places.add(first.out());
    places.add(first.err());
    places.add(json.out());
    places.add(json.err());
    // every request the tool sent but the one that stored the value
    List<Call> calls = fake.calls();
    assertThat(calls).filteredOn(c -> c.action().equals("PutParameter")).hasSize(1)
        .allMatch(c -> c.body().contains(password)); // the search below can find it
    calls.stream().filter(c -> !c.action().equals("PutParameter")).forEach(c -> places.add(c.body()));
    // every bundle in S3, entry by entry
    try (Sdk.Clients sdk = Sdk.clients(fake)) {
      for (var o : sdk.s3().listObjectsV2(b -> b.bucket(fake.storageBucket())).contents()) {
        byte[] zip = sdk.s3().getObjectAsBytes(b -> b.bucket(fake.storageBucket()).key(o.key()))
            .asByteArray();
        places.add(new String(zip, StandardCharsets.ISO_8859_1));
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
          for (ZipEntry e = in.getNextEntry(); e != null; e = in.getNextEntry()) {
            places.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
          }
        }
      }
    }
    // every file the runs left under the temporary directory (project, HOME, caches)
    try (Stream<Path> files = Files.walk(tmp)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        places.add(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1));
      }
    }
    assertThat(places).noneMatch(p -> p.contains(password));
    assertThat(places.size()).isGreaterThan(30);

    assertThat(first.err()).contains("managed      create  db: AWS::RDS::DBInstance"
        + " Compose2ebDbDatabase, PostgreSQL 16, db.t4g.micro, 20 GiB gp3",
        "it costs money while it exists",
        "password     create  SSM parameter " + PARAMETER + " (master password of db)");
    assertThat(json.out()).contains("\"step\": \"password\",\n      \"action\": \"unchanged\"");
  }

  @Test
  void dryRunPrintsTheResourcesAndThePasswordParameterAndWritesNothing() throws IOException {
    Cli.Result r = deploy("--dry-run");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(fake.writeCalls()).isEmpty();
    assertThat(r.err()).contains(
        "managed      create  db: AWS::RDS::DBInstance Compose2ebDbDatabase, PostgreSQL 16,"
            + " db.t4g.micro, 20 GiB gp3, automated backups, a snapshot when deleted; it costs"
            + " money while it exists",
        "managed      create  db: AWS::EC2::SecurityGroup Compose2ebDbSecurityGroup, TCP 5432"
            + " from the environment's instances only",
        "password     create  SSM parameter " + PARAMETER + " (master password of db)",
        "dry run: nothing was changed");
  }
}
