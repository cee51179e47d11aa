package dev.compose2eb.cli;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * The Parameter Store path of a project's secrets, {@code /compose2eb/<application>/<environment>}
 * (docs/deploy.md), which the managed services' config names for their master passwords.
 */
final class ManagedNames {
  private ManagedNames() {}

  /** The path, or empty with an error added to {@code diags} when a name is missing. */
  static Optional<String> parameterPath(Project project, String application, String environment,
      List<Diagnostic> diags) {
    XEbSettings xeb = XEbSettings.of(project);
    Optional<String> app = Optional.ofNullable(application).or(xeb::application);
    Optional<String> env = Optional.ofNullable(environment).or(xeb::environment);
    if (app.isEmpty() || env.isEmpty()) {
      diags.add(Diagnostic.error(project.composeFiles().isEmpty() ? null
              : SourceLocation.ofFile(project.composeFiles().get(0)), "x-eb",
          "managed services need the application and environment names: their master passwords"
              + " live in Parameter Store under /compose2eb/<application>/<environment>",
          "pass --application and --environment, or set x-eb: {application: ..., environment: ...}"));
      return Optional.empty();
    }
    return Optional.of(path(app.get(), env.get()));
  }

  static String path(String application, String environment) {
    return "/compose2eb/" + application + "/" + environment;
  }
}
