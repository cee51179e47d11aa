package dev.compose2eb.cli;

import dev.compose2eb.compose.load.ComposeLoader;
import dev.compose2eb.compose.load.LoadRequest;
import dev.compose2eb.compose.load.LoadResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The options every command that reads a compose project shares, as {@code docker compose} spells them. */
final class LoaderOptions {
  private final Console console;

  LoaderOptions(Console console) {
    this.console = console;
  }

  @Option(names = {"-f", "--file"}, paramLabel = "FILE",
      description = "Compose file; repeat to merge several (default: compose.yaml, docker-compose.yml"
          + " ... plus the override file, or COMPOSE_FILE)")
  List<String> files = new ArrayList<>();

  @Option(names = "--profile", paramLabel = "PROFILE",
      description = "Enable services of this profile; repeatable, * for all (default: COMPOSE_PROFILES)")
  List<String> profiles = new ArrayList<>();

  @Option(names = "--env-file", paramLabel = "FILE",
      description = "Read the project environment from this file instead of .env; repeatable")
  List<String> envFiles = new ArrayList<>();

  @Option(names = {"-p", "--project-name"}, paramLabel = "NAME",
      description = "Project name (default: COMPOSE_PROJECT_NAME, the top-level name:, or the directory name)")
  String projectName;

  @Option(names = "--project-directory", paramLabel = "DIR",
      description = "Project directory (default: the directory of the first compose file)")
  String projectDirectory;

  LoadRequest request() {
    return new LoadRequest(files, profiles, envFiles, Optional.ofNullable(projectName),
        Optional.ofNullable(projectDirectory), console.cwd, console.env);
  }

  LoadResult load() {
    long start = System.nanoTime();
    LoadResult result = ComposeLoader.load(request());
    console.timing("load", start);
    return result;
  }
}
