package dev.compose2eb.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class HostReferencesTest {
  private static final List<HostReferences.ServicePatterns> SERVICES =
      HostReferences.matchers(List.of("api", "redis", "db", "postgres", "production", "my-api"));

  private static List<String> inValue(String name, String value) {
    return HostReferences.inValue(name, value, SERVICES).stream().map(HostReferences.Hit::service).toList();
  }

  @ParameterizedTest(name = "{0}={1} -> {2}")
  @CsvSource(delimiter = '|', nullValues = "-", value = {
      "API_URL|http://api:5000/v1|api",
      "API_URL|https://api/|api",
      "DATABASE_URL|postgres://user:secret@db/app|db",
      "DATABASE_URL|postgres://user:secret@db:5432/app?sslmode=disable|db",
      "REDIS|redis:6379|redis",
      "PGHOST|postgres|postgres",
      "REDIS_HOST|' redis '|redis",
      "UPSTREAM|my-api|my-api",
      "BACKEND_URL|http://my-api:8080|my-api",
  })
  void findsHostReferences(String name, String value, String service) {
    assertThat(inValue(name, value)).containsExactly(service);
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "NODE_ENV|production",       // a bare value counts only for host-like variable names
      "CACHE_NAME|redis",
      "API_URL|http://myapi:5000",  // another host that contains the name
      "API_URL|http://api.example.com/v1",
      "API_URL|https://rapid:443",
      "DATABASE_URL|postgres://user@localhost/app", // the scheme is not a host
      "IMAGE|redis:7",
      "BASE_IMAGE|postgres:16",
      "GREETING|hello api",
      "TARGET|api-gateway:80",
      "EMAIL|ops@api.example.com",
  })
  void ignoresNonHosts(String name, String value) {
    assertThat(inValue(name, value)).isEmpty();
  }

  @Test
  void commandArgumentsHaveNoVariableName() {
    assertThat(HostReferences.inValue(null, "redis", SERVICES)).isEmpty();
    assertThat(HostReferences.inValue(null, "--broker=redis://redis:6379/0", SERVICES))
        .extracting(HostReferences.Hit::service).containsExactly("redis");
  }

  @Test
  void textHitsCarryLineAndExcerptAndSkipCommentsAndImageLines() {
    String conf = String.join("\n",
        "# proxy_pass http://db:5432;",
        "upstream backend {",
        "  server api:5000;",
        "}",
        "// redis:6379 in a comment",
        "image: redis:7",
        "FROM postgres:16 AS base",
        "server_name api;",
        "location / { proxy_pass http://my-api; }",
        "  fastcgi_pass db:9000;");
    List<HostReferences.Hit> hits = HostReferences.inText(conf, SERVICES);
    assertThat(hits).containsExactly(
        new HostReferences.Hit("api", 3, "server api:5000;"),
        new HostReferences.Hit("my-api", 9, "location / { proxy_pass http://my-api; }"),
        new HostReferences.Hit("db", 10, "fastcgi_pass db:9000;"));
  }

  @Test
  void longValuesAreShortenedInExcerpts() {
    String value = "http://api:5000/" + "x".repeat(100);
    HostReferences.Hit hit = HostReferences.inValue("API_URL", value, SERVICES).get(0);
    assertThat(hit.excerpt()).hasSize(80).endsWith("...").startsWith("http://api:5000/");
  }

  @Test
  void crlfTextCountsLinesLikeLf() {
    assertThat(HostReferences.inText("a\r\nproxy_pass http://api:80;\r\n", SERVICES))
        .containsExactly(new HostReferences.Hit("api", 2, "proxy_pass http://api:80;"));
  }
}
