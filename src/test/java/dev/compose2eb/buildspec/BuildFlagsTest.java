package dev.compose2eb.buildspec;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code build} keys about how docker builds: real flags where safe, a report otherwise. */
class BuildFlagsTest {
  @TempDir Path dir;
  private final Diagnostics diags = new Diagnostics();

  /** The one docker build command of a project whose only service builds with {@code build}. */
  private String build(String build, String topLevel) {
    TestProjects.write(dir, Map.of("compose.yaml", "name: flags\nservices:\n  app:\n    build:\n"
        + build.indent(6) + "    mem_limit: 64m\n" + topLevel, "Dockerfile", "FROM alpine\n"));
    String text = BuildspecGenerator.generate(TestProjects.load(dir), BuildspecOptions.defaults(),
        List.of(), diags);
    return text.lines().map(String::strip).filter(l -> l.startsWith("- docker build"))
        .map(l -> l.substring(2)).findFirst().orElseThrow();
  }

  private List<String> report() {
    return diags.list().stream().map(Diagnostic::render).toList();
  }

  @Test
  void buildKeysWithADockerBuildFlagArePassed() {
    assertThat(build("""
        context: .
        no_cache: true
        pull: true
        shm_size: 128m
        extra_hosts: ["registry.local=10.0.0.5"]
        ulimits: {nofile: {soft: 1024, hard: 4096}}
        """, "")).isEqualTo("docker build -t \"$REGISTRY/flags-app:$IMAGE_TAG\" --no-cache --pull"
        + " --shm-size 134217728 --add-host registry.local:10.0.0.5 --ulimit nofile=1024:4096 .");
    assertThat(report()).isEmpty();
  }

  @Test
  void falseFlagsPassNothing() {
    assertThat(build("""
        context: .
        no_cache: false
        pull: false
        privileged: false
        provenance: false
        """, "")).isEqualTo("docker build -t \"$REGISTRY/flags-app:$IMAGE_TAG\" .");
    assertThat(report()).isEmpty();
  }

  @Test
  void anEnvironmentSecretIsPassedByNameAndAFileSecretIsNot() {
    String command = build("""
        context: .
        secrets:
          - npm_token
          - source: ssl_key
            target: key
        """, """
        secrets:
          npm_token: {environment: NPM_TOKEN}
          ssl_key: {file: ./key.pem}
        """);
    assertThat(command).isEqualTo("docker build -t \"$REGISTRY/flags-app:$IMAGE_TAG\""
        + " --secret id=npm_token,env=NPM_TOKEN .");
    assertThat(report()).containsExactly(
        "compose.yaml:7:11: warning: services.app.build.secrets: build secret npm_token is read from"
            + " the variable NPM_TOKEN of the CodeBuild environment: buildspec.yml passes only its"
            + " name; provide it there as a secret, e.g. under env.secrets-manager in buildspec.yml:"
            + " \"NPM_TOKEN: my-app/build-secrets:NPM_TOKEN\", or as a Secrets Manager variable of the"
            + " CodeBuild project",
        "compose.yaml:8:11: warning: services.app.build.secrets: build secret ssl_key is not passed"
            + " to docker build by the buildspec: only secrets read from an environment variable can"
            + " reach CodeBuild, never a file; declare it as secrets: {ssl_key: {environment: SSL_KEY}}"
            + " and provide SSL_KEY in the CodeBuild environment");
  }

  @Test
  void sshAndBuilderOnlyKeysAreReportedAtTheirOwnKey() {
    assertThat(build("""
        context: .
        ssh: [default]
        privileged: true
        entitlements: [network.host]
        isolation: hyperv
        provenance: mode=max
        sbom: true
        """, "")).isEqualTo("docker build -t \"$REGISTRY/flags-app:$IMAGE_TAG\" .");
    assertThat(report()).containsExactly(
        "compose.yaml:6:7: warning: services.app.build.ssh: build.ssh (default) is not passed to"
            + " docker build by the buildspec: CodeBuild has no SSH agent holding your keys; fetch"
            + " private sources over HTTPS with a token passed as a build secret, or start ssh-agent"
            + " in pre_build and add --ssh default to the build command",
        "compose.yaml:7:7: warning: services.app.build.privileged: build.privileged is not passed"
            + " to docker build by the buildspec: privileged build steps need a buildx builder that"
            + " grants the security.insecure entitlement; remove it, or run a privileged step in the"
            + " buildspec instead of the Dockerfile",
        "compose.yaml:8:7: warning: services.app.build.entitlements: build.entitlements is not"
            + " passed to docker build by the buildspec: CodeBuild's default builder grants no extra"
            + " entitlements; remove it",
        "compose.yaml:9:7: info: services.app.build.isolation: build.isolation is not passed to"
            + " docker build by the buildspec: isolation is a Windows setting, and CodeBuild builds"
            + " Linux images",
        "compose.yaml:10:7: info: services.app.build.provenance: build.provenance is not passed to"
            + " docker build by the buildspec: the image is pushed without a provenance attestation",
        "compose.yaml:11:7: info: services.app.build.sbom: build.sbom is not passed to docker build"
            + " by the buildspec: the image is pushed without an SBOM attestation");
  }
}
