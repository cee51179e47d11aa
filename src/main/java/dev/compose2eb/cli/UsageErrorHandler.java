package dev.compose2eb.cli;

import picocli.CommandLine;

/** Usage errors: one line, then where to read more; exit code 2. */
final class UsageErrorHandler implements CommandLine.IParameterExceptionHandler {
  @Override
  public int handleParseException(CommandLine.ParameterException ex, String[] args) {
    CommandLine cmd = ex.getCommandLine();
    String name = cmd.getCommandSpec().qualifiedName();
    cmd.getErr().println("error: " + ex.getMessage().strip());
    cmd.getErr().println("Run '" + name + " --help' for usage.");
    return ExitCode.USAGE.code;
  }
}
