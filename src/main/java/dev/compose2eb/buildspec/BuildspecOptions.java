package dev.compose2eb.buildspec;

import dev.compose2eb.plan.PlanOptions;
import dev.compose2eb.plan.Platform;
import java.util.List;

/**
 * How the generated buildspec runs compose2eb in CodeBuild. The loader arguments are repeated there
 * so that the jar loads the same project; paths are relative to the project directory, which is
 * the repository root CodeBuild runs in.
 *
 * @param deploy post_build runs {@code compose2eb deploy} instead of {@code convert} and
 *     {@code validate}, and the buildspec has no artifacts
 * @param composeFiles {@code -f} files, relative to the project directory; empty means discovery
 * @param profiles {@code --profile} values
 * @param envFiles {@code --env-file} files, relative to the project directory
 * @param plan {@code --instance-type}, {@code --entry}, {@code --keep-dev-mounts},
 *     {@code --default-memory}
 * @param envToEb {@code --env-to-eb}
 * @param platform {@code --platform}: what post_build converts to and the artifact holds
 * @param managed {@code --managed} services: post_build's convert or deploy runs them as RDS or
 *     ElastiCache too
 */
public record BuildspecOptions(
    boolean deploy,
    List<String> composeFiles,
    List<String> profiles,
    List<String> envFiles,
    PlanOptions plan,
    boolean envToEb,
    Platform platform,
    List<String> managed) {

  public BuildspecOptions {
    composeFiles = List.copyOf(composeFiles);
    profiles = List.copyOf(profiles);
    envFiles = List.copyOf(envFiles);
    managed = List.copyOf(managed);
  }

  /** Without {@code --managed}. */
  public BuildspecOptions(boolean deploy, List<String> composeFiles, List<String> profiles,
      List<String> envFiles, PlanOptions plan, boolean envToEb, Platform platform) {
    this(deploy, composeFiles, profiles, envFiles, plan, envToEb, platform, List.of());
  }

  /** For the ECS platform. */
  public BuildspecOptions(boolean deploy, List<String> composeFiles, List<String> profiles,
      List<String> envFiles, PlanOptions plan, boolean envToEb) {
    this(deploy, composeFiles, profiles, envFiles, plan, envToEb, Platform.ECS);
  }

  /** Convert, compose file discovery, no profiles, default memory, environment in the Dockerrun. */
  public static BuildspecOptions defaults() {
    return new BuildspecOptions(false, List.of(), List.of(), List.of(), PlanOptions.defaults(),
        false);
  }

  public BuildspecOptions withComposeFiles(List<String> files) {
    return new BuildspecOptions(deploy, files, profiles, envFiles, plan, envToEb, platform, managed);
  }

  public BuildspecOptions withDeploy(boolean value) {
    return new BuildspecOptions(value, composeFiles, profiles, envFiles, plan, envToEb, platform, managed);
  }

  /** The loader and translation options of the jar's command line, quoted for the shell. */
  List<String> jarArguments(String projectName) {
    List<String> words = new java.util.ArrayList<>();
    composeFiles.forEach(f -> words.add("-f " + Shell.quote(f)));
    profiles.forEach(p -> words.add("--profile " + Shell.quote(p)));
    envFiles.forEach(f -> words.add("--env-file " + Shell.quote(f)));
    // always named: in CodeBuild the checkout directory has another name than here
    words.add("-p " + Shell.quote(projectName));
    words.add("--registry \"$REGISTRY\" --tag \"$IMAGE_TAG\"");
    plan.instanceType().ifPresent(t -> words.add("--instance-type " + Shell.quote(t)));
    plan.entry().ifPresent(e -> words.add("--entry " + Shell.quote(e)));
    if (plan.keepDevMounts()) {
      words.add("--keep-dev-mounts");
    }
    plan.defaultMemoryMib().ifPresent(m -> words.add("--default-memory " + m));
    if (envToEb) {
      words.add("--env-to-eb");
    }
    if (platform != Platform.ECS) {
      words.add("--platform " + platform.id());
    }
    managed.forEach(m -> words.add("--managed " + Shell.quote(m)));
    return words;
  }
}
