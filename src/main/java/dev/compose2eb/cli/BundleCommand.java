package dev.compose2eb.cli;

import dev.compose2eb.bundle.Bundle;
import dev.compose2eb.bundle.BundleBuilder;
import dev.compose2eb.bundle.BundleRequest;
import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.diag.Severity;
import dev.compose2eb.ebextensions.ManagedConfigWriter;
import dev.compose2eb.plan.Platform;
import dev.compose2eb.plan.SecretPlanner;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code compose2eb bundle}: the Elastic Beanstalk source bundle, a reproducible zip. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = {"Build the Elastic Beanstalk source bundle: a reproducible zip with the generated"
        + " Dockerrun.aws.json (docker-compose.yml with --platform docker), the files the containers mount, .ebextensions/ and .platform/.",
        "Prints the zip's path, then 'sha256 <hex>' and 'version-label <label>' on stdout; the"
            + " report on stderr. Writes nothing when the project has errors."})
final class BundleCommand implements Callable<Integer> {
  /** Where bundles go by default, as the EB CLI keeps its own; never bundled itself. */
  static final String DEFAULT_DIR = ".elasticbeanstalk/app_versions";

  private final Console console;
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;
  @Mixin LoaderOptions loader;
  @Mixin ConvertCommand.TranslateMixin translate;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE.zip",
      description = "Zip file to write (default: <project-dir>/" + DEFAULT_DIR
          + "/<version-label>.zip)")
  Path output;

  @Mixin ManagedNames.Names names;

  BundleCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() throws IOException {
    if (output != null && Files.isDirectory(console.cwd.resolve(output))) {
      throw new ParameterException(spec.commandLine(), "-o must name the zip file, not the"
          + " directory " + output);
    }
    LoadResult loaded = loader.load();
    Platform platform = translate.platform(spec, loaded.project());
    Path projectDir = loaded.project().workingDir();
    TargetOutput t = TargetOutput.of(console, platform, loaded, translate.options(spec),
        translate.managed);
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    all.addAll(t.report());
    // their values reach the store, and the hook that fetches files its path, only through deploy
    SecretPlanner.plan(loaded.project(), new Diagnostics()).deliveries().stream().findFirst()
        .ifPresent(d -> all.add(Diagnostic.error(d.location(), "services." + d.service() + ".secrets",
            "compose secrets (" + d.secret() + " ...) reach the containers only through deploy, which"
                + " stores their values and adds the platform hook; a bundle built alone would lack them",
            "run compose2eb deploy")));
    // the managed services' resources go into the bundle, for the environment's stack to create
    Map<String, String> generated = new TreeMap<>();
    if (!t.managed().isEmpty()) {
      ManagedNames.parameterPath(loaded.project(), names.application, names.environment, all)
          .ifPresent(path -> generated.put(ManagedConfigWriter.PATH,
              ManagedConfigWriter.write(t.managed(), path)));
    }
    console.diagnostics(all);
    long errors = ReportJson.count(all, Severity.ERROR);
    if (errors > 0) {
      console.errorSummary(errors + " error(s); nothing written");
      return ExitCode.INVALID_INPUT.code;
    }
    // The default name holds the label, known only once the zip is hashed: build under a
    // temporary name in the same (never bundled) directory, then rename.
    Path target = output != null ? console.cwd.resolve(output).normalize()
        : projectDir.resolve(DEFAULT_DIR).resolve(".pending.zip");
    Bundle bundle;
    try {
      bundle = BundleBuilder.build(new BundleRequest(projectDir, t.text(), t.bundlePaths(),
          BundleBuilder.EB_MAX_BYTES, target, t.platform().descriptor(), generated, Map.of()));
    } catch (InvalidInputException e) {
      console.diagnostics(e.diagnostics());
      console.errorSummary("the source bundle cannot be built; nothing written");
      return ExitCode.INVALID_INPUT.code;
    }
    String label = BundleBuilder.versionLabel(projectDir, bundle.sha256Hex());
    Path written = bundle.file();
    if (output == null) {
      written = written.resolveSibling(label + ".zip");
      try {
        Files.move(bundle.file(), written, StandardCopyOption.ATOMIC_MOVE,
            StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(bundle.file(), written, StandardCopyOption.REPLACE_EXISTING);
      }
    }
    console.diagnostics(bundle.report());
    if (console.json()) {
      String path = shown(written);
      console.result(g -> {
        g.writeStringField("path", path);
        g.writeStringField("sha256", bundle.sha256Hex());
        g.writeStringField("versionLabel", label);
        g.writeNumberField("size", bundle.size());
        JsonDocument.writeStrings(g, "entries", bundle.entries());
      });
    } else {
      console.out.println(shown(written));
      console.out.println("sha256 " + bundle.sha256Hex());
      console.out.println("version-label " + label);
    }
    long files = bundle.entries().stream().filter(n -> !n.endsWith("/")).count();
    console.note("bundled " + files + " file(s), " + bundle.size() + " bytes"
        + (translate.envToEb ? "; environment values are not in the bundle: set them with"
            + " `compose2eb env set --from eb-environment.json` (from convert --env-to-eb; secrets go to"
            + " SSM Parameter Store), or deploy" : ""));
    return ExitCode.OK.code;
  }

  /** A path as printed: relative to the working directory when inside it. */
  private String shown(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(console.cwd) ? console.cwd.relativize(abs).toString() : abs.toString();
  }
}
