package dev.compose2eb.translate;

import static dev.compose2eb.translate.Models.anonymous;
import static dev.compose2eb.translate.Models.bind;
import static dev.compose2eb.translate.Models.named;
import static dev.compose2eb.translate.Models.project;
import static dev.compose2eb.translate.Models.rendered;
import static dev.compose2eb.translate.Models.svc;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.VolumeDef;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.dockerrun.MountPoint;
import dev.compose2eb.dockerrun.Tmpfs;
import dev.compose2eb.dockerrun.Volume;
import dev.compose2eb.plan.DeploymentPlan;
import dev.compose2eb.plan.PlanOptions;
import dev.compose2eb.plan.Planner;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumesTest {
  private final Diagnostics diags = new Diagnostics();
  private final ProjectFiles files = Models.files(Map.of(
      "nginx/default.conf", "server {}", "static/index.html", "<h1>", "data/seed.sql", "select 1;"));

  /** The plan, whose findings on mounts join the translator's as they do in a translation. */
  private DeploymentPlan plan(Project p) {
    DeploymentPlan plan = Planner.plan(p, PlanOptions.defaults(), files);
    plan.report().stream().filter(d -> d.path().endsWith(".volumes")).forEach(diags::add);
    return plan;
  }

  private List<MountPoint> mounts(Volumes v, Project p, int service, List<Tmpfs> tmpfs) {
    return v.mounts(p.services().get(service), p.services().get(service).name(), tmpfs);
  }

  @Test
  void projectBindsBecomeBundleHostVolumesSharedByPath() {
    Project p = project(
        svc("web").volume(bind("./nginx/default.conf", "/etc/nginx/conf.d/default.conf", true))
            .volume(bind("./static", "/usr/share/nginx/html", false)),
        svc("side").volume(bind("static/", "/static", true)));
    DeploymentPlan plan = plan(p);
    Volumes v = new Volumes(p, diags, plan);
    assertThat(mounts(v, p, 0, new ArrayList<>())).containsExactly(
        new MountPoint("nginx-default_conf", "/etc/nginx/conf.d/default.conf", true),
        new MountPoint("static", "/usr/share/nginx/html", false));
    assertThat(mounts(v, p, 1, new ArrayList<>())).containsExactly(new MountPoint("static", "/static", true));
    assertThat(v.volumes()).containsExactly(
        Volume.host("nginx-default_conf", "/var/app/current/nginx/default.conf"),
        Volume.host("static", "/var/app/current/static"));
    assertThat(plan.bundlePaths()).containsExactly("nginx/default.conf", "static");
    assertThat(diags.list()).isEmpty();
  }

  @Test
  void wholeProjectMountIsTheBundleRootWithAWarning() {
    Project p = project(svc("web").volume(bind(".", "/app", false)));
    DeploymentPlan plan = plan(p);
    Volumes v = new Volumes(p, diags, plan);
    assertThat(mounts(v, p, 0, new ArrayList<>())).containsExactly(new MountPoint("app", "/app", false));
    assertThat(v.volumes()).containsExactly(Volume.host("app", "/var/app/current"));
    assertThat(plan.bundlePaths()).containsExactly(".");
    assertThat(rendered(diags)).singleElement().asString().contains("the whole project directory is mounted at /app");
  }

  @Test
  void badBindSourcesAreErrorsAndMountNothing() {
    Project p = project(svc("web")
        .volume(bind("../outside", "/b", false))
        .volume(new dev.compose2eb.compose.model.ServiceVolume(
            dev.compose2eb.compose.model.ServiceVolume.Type.BIND, Optional.of("/home/me/.aws"),
            Optional.of("~/.aws"), "/c", true, List.of(), Optional.empty(), Models.at(25))));
    DeploymentPlan plan = plan(p);
    Volumes v = new Volumes(p, diags, plan);
    assertThat(mounts(v, p, 0, new ArrayList<>())).isEmpty();
    assertThat(v.volumes()).isEmpty();
    assertThat(plan.bundlePaths()).isEmpty();
    assertThat(rendered(diags)).containsExactly(
        "compose.yaml:20:5: error: services.web.volumes: bind source \"../outside\" is outside the"
            + " project directory and cannot go into the bundle; move the files into the project"
            + " directory and mount them from there, e.g. ./outside",
        "compose.yaml:25:5: error: services.web.volumes: bind source \"~/.aws\" is in a home"
            + " directory, which does not exist on the instance and cannot go into the bundle; move"
            + " the files into the project, e.g. ./config, and mount that");
  }

  @Test
  void aMissingProjectBindSourceIsMountedAndLeftToDockerToCreate() {
    Project p = project(svc("web").volume(bind("./data/uploads", "/uploads", false)));
    DeploymentPlan plan = plan(p);
    Volumes v = new Volumes(p, diags, plan);
    assertThat(mounts(v, p, 0, new ArrayList<>())).containsExactly(
        new MountPoint("data-uploads", "/uploads", false));
    assertThat(v.volumes()).extracting(Volume::name).containsExactly("data-uploads");
    assertThat(plan.bundlePaths()).isEmpty();
    assertThat(rendered(diags)).containsExactly("compose.yaml:20:5: warning: services.web.volumes:"
        + " bind source \"./data/uploads\" does not exist: the container gets an empty directory,"
        + " which Docker creates on the instance as compose creates it locally; create it in the"
        + " project if the container needs files there");
  }

  @Test
  void absoluteHostPathsAreKeptWellKnownOnesWithOnlyAnInfo() {
    Project p = project(svc("web")
        .volume(bind("/var/run/docker.sock", "/var/run/docker.sock", true))
        .volume(bind("/etc/localtime", "/etc/localtime", true))
        .volume(bind("/srv/data", "/data", false)));
    DeploymentPlan plan = plan(p);
    Volumes v = new Volumes(p, diags, plan);
    mounts(v, p, 0, new ArrayList<>());
    assertThat(v.volumes()).containsExactly(
        Volume.host("host-var-run-docker_sock", "/var/run/docker.sock"),
        Volume.host("host-etc-localtime", "/etc/localtime"),
        Volume.host("host-srv-data", "/srv/data"));
    assertThat(diags.list()).extracting(d -> d.severity().label())
        .containsExactly("info", "info", "warning");
    assertThat(plan.bundlePaths()).isEmpty();
  }

  @Test
  void namedVolumesLiveOutsideTheBundleAndWarnOncePerVolume() {
    VolumeDef external = new VolumeDef("shared", Optional.empty(), true, Optional.empty(), Map.of(),
        Map.of(), Models.at(50));
    Project p = project(Map.of("shared", external),
        svc("db").volume(named("pg.data", "/var/lib/postgresql/data")).volume(named("shared", "/s")),
        svc("backup").volume(named("pg.data", "/backup")));
    DeploymentPlan plan = plan(p);
    Volumes v = new Volumes(p, diags, plan);
    mounts(v, p, 0, new ArrayList<>());
    assertThat(mounts(v, p, 1, new ArrayList<>())).containsExactly(new MountPoint("pg_data", "/backup", false));
    assertThat(v.volumes()).containsExactly(
        Volume.host("pg_data", "/var/lib/compose2eb/app/pg_data"),
        Volume.host("shared", "/var/lib/compose2eb/app/shared"));
    assertThat(rendered(diags)).hasSize(2);
    assertThat(rendered(diags).get(1)).contains("(it is external in compose; here it is a new, empty directory)");
  }

  @Test
  void anonymousVolumesHaveNoHostAndNamesNeverClash() {
    Project p = project(
        svc("web").volume(anonymous("/a")).volume(anonymous("/b")).volume(named("web-anon1", "/c")));
    DeploymentPlan plan = plan(p);
    Volumes v = new Volumes(p, diags, plan);
    assertThat(mounts(v, p, 0, new ArrayList<>())).extracting(MountPoint::sourceVolume)
        .containsExactly("web-anon1", "web-anon2", "web-anon1-2");
    assertThat(v.volumes().get(0)).isEqualTo(new Volume("web-anon1", Optional.empty()));
  }

  @Test
  void tmpfsMountsGoToLinuxParametersRoundedUpInMib() {
    Project p = project(svc("web").volume(Models.tmpfs("/run", 1L)).volume(Models.tmpfs("/big", 3L << 30))
        .volume(Models.tmpfs("/nosize", null)));
    DeploymentPlan plan = plan(p);
    Volumes v = new Volumes(p, diags, plan);
    List<Tmpfs> tmpfs = new ArrayList<>();
    assertThat(mounts(v, p, 0, tmpfs)).isEmpty();
    assertThat(tmpfs).containsExactly(new Tmpfs("/run", 1, List.of()), new Tmpfs("/big", 3072, List.of()),
        new Tmpfs("/nosize", 64, List.of()));
    assertThat(rendered(diags)).singleElement().asString().contains("tmpfs /nosize has no size");
  }

  @Test
  void volumeNamesAreEcsSafe() {
    assertThat(Volumes.volumeName("nginx/default.conf")).isEqualTo("nginx-default_conf");
    assertThat(Volumes.volumeName("/x//y z")).isEqualTo("x-y_z");
    assertThat(Volumes.volumeName("..")).isEqualTo("vol");
    assertThat(Volumes.volumeName("_-a")).isEqualTo("a");
    assertThat(Volumes.volumeName("a".repeat(300))).hasSize(200);
  }
}
