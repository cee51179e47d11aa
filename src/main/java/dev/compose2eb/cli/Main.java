package dev.compose2eb.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;

/** Entry point. The only place that exits the process; everything else returns an exit code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(out, err, args));
  }

  /** Runs the tool in-process, writing results to {@code out} and messages to {@code err}. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    CommandLine cli = commandLine(out, err);
    int code = cli.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  static CommandLine commandLine(PrintStream out, PrintStream err) {
    Console console = new Console(out, err);
    CommandLine cli = new CommandLine(new RootCommand(), new CommandFactory(console));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExitCodeExceptionMapper(t -> ExitCode.FAILURE.code);
    cli.setParameterExceptionHandler(new UsageErrorHandler());
    cli.setExecutionExceptionHandler(new FailureHandler(console));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpWidth(100);
    applyExitCodeFooter(cli);
    return cli;
  }

  private static void applyExitCodeFooter(CommandLine cli) {
    cli.getCommandSpec().usageMessage().footer(ExitCode.helpSection());
    for (CommandLine sub : cli.getSubcommands().values()) {
      applyExitCodeFooter(sub);
    }
  }
}
