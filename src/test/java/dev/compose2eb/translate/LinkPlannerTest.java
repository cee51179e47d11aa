package dev.compose2eb.translate;

import static dev.compose2eb.translate.Models.project;
import static dev.compose2eb.translate.Models.rendered;
import static dev.compose2eb.translate.Models.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LinkPlannerTest {
  private final Diagnostics diags = new Diagnostics();

  private Map<String, List<String>> plan(Project p, ProjectFiles files) {
    return new LinkPlanner(p, new ContainerNames(p, diags), files, diags,
        dev.compose2eb.plan.Planner.plan(p, dev.compose2eb.plan.PlanOptions.defaults(), files).oneShot()).plan();
  }

  private Map<String, List<String>> plan(Project p) {
    return plan(p, ProjectFiles.none());
  }

  @Test
  void explicitLinksKeepAliasesAndDependsOnAddsPlainLinks() {
    Project p = project(svc("web").link("db", "database").dependsOn("cache"), svc("db"), svc("cache"));
    assertThat(plan(p)).containsExactly(
        Map.entry("web", List.of("db:database", "cache")), Map.entry("db", List.of()),
        Map.entry("cache", List.of()));
    assertThat(diags.list()).isEmpty();
  }

  @Test
  void selfLinksAndLinksToUnknownServicesAreSkipped() {
    Project p = project(svc("web").link("web", null).link("gone", null));
    assertThat(plan(p)).containsExactly(Map.entry("web", List.of()));
  }

  @Test
  void explicitCycleIsOneErrorNamingTheCycle() {
    Project p = project(svc("a").link("b", null), svc("b").dependsOn("c"), svc("c").dependsOn("a"));
    plan(p);
    assertThat(rendered(diags)).containsExactly("compose.yaml:2:5: error: services.a: links and"
        + " depends_on form a cycle: a -> b -> c -> a (Elastic Beanstalk rejects it: \"Container"
        + " links should not have a cycle\"); remove one of these links or depends_on; keep the"
        + " direction requests flow, e.g. a -> b, and let the other side answer without a link of"
        + " its own");
  }

  @Test
  void noInferenceOnceAnErrorIsFound() {
    Project p = project(svc("a").dependsOn("b"), svc("b").dependsOn("a"),
        svc("c").env("A_URL", "http://a:80"));
    assertThat(plan(p).get("c")).isEmpty();
  }

  @Test
  void inferredFromEnvironmentAndCommandWithEvidence() {
    Project p = project(svc("web").env("API_URL", "http://api:5000").env("NODE_ENV", "production"),
        svc("api").command("--redis", "redis:6379"), svc("redis"), svc("production"));
    assertThat(plan(p)).containsExactly(Map.entry("web", List.of("api")),
        Map.entry("api", List.of("redis")), Map.entry("redis", List.of()),
        Map.entry("production", List.of()));
    assertThat(rendered(diags)).containsExactly(
        "compose.yaml:2:5: info: services.web: link web -> api inferred from environment API_URL",
        "compose.yaml:2:5: info: services.api: link api -> redis inferred from command argument"
            + " \"redis:6379\"");
  }

  @Test
  void inferredLinkThatWouldCloseACycleIsDropped() {
    Project p = project(svc("web").dependsOn("api"), svc("api").dependsOn("worker"),
        svc("worker").env("CALLBACK_URL", "http://web/done"));
    assertThat(plan(p).get("worker")).isEmpty();
    assertThat(rendered(diags)).containsExactly("compose.yaml:2:5: warning: services.worker:"
        + " inferred link worker -> web dropped: it would close the cycle web -> api -> worker ->"
        + " web (found environment CALLBACK_URL); if worker must reach web, remove a link on the way"
        + " back; otherwise nothing to do");
  }

  @Test
  void inferredLinksDoNotCloseCyclesAmongThemselves() {
    Project p = project(svc("a").env("B_URL", "http://b"), svc("b").env("A_URL", "http://a"));
    Map<String, List<String>> links = plan(p);
    assertThat(links.get("a")).containsExactly("b");
    assertThat(links.get("b")).isEmpty();
  }

  @Test
  void inferredFromMountedFileAndBuildContext() {
    Project p = project(
        svc("proxy").volume(Models.bind("./nginx/default.conf", "/etc/nginx/conf.d/default.conf", true)),
        svc("gateway").image(null).build("./gateway"),
        svc("api"), svc("static"));
    ProjectFiles files = Models.files(Map.of(
        "nginx/default.conf", "server {\n  location / { proxy_pass http://api:5000; }\n}\n",
        "gateway/conf/routes.yaml", "# routes\nroutes:\n  - url: http://static:8080/\n"));
    Map<String, List<String>> links = plan(p, files);
    assertThat(links.get("proxy")).containsExactly("api");
    assertThat(links.get("gateway")).containsExactly("static");
    assertThat(rendered(diags)).containsExactly(
        "nginx/default.conf:2: info: services.proxy: link proxy -> api inferred from"
            + " nginx/default.conf:2 (location / { proxy_pass http://api:5000; })",
        "gateway/conf/routes.yaml:3: info: services.gateway: link gateway -> static inferred from"
            + " gateway/conf/routes.yaml:3 (- url: http://static:8080/)");
  }

  @Test
  void dottedServiceNameIsLinkedByItsContainerNameWithoutAnInvalidAlias() {
    Project p = project(svc("web").dependsOn("my.api"), svc("my.api"));
    assertThat(plan(p).get("web")).containsExactly("my_api");
    assertThat(rendered(diags)).containsExactly("compose.yaml:2:5: warning: services.my.api:"
        + " container name \"my_api\": ECS allows only letters, digits, _ and - in container names"
        + " and link aliases, so other containers reach it as my_api, not my.api; rename the service"
        + " to my_api, or use my_api in the host names that point at it");
  }

  @Test
  void invalidExplicitAliasIsDropped() {
    Project p = project(svc("web").link("db", "db.local"), svc("db"));
    assertThat(plan(p).get("web")).containsExactly("db");
    assertThat(rendered(diags)).singleElement().asString()
        .startsWith("compose.yaml:31:5: warning: services.web.links: link alias \"db.local\" dropped");
  }

  @Test
  void containerNameAndNetworkAliasesBecomeLinkAliases() {
    SourceLocation at = Models.at(40);
    Node networks = new MapNode.Builder(at).put("back", new MapNode.Builder(at)
        .put("aliases", SeqNode.of(List.of(ScalarNode.of("primary", at), ScalarNode.of("db.internal", at)), at))
        .build()).build();
    Project p = project(
        svc("web").dependsOn("cache").env("CACHE_HOST", "redis-cache").env("DB_URL", "postgres://primary/app"),
        svc("worker").env("DB_URL", "postgres://db.internal/app"),
        svc("db").other("networks", networks),
        svc("cache").containerName("redis-cache"));
    Map<String, List<String>> links = plan(p);
    assertThat(links.get("web")).containsExactly("cache", "cache:redis-cache", "db:primary");
    assertThat(links.get("worker")).containsExactly("db");
    assertThat(rendered(diags)).contains("compose.yaml:2:5: warning: services.worker: worker reaches"
        + " db as db.internal (found environment DB_URL), but ECS link aliases allow only letters,"
        + " digits, _ and -, so that name will not resolve on Elastic Beanstalk; use db as the host"
        + " name; the link to it is generated");
  }

  @Test
  void otherNamesReadsContainerNameAndAliasesOnly() {
    SourceLocation at = Models.at(40);
    Node listForm = SeqNode.of(List.of(ScalarNode.of("front", at)), at);
    assertThat(LinkPlanner.otherNames(svc("a").other("networks", listForm).build())).isEmpty();
    assertThat(LinkPlanner.otherNames(svc("a").containerName("a").build())).isEmpty();
    assertThat(LinkPlanner.otherNames(svc("a").containerName("b").build())).containsExactly("b");
  }
}
