package dev.compose2eb.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code compose2eb}: the top-level command; it only dispatches to subcommands. */
@Command(
    name = "compose2eb",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Takes a docker-compose project to AWS Elastic Beanstalk.")
final class RootCommand implements Runnable {
  /**
   * The subcommands, in the order help lists them. Registered by {@link Main} rather than in
   * {@code @Command(subcommands = ...)}, so that a run of one subcommand builds only its model.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      ConfigCommand.class,
      ConvertCommand.class,
      BuildspecCommand.class,
      ValidateCommand.class,
      DiffCommand.class,
      GraphCommand.class,
      BundleCommand.class,
      DeployCommand.class,
      PushCommand.class,
      EnvCommand.class,
      IamPolicyCommand.class,
      CompletionCommand.class,
      HelpCommand.class);

  /** Subcommands that need every other one registered: they describe the whole tool. */
  static final List<String> WHOLE_TOOL = List.of("help", "completion");

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing command");
  }
}
