package dev.compose2eb.cli;

import dev.compose2eb.buildspec.BuildspecGenerator;
import dev.compose2eb.buildspec.BuildspecOptions;
import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.Severity;
import dev.compose2eb.plan.Platform;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compose2eb buildspec}: writes only the CodeBuild buildspec.yml. */
@Command(name = "buildspec", mixinStandardHelpOptions = true,
    description = {"Write the CodeBuild buildspec.yml that builds every build: service, pushes it"
        + " to ECR under the commit's tag, then runs compose2eb convert (or deploy) for those"
        + " images.",
        "Loader and translation options are repeated on the jar's command line in CodeBuild;"
            + " --registry and --tag are not (CodeBuild derives them). Prints the path written."})
final class BuildspecCommand implements Callable<Integer> {
  private final Console console;
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;
  @Mixin LoaderOptions loader;
  @Mixin ConvertCommand.TranslateMixin translate;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR",
      description = "Directory to write buildspec.yml into (default: the project directory)")
  Path output;

  @Option(names = "--deploy", description = "post_build runs compose2eb deploy (application and"
      + " environment from EB_APPLICATION and EB_ENVIRONMENT) instead of convert, and the"
      + " buildspec has no artifacts")
  boolean deploy;

  @Option(names = "--force", description = "Replace a buildspec.yml that compose2eb did not write")
  boolean force;

  BuildspecCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    LoadResult loaded = loader.load();
    Platform platform = translate.platform(spec, loaded.project());
    TargetOutput t = TargetOutput.of(console, platform, loaded, translate.options(spec),
        translate.managed);
    Diagnostics diags = new Diagnostics();
    BuildspecOptions opts = BuildspecArguments.of(loader, translate, loaded, console.cwd, deploy,
        platform, diags);
    String text = BuildspecGenerator.generate(loaded.project(), opts, t.bundlePaths(), diags);
    boolean passwords = t.translation().stream().flatMap(tr -> tr.managed().services().stream())
        .anyMatch(m -> m.passwordParameter().isPresent());
    if (passwords && !deploy) {
      // deploy creates them; a pipeline's deploy action only hands EB the bundle
      diags.warning(null, "--managed", "the pipeline's deploy action makes the environment"
              + " create the managed databases, but nothing in this buildspec creates their master"
              + " password parameters, which CloudFormation reads then",
          "use buildspec --deploy, or create each parameter once as docs/managed.md shows");
    }
    // the translation's warnings belong to convert; its errors make the CodeBuild run fail too
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    t.report().stream().filter(Diagnostic::isError).forEach(all::add);
    all.addAll(diags.list());
    console.diagnostics(all);
    long errors = ReportJson.count(all, Severity.ERROR);
    if (errors > 0) {
      console.errorSummary(errors + " error(s); nothing written");
      return ExitCode.INVALID_INPUT.code;
    }
    Path dir = output != null ? console.cwd.resolve(output) : loaded.project().workingDir();
    Path target = dir.resolve(BuildspecGenerator.FILE_NAME);
    String existing = OutputFiles.readOrNull(target);
    if (existing != null && !force && !BuildspecGenerator.isGenerated(existing)) {
      console.error(shown(target) + " exists and was not written by compose2eb; pass --force to"
          + " replace it, or -o DIR to write elsewhere");
      return ExitCode.FAILURE.code;
    }
    OutputFiles.write(target, text);
    if (console.json()) {
      console.result(g -> JsonDocument.writeStrings(g, "written", List.of(shown(target))));
    } else {
      console.out.println(shown(target));
    }
    return ExitCode.OK.code;
  }

  private String shown(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(console.cwd) ? console.cwd.relativize(abs).toString() : abs.toString();
  }
}
