package dev.compose2eb.cli;

import dev.compose2eb.buildspec.BuildspecGenerator;
import dev.compose2eb.buildspec.BuildspecOptions;
import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.diag.Severity;
import dev.compose2eb.plan.InstanceTypes;
import dev.compose2eb.plan.PlanOptions;
import dev.compose2eb.dockerrun.DockerrunReader;
import dev.compose2eb.ebcompose.DockerrunMigration;
import dev.compose2eb.ebcompose.EbCompose;
import dev.compose2eb.ebextensions.ManagedConfigWriter;
import dev.compose2eb.ebcompose.EbComposeWriter;
import dev.compose2eb.plan.Platform;
import dev.compose2eb.review.UnifiedDiff;
import dev.compose2eb.translate.TranslateOptions;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code compose2eb convert}: compose project to Dockerrun.aws.json v2. */
@Command(name = "convert", mixinStandardHelpOptions = true,
    description = {"Translate the compose project into an Elastic Beanstalk Dockerrun.aws.json"
        + " (AWSEBDockerrunVersion 2), and the CodeBuild buildspec.yml that builds, pushes and"
        + " converts it (a buildspec.yml not written by compose2eb is left alone). With --platform"
        + " docker: a docker-compose.yml for Docker running on 64bit Amazon Linux 2023 instead,"
        + " written into eb-docker/ of the project by default (a docker-compose.yml not written by"
        + " compose2eb is never replaced).",
        "Prints the paths it wrote on stdout and the conversion report on stderr; writes nothing"
            + " when the project has errors."})
final class ConvertCommand implements Callable<Integer> {
  static final String DOCKERRUN = "Dockerrun.aws.json";
  static final String EB_ENVIRONMENT = "eb-environment.json";
  /** Where {@code --platform docker} writes by default: not the project directory, whose own
   *  docker-compose.yml is the user's and is never replaced. */
  static final String DOCKER_DIR = "eb-docker";

  private final Console console;
  @Mixin CommonOptions common;
  /** What generating the extra files found, reported with the translation's diagnostics. */
  private final List<Diagnostic> extraDiagnostics = new ArrayList<>();
  /** Each file's path as printed, and what happened to it: written, or under --check
   * unchanged, differs or missing. */
  private final Map<String, String> fileStatus = new LinkedHashMap<>();
  @Spec CommandSpec spec;
  @Mixin LoaderOptions loader;
  @Mixin TranslateMixin translate;

  @Option(names = {"-o", "--output"}, paramLabel = "DIR",
      description = "Directory to write into (default: the project directory; eb-docker/ in it"
          + " with --platform docker)")
  Path output;

  @Option(names = "--strict", description = "Fail (exit 3) on any warning, not only on errors")
  boolean strict;

  @Option(names = "--report", paramLabel = "FILE.json",
      description = "Also write the conversion report as JSON to this file")
  Path report;

  @Mixin ManagedNames.Names names;

  @Option(names = "--check", description = "Write nothing; exit 4 and print a unified diff when the"
      + " files on disk differ from what would be generated (for CI)")
  boolean check;

  ConvertCommand(Console console) {
    this.console = console;
  }

  @Option(names = "--from", paramLabel = "Dockerrun.aws.json", description = "With --platform"
      + " docker: migrate this Dockerrun.aws.json v2 into the equivalent docker-compose.yml instead"
      + " of converting the compose project (default output: eb-docker/ beside it)")
  Path from;

