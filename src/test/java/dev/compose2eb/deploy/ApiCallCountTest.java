package dev.compose2eb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.fake.Call;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counts the control-plane calls of each scenario in the fake (S3 and registry traffic are not in
 * its log), writes them to {@code target/api-calls.md} for docs/deploy.md, and pins the numbers
 * that matter: an unchanged redeploy writes nothing, and no scenario repeats a write.
 */
class ApiCallCountTest {
  @TempDir Path tmp;

  @Test
  void callsPerScenario() throws Exception {
    StringBuilder md = new StringBuilder("| scenario | calls | writes | write calls |\n|---|---:|---:|---|\n");
    try (DeployWorld w = new DeployWorld(tmp)) {
      w.deploy(DeployWorld.request());
      List<Call> first = w.fake.calls();
      row(md, "first deploy (creates everything)", first);
      w.fake.clearCalls();
      w.deploy(DeployWorld.request());
      List<Call> unchanged = w.fake.calls();
      row(md, "redeploy, nothing changed", unchanged);
      w.fake.clearCalls();
      w.write("compose.yaml", Files.readString(w.project.resolve("compose.yaml"))
          .replace("MODE: production", "MODE: staging"));
      w.deploy(DeployWorld.request());
      List<Call> changed = w.fake.calls();
      row(md, "redeploy after a change", changed);

      assertThat(unchanged.stream().filter(Call::write)).isEmpty();
      assertThat(writes(changed)).containsExactly("CreateApplicationVersion", "UpdateEnvironment");
      // two roles are created and policies attached to each; every other create happens once
      List<String> once = writes(first).stream()
          .filter(a -> !a.equals("CreateRole") && !a.equals("AttachRolePolicy")).toList();
      assertThat(once).doesNotHaveDuplicates();
    }
    Path out = Path.of("target", "api-calls.md");
    Files.createDirectories(out.getParent());
    Files.writeString(out, md.toString());
  }

  private static List<String> writes(List<Call> calls) {
    return calls.stream().filter(Call::write).map(Call::action).toList();
  }

  private static void row(StringBuilder md, String scenario, List<Call> calls) throws IOException {
    Map<String, Long> byAction = calls.stream().filter(Call::write)
        .collect(Collectors.groupingBy(Call::action, TreeMap::new, Collectors.counting()));
    md.append("| ").append(scenario).append(" | ").append(calls.size()).append(" | ")
        .append(calls.stream().filter(Call::write).count()).append(" | ")
        .append(byAction.entrySet().stream().map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
            .collect(Collectors.joining(", ")))
        .append(" |\n");
    Map<String, Long> reads = calls.stream().filter(c -> !c.write())
        .collect(Collectors.groupingBy(Call::action, TreeMap::new, Collectors.counting()));
    md.append("|   reads | | | ").append(reads.entrySet().stream()
        .map(e -> e.getKey() + " x" + e.getValue()).collect(Collectors.joining(", "))).append(" |\n");
  }
}
