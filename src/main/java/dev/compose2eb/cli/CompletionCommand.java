package dev.compose2eb.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code compose2eb completion bash|zsh|fish}: a shell completion script, from the command model. */
@Command(name = "completion", mixinStandardHelpOptions = true,
    description = {"Print a completion script for bash, zsh or fish on stdout.",
        "bash: source <(compose2eb completion bash), or save it in"
            + " ~/.local/share/bash-completion/completions/compose2eb.",
        "zsh: the same script, loaded through bashcompinit: source <(compose2eb completion zsh).",
        "fish: compose2eb completion fish > ~/.config/fish/completions/compose2eb.fish."})
final class CompletionCommand implements Callable<Integer> {
  private final Console console;
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "SHELL", completionCandidates = Shells.class,
      description = "bash, zsh or fish")
  String shell;

  CompletionCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    CommandLine root = spec.parent().commandLine();
    String name = root.getCommandName();
    String script = switch (shell) {
      // picocli's script is for bash and, through bashcompinit, for zsh: it loads both itself
      case "bash", "zsh" -> AutoComplete.bash(name, root);
      case "fish" -> FishCompletion.script(root.getCommandSpec());
      default -> throw new ParameterException(spec.commandLine(), "unknown shell \"" + shell
          + "\"; expected bash, zsh or fish");
    };
    console.out.print(script);
    return ExitCode.OK.code;
  }

  /** The shells offered by completion itself. */
  static final class Shells implements Iterable<String> {
    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.List.of("bash", "zsh", "fish").iterator();
    }
  }
}
