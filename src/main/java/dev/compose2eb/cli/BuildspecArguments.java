package dev.compose2eb.cli;

import dev.compose2eb.buildspec.BuildspecOptions;
import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.plan.Platform;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The buildspec options from this run's command line: the loader options the jar must repeat in
 * CodeBuild, with paths made relative to the project directory, where CodeBuild runs.
 */
final class BuildspecArguments {
  private BuildspecArguments() {}

  static BuildspecOptions of(LoaderOptions loader, ConvertCommand.TranslateMixin translate,
      LoadResult loaded, Path cwd, boolean deploy, Platform platform, Diagnostics diags) {
    Path projectDir = loaded.project().workingDir();
    // the files actually read, named explicitly: COMPOSE_FILE of this shell is not set in CodeBuild
    List<String> files = new ArrayList<>();
    for (String f : loaded.project().composeFiles()) {
      files.add(relative(cwd.resolve(f), projectDir, "compose file", diags));
    }
    List<String> envFiles = new ArrayList<>();
    for (String f : loader.envFiles) {
      envFiles.add(relative(cwd.resolve(f), projectDir, "env file", diags));
    }
    List<String> profiles = loader.profiles;
    if (profiles.isEmpty()) {
      String fromEnv = loaded.environment().getOrDefault("COMPOSE_PROFILES", "");
      profiles = Arrays.stream(fromEnv.split(",")).map(String::strip).filter(s -> !s.isEmpty())
          .toList();
    }
    return new BuildspecOptions(deploy, files, profiles, envFiles, translate.planOptions(),
        translate.envToEb, platform, translate.managed);
  }

  private static String relative(Path file, Path projectDir, String what, Diagnostics diags) {
    Path abs = file.toAbsolutePath().normalize();
    String rel = projectDir.relativize(abs).toString().replace('\\', '/');
    if (!abs.startsWith(projectDir)) {
      diags.warning(SourceLocation.ofFile(abs.toString()), "", what + " " + rel + " is outside"
          + " the project directory, which CodeBuild checks out as the repository root",
          "keep it inside the project directory");
    }
    return rel;
  }
}
