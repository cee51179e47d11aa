package dev.compose2eb.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point. The only place that exits the process; everything else returns an exit code. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    // under LC_ALL=C this JVM cannot name a non-ASCII path: the same command, in a UTF-8 locale
    java.util.OptionalInt relaunched = Utf8Locale.relaunchIfNeeded(args, System.getenv());
    if (relaunched.isPresent()) {
      System.exit(relaunched.getAsInt());
    }
    // the AWS SDK logs through SLF4J, which has no provider here: without this, three
    // "SLF4J(W): No SLF4J providers" lines open every AWS command
    if (System.getProperty("slf4j.internal.verbosity") == null) {
      System.setProperty("slf4j.internal.verbosity", "ERROR");
    }
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(run(new Console(out, err, System.getenv(), Path.of(""), stderrIsTerminal()), args));
  }

  /**
   * Whether this process's stderr is a terminal. Java 17 only says whether stdin and stdout both
   * are ({@code System.console()}); on Linux the descriptor's link names the device.
   */
  private static boolean stderrIsTerminal() {
    try {
      String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
      return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return System.console() != null;
    }
  }

  /** Runs the tool in-process, writing results to {@code out} and messages to {@code err}. */
  public static int run(PrintStream out, PrintStream err, String... args) {
    return run(new Console(out, err, System.getenv(), Path.of("")), args);
  }

  static int run(Console console, String... args) {
    PrintStream out = console.out;
    PrintStream err = console.err;
    long start = System.nanoTime();
    CommandLine cli = commandLine(console, args);
    int code;
    try {
      code = cli.execute(args);
    } catch (StackOverflowError e) { // a last guard: the readers limit nesting before this
      console.error("the input is nested too deeply to be processed (stack overflow)");
      code = ExitCode.FAILURE.code;
    } catch (OutOfMemoryError e) { // a last guard: the readers limit sizes before this
      console.error("out of memory; the input is too large for this Java heap (-Xmx)");
      code = ExitCode.FAILURE.code;
    }
    console.timing("total", start);
    if (console.json() && !helpRequested(cli.getParseResult())) {
      out.print(JsonDocument.render(commandName(console, cli), code, console.reported(), console.body()));
    }
    out.flush();
    err.flush();
    return code;
  }

  /** Whether the run only printed help or the version (then stdout holds that, not a document). */
  private static boolean helpRequested(CommandLine.ParseResult pr) {
    for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
      if (p.isUsageHelpRequested() || p.isVersionHelpRequested()) {
        return true;
      }
    }
    return false;
  }

  /** The command the document is about, as typed: {@code convert}, {@code env list}. */
  private static String commandName(Console console, CommandLine cli) {
    CommandLine.ParseResult pr = cli.getParseResult();
    CommandLine last = cli;
    for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
      last = p.commandSpec().commandLine();
    }
    String root = cli.getCommandName() + " ";
    String name = last.getCommandSpec().qualifiedName(" ");
    return name.startsWith(root) ? name.substring(root.length()) : console.usageCommand;
  }

  static CommandLine commandLine(Console console, String... args) {
    PrintStream out = console.out;
    PrintStream err = console.err;
    CommandFactory factory = new CommandFactory(console);
    CommandLine cli = new CommandLine(new RootCommand(), factory);
    for (Class<?> sub : subcommandsFor(args)) {
      cli.addSubcommand(new CommandLine(sub, factory));
    }
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    cli.setExitCodeExceptionMapper(t -> ExitCode.FAILURE.code);
    cli.setParameterExceptionHandler(new UsageErrorHandler(console));
    cli.setExecutionStrategy(pr -> execute(console, pr));
    cli.setExecutionExceptionHandler(new FailureHandler(console));
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setUsageHelpWidth(100);
    applyExitCodeFooter(cli);
    return cli;
  }

  /**
   * The subcommands to register: only the one named first when it is one (picocli reads all the
   * annotations of a command, and loads the types of its options, when it registers it: about a
   * hundred milliseconds for all of them at start-up), else all, for help and for picocli's
   * messages about unknown commands.
   */
  private static List<Class<?>> subcommandsFor(String... args) {
    if (args.length > 0 && !RootCommand.WHOLE_TOOL.contains(args[0])) {
      for (Class<?> sub : RootCommand.SUBCOMMANDS) {
        if (sub.getAnnotation(Command.class).name().equals(args[0])) {
          return List.of(sub);
        }
      }
    }
    return RootCommand.SUBCOMMANDS;
  }

  /** Checks what one option cannot check alone, then runs the command. */
  private static int execute(Console console, CommandLine.ParseResult pr) {
    if (console.quiet && console.verbose) {
      CommandLine last = pr.commandSpec().commandLine();
      for (CommandLine.ParseResult p = pr; p != null; p = p.subcommand()) {
        last = p.commandSpec().commandLine();
      }
      throw new CommandLine.ParameterException(last, "--quiet and --verbose exclude each other");
    }
    return new CommandLine.RunLast().execute(pr);
  }

  private static void applyExitCodeFooter(CommandLine cli) {
    cli.getCommandSpec().usageMessage().footer(ExitCode.helpSection());
    for (CommandLine sub : cli.getSubcommands().values()) {
      applyExitCodeFooter(sub);
    }
  }
}
