package dev.compose2eb.cli;

import picocli.CommandLine;

/** Usage errors: one line, then where to read more; exit code 2. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
  private final Console console;

  UsageErrorHandler(Console console) {
    this.console = console;
  }

  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    String root = cmd.getCommandSpec().root().qualifiedName() + " ";
    console.usageCommand = name.startsWith(root) ? name.substring(root.length()) : "";
    console.error(ex.getMessage().strip());
    console.err.println("Run '" + name + " --help' for usage.");
    return ExitCode.USAGE.code;
  }
}
