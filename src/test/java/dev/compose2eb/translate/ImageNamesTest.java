package dev.compose2eb.translate;

import static dev.compose2eb.translate.Models.project;
import static dev.compose2eb.translate.Models.rendered;
import static dev.compose2eb.translate.Models.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostics;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ImageNamesTest {
  private final Diagnostics diags = new Diagnostics();
  private static final TranslateOptions ECR = new TranslateOptions(
      Optional.of("https://123456789012.dkr.ecr.eu-west-1.amazonaws.com/"), "v7", dev.compose2eb.plan.PlanOptions.defaults(), false);

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource({
      "nginx, nginx",
      "nginx:1.27, nginx",
      "library/nginx:1.27, library/nginx",
      "Team/App:Dev, team/app",
      "ghcr.io/acme/api:2.0, acme/api",
      "localhost/app, app",
      "localhost:5000/team/app:1.0, team/app",
      "registry.example.com:5000/app@sha256:0123456789abcdef, app",
      "nginx@sha256:0123456789abcdef, nginx",
      "myhost:5000/app, app",
      "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop-web:latest, shop-web",
  })
  void repositoryDropsRegistryTagAndDigest(String image, String repository) {
    assertThat(ImageNames.repository(image)).isEqualTo(repository);
  }

  @Test
  void imageOnlyServicesKeepTheirImage() {
    Project p = project(svc("db").image("postgres:16"));
    assertThat(ImageNames.of(p, p.services().get(0), ECR, diags)).isEqualTo("postgres:16");
    assertThat(diags.list()).isEmpty();
  }

  @Test
  void builtServicesGoUnderTheRegistryWithTheTag() {
    Project p = project(svc("My.Web").image(null).build("./web"),
        svc("api").image("ghcr.io/acme/Api:2.0").build("./api"));
    assertThat(ImageNames.of(p, p.services().get(0), ECR, diags))
        .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/app-my.web:v7");
    assertThat(ImageNames.of(p, p.services().get(1), ECR, diags))
        .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/acme/api:v7");
    assertThat(diags.list()).isEmpty();
  }

  @Test
  void builtServicesWithoutRegistryKeepTheLocalNameAndWarn() {
    Project p = project(svc("web").image(null).build("./web"), svc("api").image("app/api:dev").build("./api"));
    assertThat(ImageNames.of(p, p.services().get(0), TranslateOptions.defaults(), diags)).isEqualTo("app-web");
    assertThat(ImageNames.of(p, p.services().get(1), TranslateOptions.defaults(), diags)).isEqualTo("app/api:dev");
    assertThat(rendered(diags)).hasSize(2).allMatch(d -> d.contains("is built locally and Elastic"
        + " Beanstalk cannot pull it; pass --registry"));
  }

  @Test
  void repositoryForIsLowercaseAndEcrSafe() {
    Project p = project(svc("Web+Admin").image(null).build("./web"));
    assertThat(ImageNames.repositoryFor(p, p.services().get(0))).isEqualTo("app-web-admin");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(nullValues = "-", value = {
      "postgres:16-alpine, RDS", "postgis/postgis:16-3.4, RDS", "bitnami/postgresql:16, RDS",
      "mysql:8, RDS", "mariadb, RDS", "mongo:7, DocumentDB", "redis:7-alpine, ElastiCache",
      "docker.io/library/memcached:1.6, ElastiCache", "nginx:1.27, -", "example/redis-ui:1, -",
  })
  void statefulImagesGetAnAdvisory(String image, String kind) {
    assertThat(ImageNames.statefulKind(image)).isEqualTo(Optional.ofNullable(kind));
  }
}
