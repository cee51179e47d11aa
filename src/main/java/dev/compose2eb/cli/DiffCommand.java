package dev.compose2eb.cli;

import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.dockerrun.DockerrunReader;
import dev.compose2eb.dockerrun.JsonDocument;
import dev.compose2eb.review.DockerrunDiff;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/** {@code compose2eb diff}: what differs between two Dockerrun files, by container and field. */
@Command(name = "diff", mixinStandardHelpOptions = true,
    description = {"Compare two Dockerrun.aws.json files by container and field, ignoring key order,"
        + " formatting and the order of environment entries, links and ports.",
        "Prints one line per difference: + added, - removed, ~ changed. Exit 0 when they mean the"
            + " same, 4 when they differ."})
final class DiffCommand implements Callable<Integer> {
  /** {@code web.environment[NAME]}: a change of one variable. */
  private static final Pattern ENVIRONMENT = Pattern.compile("[^.]+\\.environment\\[(.+)]");

  private final Console console;
  @Mixin CommonOptions common;

  @Parameters(index = "0", paramLabel = "OLD", description = "The Dockerrun file before")
  Path before;

  @Parameters(index = "1", paramLabel = "NEW", description = "The Dockerrun file after")
  Path after;

  DiffCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    JsonDocument a = read(before);
    JsonDocument b = read(after);
    List<DockerrunDiff.Change> changes = DockerrunDiff.changes(DockerrunReader.model(a),
        DockerrunReader.model(b), a.root(), b.root());
    if (console.json()) {
      console.result(g -> {
        g.writeStringField("old", before.toString());
        g.writeStringField("new", after.toString());
        g.writeBooleanField("same", changes.isEmpty());
        g.writeArrayFieldStart("changes");
        for (DockerrunDiff.Change c : changes) {
          Matcher env = ENVIRONMENT.matcher(c.subject());
          String name = env.matches() ? env.group(1) : "";
          g.writeStartObject();
          g.writeStringField("change", switch (c.sign()) {
            case '+' -> "added";
            case '-' -> "removed";
            default -> "changed";
          });
          g.writeStringField("subject", c.subject());
          // values are printed as in the text (quoted); secret-looking variables are not shown
          g.writeStringField("before", env.matches() ? Redaction.value(name, c.before()) : c.before());
          g.writeStringField("after", env.matches() ? Redaction.value(name, c.after()) : c.after());
          g.writeEndObject();
        }
        g.writeEndArray();
      });
    } else {
      changes.forEach(c -> console.out.println(c.render()));
    }
    return changes.isEmpty() ? ExitCode.OK.code : ExitCode.DIFFERENT.code;
  }

  private JsonDocument read(Path file) {
    Diagnostics diags = new Diagnostics();
    String text = ValidateCommand.readText(console.cwd.resolve(file), file.toString(), diags);
    if (text == null) {
      throw new InvalidInputException(diags.list());
    }
    return DockerrunReader.parse(file.toString(), text);
  }

}
