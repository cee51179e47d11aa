package dev.compose2eb.cli;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.Severity;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.dockerrun.DockerrunValidator;
import dev.compose2eb.ebcompose.EbComposeValidator;
import dev.compose2eb.plan.Platform;
import dev.compose2eb.plan.SecretRule;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code compose2eb validate}: checks Dockerrun.aws.json files against Elastic Beanstalk's rules,
 * and docker-compose.yml files against what breaks on EB's Docker platform.
 */
@Command(name = "validate", mixinStandardHelpOptions = true,
    description = {"Check Dockerrun.aws.json files (hand-written or generated) against every rule"
        + " Elastic Beanstalk and ECS apply to AWSEBDockerrunVersion 2; a .yml or .yaml file (or"
        + " any file with --platform docker) is checked as a docker-compose.yml for Docker running"
        + " on 64bit Amazon Linux 2023.",
        "Each problem is printed as file:line:column: severity: path: message."})
final class ValidateCommand implements Callable<Integer> {
  /** Dockerrun files are small; anything bigger is not one. */
  static final long MAX_BYTES = 4L * 1024 * 1024;

  private final Console console;
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "FILE", arity = "1..*",
      description = "Dockerrun.aws.json or docker-compose.yml files")
  List<Path> files;

  @Option(names = "--platform", paramLabel = "ecs|docker",
      description = "Check every file for this platform (default: by the file's extension)")
  String platform;

  ValidateCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    boolean failed = false;
    record Checked(String file, long errors, long warnings) {}
    List<Checked> checked = new java.util.ArrayList<>();
    console.result(g -> {
      g.writeArrayFieldStart("files");
      for (Checked c : checked) {
        g.writeStartObject();
        g.writeStringField("file", c.file());
        g.writeBooleanField("valid", c.errors() == 0);
        g.writeNumberField("errors", c.errors());
        g.writeNumberField("warnings", c.warnings());
        g.writeEndObject();
      }
      g.writeEndArray();
    });
    for (Path f : files) {
      String shown = f.toString();
      Diagnostics read = new Diagnostics();
      String text = readText(console.cwd.resolve(f), shown, read);
      List<Diagnostic> found = text == null ? read.list()
          : isCompose(f) ? EbComposeValidator.validate(shown, text)
          : DockerrunValidator.validate(shown, text,
              (name, value) -> SecretRule.reason(name, value).isPresent());
      console.diagnostics(found);
      long errors = found.stream().filter(Diagnostic::isError).count();
      long warnings = found.stream().filter(d -> d.severity() == Severity.WARNING).count();
      failed |= errors > 0;
      checked.add(new Checked(shown, errors, warnings));
      if (console.json()) {
        continue;
      }
      console.out.println(shown + ": " + (errors > 0 ? errors + " error(s)" : "valid")
          + (warnings > 0 ? ", " + warnings + " warning(s)" : ""));
    }
    return failed ? ExitCode.INVALID_INPUT.code : ExitCode.OK.code;
  }

  private boolean isCompose(Path f) {
    if (platform != null) {
      return Platform.of(platform).orElseThrow(() -> new ParameterException(spec.commandLine(),
          "--platform must be ecs or docker, not \"" + platform + "\"")) == Platform.DOCKER;
    }
    String name = f.getFileName().toString();
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }

  static String readText(Path f, String shown, Diagnostics diags) {
    try {
      if (!Files.exists(f)) {
        diags.error(SourceLocation.ofFile(shown), "", "file not found", "check the path");
        return null;
      }
      if (!Files.isRegularFile(f)) {
        diags.error(SourceLocation.ofFile(shown), "", "not a regular file", "name a JSON file");
        return null;
      }
      if (Files.size(f) > MAX_BYTES) {
        diags.error(SourceLocation.ofFile(shown), "", "file is larger than 4 MiB; a Dockerrun file"
            + " is a few KiB", "check that this is the right file");
        return null;
      }
      byte[] bytes = Files.readAllBytes(f);
      return StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      diags.error(SourceLocation.ofFile(shown), "", "not valid UTF-8 text", "a Dockerrun file is JSON");
      return null;
    } catch (IOException e) {
      diags.error(SourceLocation.ofFile(shown), "", "cannot read: " + e.getMessage(),
          "check the file's permissions");
      return null;
    }
  }
}
