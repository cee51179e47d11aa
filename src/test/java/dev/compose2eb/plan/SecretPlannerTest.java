package dev.compose2eb.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The plan decides, once, how each compose secret reaches its service. */
class SecretPlannerTest {
  @TempDir Path tmp;
  final Diagnostics diags = new Diagnostics();

  private SecretPlan plan(String compose) throws IOException {
    Files.writeString(tmp.resolve("compose.yaml"), compose);
    Project p = ManagedPlannerTest.load(tmp);
    return SecretPlanner.plan(p, diags);
  }

  private String report() {
    return String.join("\n", diags.list().stream().map(Diagnostic::toString).toList());
  }

  @Test
  void theOfficialPostgresPatternBecomesTheVariableAndOtherSecretsFiles() throws IOException {
    SecretPlan plan = plan("""
        services:
          db:
            image: docker.io/library/postgres:16@sha256:%s
            environment:
              POSTGRES_PASSWORD_FILE: /run/secrets/db_password
            secrets: [db_password]
          api:
            image: example/api
            secrets:
              - source: api_key
                target: keys/api.key
                mode: 0440
                uid: "1000"
                gid: "1000"
              - source: tls
                target: /etc/tls/key.pem
        secrets:
          db_password: {file: ./db.txt}
          api_key: {environment: API_KEY}
          tls: {file: /abs/key.pem}
        """.formatted("a".repeat(64)));
    assertThat(diags.hasErrors()).as(report()).isFalse();
    assertThat(plan.variables()).containsExactly(Map.entry("POSTGRES_PASSWORD", "db_password"));
    assertThat(plan.files()).containsOnlyKeys("api_key", "tls");
    SecretDelivery key = plan.files().get("api_key");
    assertThat(key.target()).isEqualTo("/run/secrets/keys/api.key");
    assertThat(key.mode()).isEqualTo(0440);
    assertThat(key.uid()).isEqualTo(1000);
    assertThat(plan.files().get("tls").target()).isEqualTo("/etc/tls/key.pem");
    assertThat(plan.files().get("tls").mode()).isEqualTo(0444);
    assertThat(plan.secrets().get("db_password").file()).contains(tmp.toRealPath().resolve("db.txt"));
    assertThat(plan.secrets().get("api_key").environment()).contains("API_KEY");
    assertThat(plan.environment(ManagedPlannerTest.load(tmp).service("db").orElseThrow())).isEmpty();
    assertThat(report()).contains("secret db_password reaches \"db\" as POSTGRES_PASSWORD",
        "secret api_key is mounted read-only at /run/secrets/keys/api.key in \"api\"");
  }

  @Test
  void aFileVariableIsKeptWhenTheImageIsBuiltUnknownOrTheVariableIsSetElsewhere() throws IOException {
    SecretPlan plan = plan("""
        services:
          built:
            build: .
            environment: {POSTGRES_PASSWORD_FILE: /run/secrets/a}
            secrets: [a]
          other:
            image: bitnami/postgresql
            environment: {POSTGRES_PASSWORD_FILE: /run/secrets/a}
            secrets: [a]
          mysql:
            image: mysql:8
            environment: {MYSQL_PASSWORD_FILE: /run/secrets/a}
            secrets: [a]
          app:
            image: example/app
            environment: {MYSQL_PASSWORD: plain}
        secrets:
          a: {file: ./a.txt}
        """);
    Files.writeString(tmp.resolve("Dockerfile"), "FROM scratch\n");
    assertThat(diags.hasErrors()).as(report()).isFalse();
    assertThat(plan.variables()).isEmpty();
    assertThat(plan.deliveries()).hasSize(3).noneMatch(SecretDelivery::asVariable);
  }

  @Test
  void twoSecretsForOneVariableLeaveTheSecondAFile() throws IOException {
    SecretPlan plan = plan("""
        services:
          a:
            image: postgres
            environment: {POSTGRES_PASSWORD_FILE: /run/secrets/one}
            secrets: [one]
          b:
            image: postgres
            environment: {POSTGRES_PASSWORD_FILE: /run/secrets/two}
            secrets: [two]
        secrets:
          one: {file: ./one.txt}
          two: {file: ./two.txt}
        """);
    assertThat(plan.variables()).containsExactly(Map.entry("POSTGRES_PASSWORD", "one"));
    assertThat(plan.files()).containsOnlyKeys("two");
  }

  @Test
  void aSecretThatCannotBeDeliveredIsALocatedError() throws IOException {
    plan("""
        services:
          web:
            image: example/web
            secrets:
              - missing
              - ext
              - empty
        secrets:
          ext:
            external: true
          empty:
            labels: {a: b}
        """);
    assertThat(diags.list()).filteredOn(Diagnostic::isError).extracting(Diagnostic::toString)
        .anySatisfy(d -> assertThat(d).contains("compose.yaml:5:").contains("uses secret missing,"
            + " which is not defined"))
        .anySatisfy(d -> assertThat(d).contains("compose.yaml:10:").contains("secret ext is external"))
        .anySatisfy(d -> assertThat(d).contains("secret empty has neither file: nor environment:"));
  }

  @Test
  void valuesAreReadForTheStoreOnlyAndAnUnreadableOneIsAnError() throws IOException {
    SecretPlan plan = plan("""
        services:
          db:
            image: postgres
            environment: {POSTGRES_PASSWORD_FILE: /run/secrets/pw}
            secrets: [pw, cert, token]
        secrets:
          pw: {file: ./pw.txt}
          cert: {file: ./cert.pem}
          token: {environment: TOKEN}
        """);
    Files.writeString(tmp.resolve("pw.txt"), "s3cret\n\n");
    Files.writeString(tmp.resolve("cert.pem"), "-----BEGIN-----\nabc\n");
    Diagnostics read = new Diagnostics();
    Map<String, String> values = SecretValues.read(plan, ManagedPlannerTest.DISK,
        k -> k.equals("TOKEN") ? Optional.of("t0k") : Optional.empty(), read);
    assertThat(read.hasErrors()).isFalse();
    // the variable as the entrypoint's $(< file) reads it; the file as it is
    assertThat(values).containsExactly(Map.entry("POSTGRES_PASSWORD", "s3cret"),
        Map.entry("cert", "-----BEGIN-----\nabc\n"), Map.entry("token", "t0k"));

    Files.delete(tmp.resolve("cert.pem"));
    Diagnostics missing = new Diagnostics();
    SecretValues.read(plan, ManagedPlannerTest.DISK, k -> Optional.empty(), missing);
    assertThat(missing.list()).extracting(Diagnostic::toString)
        .anySatisfy(d -> assertThat(d).contains("compose.yaml:8:").contains("secret cert cannot be"
            + " delivered: its file"))
        .anySatisfy(d -> assertThat(d).contains("compose.yaml:9:").contains("variable TOKEN is not set"));
    assertThat(missing.list().toString()).doesNotContain("s3cret");
  }
}
