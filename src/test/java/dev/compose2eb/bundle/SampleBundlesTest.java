package dev.compose2eb.bundle;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.load.ComposeLoader;
import dev.compose2eb.compose.load.LoadRequest;
import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.dockerrun.DockerrunWriter;
import dev.compose2eb.translate.LocalProjectFiles;
import dev.compose2eb.translate.TranslateOptions;
import dev.compose2eb.translate.Translation;
import dev.compose2eb.translate.Translator;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The bundle of a loaded and translated project holds the Dockerrun file and exactly the mounts. */
class SampleBundlesTest {
  @TempDir Path tmp;

  private Bundle bundle(Path projectDir) throws IOException {
    LoadResult loaded = ComposeLoader.load(LoadRequest.inDirectory(projectDir, Map.of()));
    Translation t = Translator.translate(loaded.project(), TranslateOptions.defaults(),
        new LocalProjectFiles(loaded.project().workingDir()));
    assertThat(t.hasErrors()).as(t.report().toString()).isFalse();
    String json = DockerrunWriter.write(t.dockerrun());
    Bundle b = BundleBuilder.build(new BundleRequest(loaded.project().workingDir(), json,
        t.bundlePaths(), BundleBuilder.EB_MAX_BYTES, tmp.resolve("bundle.zip")));
    assertThat(Tree.contents(b.file()).get("Dockerrun.aws.json")).isEqualTo(json);
    return b;
  }

  @ParameterizedTest
  @ValueSource(strings = {"multi-docker", "nest-postgres", "nginx-react-node-mongo"})
  void theSamplesMountNoProjectFilesSoTheBundleIsTheDockerrunFileAlone(String sample)
      throws IOException {
    Bundle b = bundle(Path.of("samples", sample).toAbsolutePath());
    // images are built from the sources by the buildspec; no container bind-mounts a project file,
    // and the .env files the samples carry stay out
    assertThat(b.entries()).containsExactly("Dockerrun.aws.json");
  }

  @Test
  void aProjectWithBindMountsBundlesExactlyWhatIsMounted() throws IOException {
    Tree t = new Tree(tmp.resolve("shop"))
        .file("compose.yaml", """
            services:
              proxy:
                image: nginx:1.27
                ports: ["80:80"]
                volumes:
                  - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
                  - ./static:/usr/share/nginx/html:ro
                  - cache:/var/cache/nginx
              app:
                image: python:3.12
                env_file: .env
                volumes:
                  - type: bind
                    source: ./config/app.toml
                    target: /app/app.toml
                  - /var/log:/host-logs:ro
            volumes:
              cache: {}
            """)
        .file(".env", "SECRET_KEY=abc\n")
        .file("nginx/default.conf", "server { listen 80; }\n")
        .file("nginx/unused.conf", "# not mounted\n")
        .file("static/index.html", "<p>shop</p>\n")
        .file("static/img/logo.svg", "<svg/>\n")
        .file("config/app.toml", "debug = false\n")
        .file("config/dev.toml", "debug = true\n")
        .file("app/main.py", "print('built into the image')\n")
        .file(".platform/hooks/postdeploy/10-warm.sh", "#!/bin/sh\ncurl -s localhost\n")
        .chmod(".platform/hooks/postdeploy/10-warm.sh", "rwxr-xr-x");
    Bundle b = bundle(t.dir);
    assertThat(b.entries()).containsExactly(
        ".platform/",
        ".platform/hooks/",
        ".platform/hooks/postdeploy/",
        ".platform/hooks/postdeploy/10-warm.sh",
        "Dockerrun.aws.json",
        "config/",
        "config/app.toml",
        "nginx/",
        "nginx/default.conf",
        "static/",
        "static/img/",
        "static/img/logo.svg",
        "static/index.html");
    assertThat(Files.readString(t.dir.resolve("nginx/default.conf")))
        .isEqualTo(Tree.contents(b.file()).get("nginx/default.conf"));
  }
}
