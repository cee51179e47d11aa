package dev.compose2eb.cli;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.plan.Platform;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The EB platform a command works for: {@code --platform}, else x-eb: {platform: ...}, else ECS. */
final class PlatformChoice {
  private PlatformChoice() {}

  /** @param flag the value of {@code --platform}, or null when not given */
  static Platform of(CommandSpec spec, String flag, Project project) {
    if (flag != null) {
      return Platform.of(flag).orElseThrow(() -> new ParameterException(spec.commandLine(),
          "--platform must be ecs or docker, not \"" + flag + "\""));
    }
    Node n = project.extensions().get("x-eb") instanceof MapNode m ? m.get("platform") : null;
    if (n == null || n instanceof ScalarNode s && s.isNull()) {
      return Platform.ECS;
    }
    Optional<Platform> p = n instanceof ScalarNode s ? Platform.of(s.asText()) : Optional.empty();
    if (p.isEmpty()) {
      throw InvalidInputException.of(Diagnostic.error(n.location(), "x-eb.platform",
          "platform must be ecs or docker", "e.g. x-eb: {platform: docker}"));
    }
    return p.get();
  }
}
