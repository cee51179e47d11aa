package dev.compose2eb.translate;

import static dev.compose2eb.translate.Models.healthcheck;
import static dev.compose2eb.translate.Models.project;
import static dev.compose2eb.translate.Models.rendered;
import static dev.compose2eb.translate.Models.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.DependsOn.Condition;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.plan.SecretRule;
import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.ContainerDependency;
import dev.compose2eb.dockerrun.HealthCheck;
import dev.compose2eb.dockerrun.KeyValue;
import dev.compose2eb.dockerrun.Tmpfs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ServiceTranslatorTest {
  private static final long MIB = 1 << 20;
  private final Diagnostics diags = new Diagnostics();

  private ServiceTranslator translator(Project p, TranslateOptions opts) {
    return new ServiceTranslator(p, opts, new ContainerNames(p, new Diagnostics()), diags);
  }

  @Test
  void oneShotServicesAreNotEssential() {
    Project p = project(svc("a"), svc("b").restart("no"), svc("c").restart("on-failure:5"),
        svc("d").restartPolicy("none"), svc("e").restartPolicy("on-failure"), svc("f").restart("always"),
        svc("g").restartPolicy("any"), svc("h"));
    ServiceTranslator st = translator(p, TranslateOptions.defaults());
    List<Boolean> essential = p.services().stream().map(s -> st.essentialByDefault(s, Set.of("h"))).toList();
    assertThat(essential).containsExactly(true, false, false, false, false, true, true, false);
    assertThat(diags.list()).hasSize(5).allMatch(d -> d.severity().label().equals("info"));
  }

  @Test
  void dependsOnConditionsAndHealthyNeedsAHealthcheck() {
    Project p = project(
        svc("web").dependsOn("db", Condition.SERVICE_HEALTHY).dependsOn("cache", Condition.SERVICE_HEALTHY)
            .dependsOn("job", Condition.SERVICE_COMPLETED_SUCCESSFULLY).dependsOn("my.api")
            .dependsOn("disabled"),
        svc("db").healthcheck(healthcheck(List.of("CMD", "pg_isready"), null, null, null, null)),
        svc("cache").healthcheck(healthcheck(List.of("NONE"), null, null, null, null)),
        svc("job"), svc("my.api"));
    List<ContainerDependency> deps = translator(p, TranslateOptions.defaults()).dependsOn(p.services().get(0));
    assertThat(deps).containsExactly(new ContainerDependency("db", "HEALTHY"),
        new ContainerDependency("cache", "HEALTHY"), new ContainerDependency("job", "SUCCESS"),
        new ContainerDependency("my_api", "START"));
    assertThat(rendered(diags)).containsExactly("compose.yaml:30:5: error: services.web.depends_on.cache:"
        + " condition service_healthy needs a healthcheck on \"cache\", which has none; add a"
        + " healthcheck to cache, e.g. test: [\"CMD\", \"pg_isready\"]");
  }

  private Optional<HealthCheck> health(Service s) {
    return translator(project(), TranslateOptions.defaults()).healthCheck(s);
  }

  @Test
  void healthcheckWritesComposeDefaultsAndRoundsUp() {
    Service s = svc("web").healthcheck(healthcheck(List.of("CMD-SHELL", "curl -f localhost"), null,
        Duration.ofMillis(2500), null, Duration.ofSeconds(10))).build();
    assertThat(health(s)).contains(new HealthCheck(List.of("CMD-SHELL", "curl -f localhost"),
        Optional.of(30), Optional.of(3), Optional.of(3), Optional.of(10)));
    assertThat(rendered(diags)).containsExactly("compose.yaml:2:5: info: services.web.healthcheck.timeout:"
        + " 2.5s rounded up to 3s: ECS counts whole seconds");
  }

  @Test
  void healthcheckValuesAreClampedToEcsRanges() {
    Service s = svc("web").healthcheck(healthcheck(List.of("CMD", "true"), Duration.ofHours(1),
        Duration.ofSeconds(1), 0, Duration.ofMinutes(6))).build();
    assertThat(health(s)).contains(new HealthCheck(List.of("CMD", "true"), Optional.of(300),
        Optional.of(2), Optional.of(1), Optional.of(300)));
    assertThat(diags.list()).hasSize(4).allMatch(d -> d.render().contains("is outside the ECS range"));
  }

  @Test
  void disabledOrTestlessHealthchecksGiveNone() {
    assertThat(health(svc("a").healthcheck(healthcheck(List.of("NONE"), null, null, null, null)).build())).isEmpty();
    assertThat(health(svc("b").healthcheck(new dev.compose2eb.compose.model.Healthcheck(List.of("CMD", "x"),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), true)).build())).isEmpty();
    assertThat(rendered(diags)).containsExactly(
        "compose.yaml:2:5: info: services.a.healthcheck.test: healthcheck disabled: no healthCheck is"
            + " written, so ECS does not check this container",
        "compose.yaml:2:5: info: services.b.healthcheck.test: healthcheck disabled: no healthCheck is"
            + " written, so ECS does not check this container");
    assertThat(health(svc("c").healthcheck(healthcheck(List.of(), Duration.ofSeconds(5), null, null, null)).build())).isEmpty();
    assertThat(rendered(diags)).hasSize(3).last().asString().contains("healthcheck without test");
  }

  @Test
  void environmentIsSortedAndSecretLookingNamesWarnOnce() {
    Service s = svc("web").env("ZETA", "z").env("API_KEY", "k").env("DB_PASSWORD", "p")
        .env("EMPTY_TOKEN", "").env("KEYBOARD", "us").env("MONKEY", "banana").build();
    ServiceTranslator st = translator(project(), TranslateOptions.defaults());
    List<KeyValue> env = st.environment(s);
    st.reportSharedEnvFiles(); // values from env files are reported after the last service
    assertThat(env).extracting(KeyValue::name)
        .containsExactly("API_KEY", "DB_PASSWORD", "EMPTY_TOKEN", "KEYBOARD", "MONKEY", "ZETA");
    assertThat(rendered(diags)).containsExactly("compose.yaml:2:5: warning: services.web.env_file:"
        + " values of API_KEY, DB_PASSWORD look secret and will be written into Dockerrun.aws.json,"
        + " inside the source bundle; use --env-to-eb: deploy then keeps secrets in SSM Parameter"
        + " Store and the rest as Elastic Beanstalk environment properties");
  }

  @Test
  void aPasswordInAUrlWarnsWhateverTheName() {
    Service s = svc("web").env("DATABASE_URL", "postgres://app:pw@db/app")
        .env("CACHE", "redis://:pw@cache:6379").env("HOME_PAGE", "https://example.com/a:b@c")
        .env("PLAIN_URL", "postgres://app@db/app").build();
    ServiceTranslator st = translator(project(), TranslateOptions.defaults());
    st.environment(s);
    st.reportSharedEnvFiles();
    assertThat(rendered(diags)).singleElement().asString().contains(
        "values of CACHE (a password in its URL), DATABASE_URL (a password in its URL) look secret");
  }

  @Test
  void noSecretWarningWithEnvToEb() {
    Service s = svc("web").env("DB_PASSWORD", "p").build();
    translator(project(), new TranslateOptions(Optional.empty(), "latest", dev.compose2eb.plan.PlanOptions.defaults(), true)).environment(s);
    assertThat(diags.list()).isEmpty();
  }

  @ParameterizedTest(name = "{0} secret: {1}")
  @CsvSource({
      "PASSWORD, true", "db_passwd, true", "AWS_SECRET_ACCESS_KEY, true", "GITHUB_TOKEN, true",
      "SSH_PRIVATE_KEY, true", "STRIPE_APIKEY, true", "BASIC_AUTH, true", "PGPASS, false",
      "REDIS_PASS, true", "KEY, true", "KEYBOARD, false", "MONKEY, false", "HOST, false",
      "AUTHOR, false", "PORT, false",
  })
  void secretLookingNames(String name, boolean secret) {
    assertThat(SecretRule.nameLooksSecret(name)).isEqualTo(secret);
  }

  private List<Tmpfs> tmpfs(String... entries) {
    Models.Svc s = svc("web");
    for (String e : entries) {
      s.tmpfs(e);
    }
    List<Tmpfs> out = new ArrayList<>();
    translator(project(), TranslateOptions.defaults()).options(s.build(), ContainerDefinition.builder("web", "x"), out);
    return out;
  }

  @Test
  void serviceTmpfsSizesReadAsDockerReadsThem() {
    assertThat(tmpfs("/a:size=1.5g,mode=1777", "/b:size=64mb", "/c:size=100k", "/d:size=1048576",
        "/e:rw,size=2M,noexec")).containsExactly(
        new Tmpfs("/a", 1536, List.of("mode=1777")), new Tmpfs("/b", 64, List.of()),
        new Tmpfs("/c", 1, List.of()), new Tmpfs("/d", 1, List.of()),
        new Tmpfs("/e", 2, List.of("rw", "noexec")));
    assertThat(diags.list()).isEmpty();
  }

  @Test
  void serviceTmpfsWithoutOrWithAnUnreadableSizeGets64MibAndAWarning() {
    assertThat(tmpfs("/run", "/x:size=lots")).containsExactly(
        new Tmpfs("/run", 64, List.of()), new Tmpfs("/x", 64, List.of()));
    assertThat(rendered(diags)).containsExactly(
        "compose.yaml:2:5: warning: services.web.tmpfs: tmpfs /run has no size; ECS requires one:"
            + " 64 MiB used; add a size, e.g. \"/run:size=64m\"",
        "compose.yaml:2:5: warning: services.web.tmpfs: tmpfs /x size \"lots\" is not a size; ECS"
            + " requires one: 64 MiB used; give bytes or a number with k, m or g, e.g."
            + " \"/x:size=64m\"");
  }
}
