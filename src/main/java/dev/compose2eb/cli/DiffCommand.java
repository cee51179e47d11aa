package dev.compose2eb.cli;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.dockerrun.DockerrunReader;
import dev.compose2eb.review.DockerrunDiff;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code compose2eb diff}: what differs between two Dockerrun files, by container and field. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare two Dockerrun.aws.json files by container and field, ignoring key order,"
        + " formatting and the order of environment entries, links and ports.",
        "Prints one line per difference: + added, - removed, ~ changed. Exit 0 when they mean the"
            + " same, 4 when they differ."})
final class DiffCommand implements Callable<Integer> {
  private final Console console;

  @Parameters(index = "0", paramLabel = "OLD", description = "The Dockerrun file before")
  Path before;

  @Parameters(index = "1", paramLabel = "NEW", description = "The Dockerrun file after")
  Path after;

  DiffCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Dockerrun a = read(before);
    Dockerrun b = read(after);
    List<String> lines = DockerrunDiff.diff(a, b);
    lines.forEach(console.out::println);
    return lines.isEmpty() ? ExitCode.OK.code : ExitCode.DIFFERENT.code;
  }

  private Dockerrun read(Path file) {
    Diagnostics diags = new Diagnostics();
    String text = ValidateCommand.readText(console.cwd.resolve(file), file.toString(), diags);
    if (text == null) {
      throw new InvalidInputException(diags.list());
    }
    return DockerrunReader.read(file.toString(), text);
  }
}
