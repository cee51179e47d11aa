package dev.compose2eb.ebextensions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.plan.ComposeSecret;
import dev.compose2eb.plan.SecretDelivery;
import dev.compose2eb.plan.SecretPlan;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The platform hook that fetches file secrets: names only, valid bash, the store's read call. */
class SecretHookTest {
  @TempDir Path tmp;
  static final SourceLocation AT = SourceLocation.ofFile("compose.yaml");

  static SecretPlan plan() {
    return new SecretPlan(Map.of(
        "db_password", new ComposeSecret("db_password", Optional.of(Path.of("/p/db.txt")), Optional.empty(), AT),
        "api.key", new ComposeSecret("api.key", Optional.empty(), Optional.of("API_KEY"), AT)),
        List.of(new SecretDelivery("db", "db_password", Optional.of("POSTGRES_PASSWORD"),
                "/run/secrets/db_password", 0444, 0, 0, AT),
            new SecretDelivery("api", "api.key", Optional.empty(), "/run/secrets/api.key", 0440, 1000,
                1001, AT)));
  }

  /** {@code bash -n}: the script parses. */
  private void parses(String script) throws IOException, InterruptedException {
    Path f = tmp.resolve("hook.sh");
    Files.writeString(f, script);
    Process p = new ProcessBuilder("bash", "-n", f.toString()).redirectErrorStream(true).start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
  }

  @Test
  void fetchesEachFileSecretFromParameterStoreWithItsModeAndOwner() throws Exception {
    String script = SecretHook.script(plan(), "/compose2eb/shop/shop-prod/", false).orElseThrow();
    parses(script);
    assertThat(script).startsWith("#!/bin/bash\n").contains("set -euo pipefail")
        .contains("aws ssm get-parameter --region \"$region\" --with-decryption --name"
            + " '/compose2eb/shop/shop-prod/'\"$1\"")
        .contains("install -d -m 0700 -o root -g root \"$dir\"")
        .contains("dir=/var/lib/compose2eb-secrets")
        .contains("http://169.254.169.254/latest/api/token")
        .contains("region=${AWS_REGION:-}")
        .endsWith("fetch 'api.key' 0440 1000 1001\n")
        // the variable delivery is EB's to fetch, not the hook's
        .doesNotContain("db_password").doesNotContain("POSTGRES_PASSWORD");
  }

  @Test
  void readsSecretsManagerWithoutTheLeadingSlash() throws Exception {
    String script = SecretHook.script(plan(), "/compose2eb/shop/shop-prod/", true).orElseThrow();
    parses(script);
    assertThat(script).contains("aws secretsmanager get-secret-value --region \"$region\""
        + " --secret-id 'compose2eb/shop/shop-prod/'\"$1\"").contains("[\"SecretString\"]")
        .doesNotContain("ssm get-parameter");
  }

  @Test
  void noFileSecretNoHook() {
    SecretPlan variablesOnly = new SecretPlan(plan().secrets(), List.of(plan().deliveries().get(0)));
    assertThat(SecretHook.script(variablesOnly, "/compose2eb/a/b/", false)).isEmpty();
    assertThat(SecretHook.script(SecretPlan.empty(), "/compose2eb/a/b/", false)).isEmpty();
  }

  @Test
  void theScriptRunsAgainstAStubAwsCliAndWritesTheFilesAtomically() throws Exception {
    // a stub `aws` answering like the CLI's JSON output, and install/chown as the current user
    Path bin = Files.createDirectories(tmp.resolve("bin"));
    Path dir = tmp.resolve("secrets");
    Files.writeString(bin.resolve("aws"), "#!/bin/bash\n"
        + "printf '{\"Parameter\": {\"Value\": \"v-%s\\\\n\"}}' \"${@: -3:1}\"\n");
    Files.writeString(bin.resolve("install"), "#!/bin/bash\nmkdir -p \"${@: -1}\"; chmod 700 \"${@: -1}\"\n");
    Files.writeString(bin.resolve("chown"), "#!/bin/bash\nexit 0\n");
    for (String f : List.of("aws", "install", "chown")) {
      bin.resolve(f).toFile().setExecutable(true);
    }
    String script = SecretHook.script(plan(), "/compose2eb/shop/shop-prod/", false).orElseThrow()
        .replace("dir=" + SecretPlan.HOST_DIR, "dir=" + dir);
    Path f = tmp.resolve("hook.sh");
    Files.writeString(f, script);
    ProcessBuilder pb = new ProcessBuilder("bash", f.toString()).redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("AWS_REGION", "eu-west-1");
    Process p = pb.start();
    assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(out).isZero();
    Path written = dir.resolve("api.key");
    assertThat(Files.readString(written)).isEqualTo("v-/compose2eb/shop/shop-prod/api.key\n");
    assertThat(java.nio.file.attribute.PosixFilePermissions.toString(Files.getPosixFilePermissions(written)))
        .isEqualTo("r--r-----");
    try (var left = Files.list(dir)) {
      assertThat(left.map(x -> x.getFileName().toString())).containsExactly("api.key");
    }
  }
}