  @Override
  public Integer call() throws IOException {
    TranslateOptions options = translate.options(spec); // a usage error before any file is read
    if (from != null) {
      return migrate();
    }
    LoadResult loaded = loader.load();
    Platform platform = translate.platform(spec, loaded.project());
    TargetOutput o = TargetOutput.of(console, platform, loaded, options, translate.managed);
    List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
    all.addAll(o.report());
    Path dir = output != null ? console.cwd.resolve(output)
        : platform == Platform.DOCKER ? loaded.project().workingDir().resolve(DOCKER_DIR)
        : loaded.project().workingDir();
    Path target = dir.resolve(platform.descriptor());
    String existing = OutputFiles.readOrNull(target);
    if (platform == Platform.DOCKER && existing != null && !EbComposeWriter.isGenerated(existing)) {
      all.add(Diagnostic.error(null, "", shown(target) + " was not written by compose2eb and is"
          + " left as it is", "write into another directory with -o (the default is "
          + DOCKER_DIR + "/ of the project)"));
    }
    int services = loaded.project().services().size();
    console.result(g -> {
      g.writeNumberField("services", services);
      g.writeBooleanField("check", check);
      g.writeArrayFieldStart("files");
      for (Map.Entry<String, String> f : fileStatus.entrySet()) {
        g.writeStartObject();
        g.writeStringField("path", f.getKey());
        g.writeStringField("status", f.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
    });
    Map<Path, String> extra = all.stream().anyMatch(Diagnostic::isError) ? new LinkedHashMap<>()
        : extraFiles(loaded, o.bundlePaths(), dir, platform);
    // managed services (RDS, ElastiCache): the same config on both platforms, beside the file
    if (!o.managed().isEmpty()) {
      ManagedNames.parameterPath(loaded.project(), names.application, names.environment,
          extraDiagnostics)
          .ifPresent(path -> extra.put(dir.resolve(ManagedConfigWriter.PATH),
              ManagedConfigWriter.write(o.managed(), path)));
    }
    all.addAll(extraDiagnostics);
    console.diagnostics(all);
    if (report != null) {
      OutputFiles.write(console.cwd.resolve(report), ReportJson.render(all));
    }
    long errors = ReportJson.count(all, Severity.ERROR);
    long warnings = ReportJson.count(all, Severity.WARNING);
    if (errors > 0 || strict && warnings > 0) {
      console.errorSummary(errors > 0
          ? errors + " error(s), " + warnings + " warning(s); nothing written"
          : warnings + " warning(s) with --strict; nothing written");
      return ExitCode.INVALID_INPUT.code;
    }
    Map<Path, String> files = new LinkedHashMap<>();
    files.put(target, o.text());
    if (translate.envToEb) {
      files.put(dir.resolve(EB_ENVIRONMENT), EbEnvironmentJson.render(o.ebEnvironment()));
    }
    files.putAll(extra);
    if (check) {
      return check(files);
    }
    OutputFiles.writeAll(files);
    for (Path p : files.keySet()) {
      fileStatus.put(shown(p), "written");
      if (!console.json()) {
        console.out.println(shown(p));
      }
    }
    console.note("converted " + loaded.project().services().size()
        + " service(s): " + warnings + " warning(s)");
    return ExitCode.OK.code;
  }

  /** {@code --from}: a Dockerrun.aws.json v2 as the Docker platform's compose file. */
  private int migrate() throws IOException {
    if (translate.platform == null || Platform.of(translate.platform).orElse(null) != Platform.DOCKER) {
      throw new ParameterException(spec.commandLine(), "--from migrates a Dockerrun.aws.json to"
          + " the Docker platform: add --platform docker");
    }
    Path file = console.cwd.resolve(from);
    Diagnostics read = new Diagnostics();
    String text = ValidateCommand.readText(file, from.toString(), read);
    if (text == null) {
      throw new InvalidInputException(read.list());
    }
    EbCompose c = DockerrunMigration.migrate(from.toString(),
        DockerrunReader.read(from.toString(), text));
    Path dir = output != null ? console.cwd.resolve(output)
        : file.toAbsolutePath().normalize().getParent().resolve(DOCKER_DIR);
    Path target = dir.resolve(Platform.DOCKER.descriptor());
    String existing = OutputFiles.readOrNull(target);
    List<Diagnostic> all = new ArrayList<>(c.report());
    if (existing != null && !EbComposeWriter.isGenerated(existing)) {
      all.add(Diagnostic.error(null, "", shown(target) + " was not written by compose2eb and is"
          + " left as it is", "write into another directory with -o"));
    }
    console.diagnostics(all);
    if (all.stream().anyMatch(Diagnostic::isError)) {
      console.err.println("error: nothing written");
      return ExitCode.INVALID_INPUT.code;
    }
    if (check) {
      return check(Map.of(target, c.text()));
    }
    OutputFiles.write(target, c.text());
    console.out.println(shown(target));
    return ExitCode.OK.code;
  }

  /**
   * Files generated beside the Dockerrun file: buildspec.yml, unless one exists that this tool
   * did not write (a hand-written one is never replaced); a generated one keeps its post_build
   * variant (convert or deploy).
   */
  Map<Path, String> extraFiles(LoadResult loaded, List<String> bundlePaths, Path dir,
      Platform platform) throws IOException {
    Path target = dir.resolve(BuildspecGenerator.FILE_NAME);
    String existing = OutputFiles.readOrNull(target);
    if (existing != null && !BuildspecGenerator.isGenerated(existing)) {
      extraDiagnostics.add(Diagnostic.info(null, "", shown(target) + " was not written by"
              + " compose2eb and is left as it is",
          "compare it with the output of compose2eb buildspec -o <another dir>"));
      return new LinkedHashMap<>();
    }
    Diagnostics diags = new Diagnostics();
    BuildspecOptions opts = BuildspecArguments.of(loader, translate, loaded, console.cwd,
        existing != null && BuildspecGenerator.deploys(existing), platform, diags);
    String text = BuildspecGenerator.generate(loaded.project(), opts, bundlePaths, diags);
    extraDiagnostics.addAll(diags.list());
    return new LinkedHashMap<>(Map.of(target, text));
  }

  /** A path as printed: relative to the working directory when inside it. */
  private String shown(Path p) {
    Path abs = p.toAbsolutePath().normalize();
    return abs.startsWith(console.cwd) ? console.cwd.relativize(abs).toString() : abs.toString();
  }

  private int check(Map<Path, String> files) throws IOException {
    boolean differs = false;
    for (Map.Entry<Path, String> f : files.entrySet()) {
      String onDisk = OutputFiles.readOrNull(f.getKey());
      String shown = shown(f.getKey());
      String diff = "";
      if (onDisk == null) {
        diff = UnifiedDiff.diff("/dev/null", "", shown, f.getValue());
        fileStatus.put(shown, "missing");
      } else if (!onDisk.equals(f.getValue())) {
        diff = UnifiedDiff.diff(shown, onDisk, shown + " (generated)", f.getValue());
        fileStatus.put(shown, "differs");
      } else {
        fileStatus.put(shown, "unchanged");
      }
      differs |= !diff.isEmpty();
      if (!console.json()) {
        console.out.print(diff);
      }
    }
    console.note(differs ? "generated files are out of date; run compose2eb convert"
        : "generated files are up to date");
    return differs ? ExitCode.DIFFERENT.code : ExitCode.OK.code;
  }

  /** The translation options shared by convert, graph and later commands. */
  static final class TranslateMixin {
    @Option(names = "--registry", paramLabel = "HOST",
        description = "Registry for images built from source, e.g. 123456789012.dkr.ecr.eu-west-1.amazonaws.com")
    String registry;

    @Option(names = "--tag", paramLabel = "TAG", defaultValue = "latest",
        description = "Tag of images built from source (default: ${DEFAULT-VALUE})")
    String tag;

    @Option(names = "--default-memory", paramLabel = "MIB",
        description = "Memory reservation of each container that states none (default: they share"
            + " what the instance type's budget leaves, at least 128 MiB each)")
    Integer defaultMemory;

    @Option(names = "--instance-type", paramLabel = "TYPE",
        description = "EC2 instance type the containers run on, which the memory plan is made for"
            + " (default: x-eb.instance_type, else " + InstanceTypes.DEFAULT + ")")
    String instanceType;

    @Option(names = "--entry", paramLabel = "SERVICE[:PORT]",
        description = "The service (and its container port) that serves on host port 80, where"
            + " Elastic Beanstalk's load balancer sends traffic (default: x-eb.entry, else the one"
            + " service that publishes a port)")
    String entry;

    @Option(names = "--keep-dev-mounts", description = "Keep development mounts (a bind of the"
        + " service's own build context, and anonymous volumes under it); default: x-eb.keep_dev_mounts")
    boolean keepDevMounts;

    @Option(names = "--env-to-eb", description = "Move all environment values out of"
        + " Dockerrun.aws.json into eb-environment.json, for EB environment properties")
    boolean envToEb;

    @Option(names = "--managed", paramLabel = "SERVICE", description = "Run this database or cache"
        + " service as Amazon RDS or ElastiCache instead of a container (repeatable; as x-eb:"
        + " {managed: true} on the service); see docs/managed.md")
    List<String> managed = new ArrayList<>();

    @Option(names = "--platform", paramLabel = "ecs|docker", description = "Elastic Beanstalk"
        + " platform: ecs (Dockerrun.aws.json, the default) or docker (docker-compose.yml for"
        + " Docker running on 64bit Amazon Linux 2023); else x-eb: {platform: ...}")
    String platform;

    /** --platform, else x-eb: {platform: ...}, else ECS. */
    Platform platform(CommandSpec spec, Project project) {
      return PlatformChoice.of(spec, platform, project);
    }

    TranslateOptions options(CommandSpec spec) {
      if (defaultMemory != null && defaultMemory < 6) {
        throw new ParameterException(spec.commandLine(),
            "--default-memory must be at least 6 (MiB), not " + defaultMemory);
      }
      return new TranslateOptions(Optional.ofNullable(registry).filter(r -> !r.isBlank()), tag,
          planOptions(), envToEb);
    }

    /** The plan's choices from the flags; the plan falls back to x-eb and its defaults. */
    PlanOptions planOptions() {
      return new PlanOptions(Optional.ofNullable(instanceType).filter(t -> !t.isBlank()),
          Optional.ofNullable(entry).filter(e -> !e.isBlank()), keepDevMounts,
          Optional.ofNullable(defaultMemory));
    }
  }
}
