package dev.compose2eb.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VariablePlanTest {

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "postgres://user:pw@db/app | true",
      "redis://:pw@cache:6379 | true",
      "mongodb+srv://u:p%40ss@cluster0.example.net/db?retryWrites=true | true",
      "amqp://guest:guest@rabbit:5672/ | true",
      "postgres://user@db/app | false",
      "postgres://user:@db/app | false",
      "https://example.com/a:b@c | false",
      "http://example.com:8080/path | false",
      "user:pw@host | false",
      "jdbc:postgresql://db:5432/app?user=a&password=b | false",
  })
  void urlPasswords(String value, boolean secret) {
    assertThat(SecretRule.hasUrlPassword(value)).isEqualTo(secret);
  }

  @Test
  void classifiesByNameAndByUrlPasswordAndNeverAnEmptyValue() {
    VariablePlan p = VariablePlan.classify(Map.of("DB_PASSWORD", "pw", "DATABASE_URL",
        "postgres://app:s3cret@db/app", "PORT", "3000", "API_TOKEN", ""));
    assertThat(p.secrets()).containsExactly(Map.entry("DATABASE_URL", SecretReason.URL_PASSWORD),
        Map.entry("DB_PASSWORD", SecretReason.NAME));
    assertThat(p.plain()).containsOnlyKeys("API_TOKEN", "PORT");
    assertThat(p.secretValues()).containsOnlyKeys("DATABASE_URL", "DB_PASSWORD");
    assertThat(p.toString()).doesNotContain("s3cret").doesNotContain("pw");
  }

  @Test
  void plusReclassifiesButKeepsADeclaredSecret() {
    VariablePlan p = VariablePlan.classify(Map.of("DB_PASSWORD", "a"))
        .withSecret(Map.of("SIGNING", "x"), SecretReason.DECLARED)
        .plus(Map.of("DB_PASSWORD", "b", "SIGNING", "y", "HOST", "db"));
    assertThat(p.values()).containsEntry("DB_PASSWORD", "b").containsEntry("SIGNING", "y");
    assertThat(p.secrets()).containsOnlyKeys("DB_PASSWORD", "SIGNING");
    assertThat(p.plain()).containsOnlyKeys("HOST");
  }
}
