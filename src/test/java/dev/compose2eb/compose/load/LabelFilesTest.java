package dev.compose2eb.compose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.SourceLocation;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code label_file} as compose-go reads it, and the positions of sub-keys for reports. */
class LabelFilesTest {
  @TempDir Path tmp;
  ProjectDir p;

  @BeforeEach
  void setUp() {
    p = new ProjectDir(tmp.resolve("app"));
  }

  @Test
  void labelFilesAreReadInOrderAndLabelsWin() {
    p.file("compose.yaml", """
        services:
          web:
            image: nginx
            label_file: [./base.labels, ./more.labels]
            labels: {tier: front}
        """)
        .file("base.labels", "# base\nteam=web\ntier=back\nowner=${team}-owners\n")
        .file("more.labels", "team=platform\nref=${owner}\n");
    assertThat(p.load().diagnostics()).isEmpty();
    assertThat(p.service("web").labels()).containsExactly(
        java.util.Map.entry("team", "platform"), java.util.Map.entry("tier", "front"),
        java.util.Map.entry("owner", "web-owners"), java.util.Map.entry("ref", "web-owners"));
  }

  @Test
  void aSingleLabelFileIsAString() {
    p.file("compose.yaml", "services:\n  web:\n    image: nginx\n    label_file: ./web.labels\n")
        .file("web.labels", "team=web\n");
    Service web = p.service("web");
    assertThat(web.labels()).containsExactly(java.util.Map.entry("team", "web"));
    assertThat(web.other()).doesNotContainKey("label_file");
  }

  @Test
  void aMissingLabelFileIsAnError() {
    p.file("compose.yaml", "services:\n  web:\n    image: nginx\n    label_file: [./gone.labels]\n");
    assertThat(p.errors()).containsExactly("compose.yaml:4:18: error: services.web.label_file: label"
        + " file ./gone.labels not found (" + p.dir.resolve("gone.labels").toAbsolutePath().normalize()
        + "); create it, or remove it from label_file");
  }

  @Test
  void aDirectoryGivenAsLabelFileIsAnErrorSayingSo() {
    p.file("compose.yaml", "services:\n  web:\n    image: nginx\n    label_file: ./labels\n")
        .file("labels/team", "web\n");
    assertThat(p.errors()).containsExactly("compose.yaml:4:17: error: services.web.label_file: label"
        + " file ./labels is a directory (" + p.dir.resolve("labels").toAbsolutePath().normalize()
        + "); create it, or remove it from label_file");
  }

  @Test
  void subKeysOfBuildAndDeployHaveTheirOwnPositionAndFallBackToTheirParent() {
    p.file("compose.yaml", """
        services:
          web:
            image: nginx
            build:
              context: .
              no_cache: true
            deploy:
              resources:
                limits: {pids: 10}
        """);
    Service web = p.service("web");
    assertThat(web.keyLocation("build.no_cache")).isEqualTo(new SourceLocation("compose.yaml", 6, 7));
    assertThat(web.keyLocation("deploy.resources.limits.pids"))
        .isEqualTo(new SourceLocation("compose.yaml", 9, 18));
    assertThat(web.keyLocation("build.ssh")).isEqualTo(new SourceLocation("compose.yaml", 4, 5));
    assertThat(web.keyLocation("nothing.here")).isEqualTo(web.location());
  }
}
