package dev.compose2eb.cli;

import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options every command shares: how results are written and how much is said on stderr.
 * Setting one sets the run's {@link Console}, so that it speaks that way from the start (a usage
 * error or a failure included). {@code --format} rather than {@code --output}, which names a
 * directory or file in convert, buildspec and bundle; docker compose spells it the same way
 * ({@code docker compose config --format json}).
 */
final class CommonOptions {
  private final Console console;
  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  CommonOptions(Console console) {
    this.console = console;
  }

  @Option(names = "--format", paramLabel = "text|json", defaultValue = "text",
      completionCandidates = Formats.class, description = "How results are written on stdout: text, or one JSON document (docs/output.md)"
          + " (default: ${DEFAULT-VALUE})")
  void format(String format) {
    console.format = switch (format) {
      case "text" -> Console.Format.TEXT;
      case "json" -> Console.Format.JSON;
      default -> throw new ParameterException(mixee.commandLine(),
          "invalid --format \"" + format + "\"; expected text or json");
    };
  }

  @Option(names = "--color", paramLabel = "auto|always|never", defaultValue = "auto",
      completionCandidates = ColorModes.class, description = "Colour errors and warnings on stderr: auto (a terminal, unless NO_COLOR is set;"
          + " always with CLICOLOR_FORCE or FORCE_COLOR), always or never (default: ${DEFAULT-VALUE})")
  void color(String mode) {
    console.colorMode = switch (mode) {
      case "auto" -> Console.ColorMode.AUTO;
      case "always" -> Console.ColorMode.ALWAYS;
      case "never" -> Console.ColorMode.NEVER;
      default -> throw new ParameterException(mixee.commandLine(),
          "invalid --color \"" + mode + "\"; expected auto, always or never");
    };
  }

  @Option(names = {"-q", "--quiet"}, description = "Print only errors on stderr")
  void quiet(boolean quiet) {
    console.quiet = quiet;
  }

  @Option(names = {"-v", "--verbose"},
      description = "Print every diagnostic (repeats unfolded) and timings on stderr")
  void verbose(boolean verbose) {
    console.verbose = verbose;
  }

  /** The values shell completion offers for --format. */
  static final class Formats implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("text", "json").iterator();
    }
  }

  /** The values shell completion offers for --color. */
  static final class ColorModes implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return List.of("auto", "always", "never").iterator();
    }
  }
}
