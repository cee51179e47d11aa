package dev.compose2eb.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Help;
import picocli.CommandLine.IHelpCommandInitializable2;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/**
 * {@code help [COMMAND...]}: picocli's help command, except that it follows a path of nested
 * commands ({@code help env list}), where picocli's takes only one name.
 */
@Command(name = "help", header = "Display help information about the specified command.",
    synopsisHeading = "%nUsage: ", helpCommand = true,
    description = {"%nWhen no COMMAND is given, the usage help for the main command is displayed.",
        "If a COMMAND is specified, the help for that command is shown.",
        "A nested command is named by its path, e.g. help env list.%n"})
final class HelpCommand implements IHelpCommandInitializable2, Runnable {

  @Option(names = {"-h", "--help"}, usageHelp = true,
      description = "Show usage help for the help command and exit.")
  boolean helpRequested;

  @Parameters(paramLabel = "COMMAND", arity = "0..*",
      description = "The COMMAND to display the usage help message for.")
  String[] commands = new String[0];

  private CommandLine self;
  private Help.ColorScheme colors;
  private PrintWriter out;

  @Override
  public void init(CommandLine helpCommandLine, Help.ColorScheme colorScheme, PrintWriter outWriter,
      PrintWriter errWriter) {
    this.self = helpCommandLine;
    this.colors = colorScheme;
    this.out = outWriter;
  }

  @Override
  public void run() {
    CommandLine command = self.getParent();
    for (String name : commands) {
      CommandLine sub = command.getSubcommands().get(name);
      if (sub == null) {
        throw new ParameterException(command, "Unknown subcommand '" + name + "'.", null, name);
      }
      command = sub;
    }
    command.usage(out, colors);
  }
}
