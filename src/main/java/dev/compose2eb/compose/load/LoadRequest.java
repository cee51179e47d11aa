package dev.compose2eb.compose.load;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the user asked for, as {@code docker compose} options.
 *
 * @param files {@code -f} files as written (relative to {@code workingDir}); empty means discover
 * @param profiles {@code --profile} values; empty means {@code COMPOSE_PROFILES}
 * @param envFiles {@code --env-file} values; empty means {@code .env} in the project directory
 * @param workingDir the directory the command runs in
 * @param osEnvironment the process environment (it wins over every env file)
 */
public record LoadRequest(
    List<String> files,
    List<String> profiles,
    List<String> envFiles,
    Optional<String> projectName,
    Optional<String> projectDirectory,
    Path workingDir,
    Map<String, String> osEnvironment) {

  public LoadRequest {
    files = List.copyOf(files);
    profiles = List.copyOf(profiles);
    envFiles = List.copyOf(envFiles);
    osEnvironment = Map.copyOf(osEnvironment);
    workingDir = workingDir.toAbsolutePath().normalize();
  }

  /** Defaults for a directory: discovery, no profiles, {@code .env}. */
  public static LoadRequest inDirectory(Path dir, Map<String, String> env) {
    return new LoadRequest(List.of(), List.of(), List.of(), Optional.empty(), Optional.empty(), dir, env);
  }
}
