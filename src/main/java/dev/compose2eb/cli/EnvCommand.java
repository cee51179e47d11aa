package dev.compose2eb.cli;

import dev.compose2eb.aws.AwsClients;
import dev.compose2eb.deploy.EnvironmentProperties;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code compose2eb env list|set|unset}: an environment's properties, like {@code eb printenv/setenv}. */
@Command(name = "env", mixinStandardHelpOptions = true,
    description = "List, set or unset the environment properties of an Elastic Beanstalk environment.",
    subcommands = {EnvCommand.ListCommand.class, EnvCommand.SetCommand.class, EnvCommand.UnsetCommand.class})
final class EnvCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: list, set or unset");
  }

  /** What every env subcommand needs: where the environment is. */
  static final class Target {
    @Option(names = "--application", paramLabel = "APP", required = true, description = "EB application")
    String application;

    @Option(names = "--environment", paramLabel = "ENV", required = true, description = "EB environment")
    String environment;

    @Mixin WaitOptions waiting;

    EnvironmentProperties open(Console console, AwsClients aws, CommandSpec spec) {
      Duration t = waiting.timeout(spec);
      Duration p = waiting.pollInterval(spec);
      return new EnvironmentProperties(AwsOptions.clients(aws), application, environment,
          new DeployConsole(console), Clock.systemUTC(), p, t);
    }
  }

  @Command(name = "list", mixinStandardHelpOptions = true,
      description = "Print the property names, one per line; values only with --values.")
  static final class ListCommand implements Callable<Integer> {
    private final Console console;
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Mixin Target target;
    @Mixin AwsOptions aws;

    @Option(names = "--values", description = "Also print the values (NAME=VALUE); they may be secrets")
    boolean values;

    ListCommand(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      try (AwsClients clients = aws.open(console, Optional.empty())) {
        Map<String, String> found = target.open(console, clients, spec).list();
        if (console.json()) {
          console.result(g -> {
            g.writeStringField("application", target.application);
            g.writeStringField("environment", target.environment);
            g.writeArrayFieldStart("properties");
            for (Map.Entry<String, String> e : found.entrySet()) {
              g.writeStartObject();
              g.writeStringField("name", e.getKey());
              if (values) { // secret-looking ones stay hidden even then: JSON ends up in logs
                g.writeStringField("value", Redaction.value(e.getKey(), e.getValue()));
              }
              g.writeEndObject();
            }
            g.writeEndArray();
          });
        } else {
          found.forEach((k, v) -> console.out.println(values ? k + "=" + v : k));
        }
      }
      return ExitCode.OK.code;
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = "Set properties; only changed values are sent. Values are never printed.")
  static final class SetCommand implements Callable<Integer> {
    private final Console console;
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Mixin Target target;
    @Mixin AwsOptions aws;

    @Parameters(paramLabel = "KEY=VALUE", arity = "1..*", description = "Properties to set")
    List<String> assignments = new ArrayList<>();

    SetCommand(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      Map<String, String> values = OptionValues.assignments(spec, "KEY=VALUE", assignments);
      try (AwsClients clients = aws.open(console, Optional.empty())) {
        List<String> sent = target.open(console, clients, spec).set(values);
        console.note(sent.isEmpty() ? "nothing to change" : "set " + String.join(", ", sent));
        console.result(g -> JsonDocument.writeStrings(g, "set", sent));
      }
      return ExitCode.OK.code;
    }
  }

  @Command(name = "unset", mixinStandardHelpOptions = true,
      description = "Remove the named properties (and no other).")
  static final class UnsetCommand implements Callable<Integer> {
    private final Console console;
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Mixin Target target;
    @Mixin AwsOptions aws;

    @Parameters(paramLabel = "KEY", arity = "1..*", description = "Properties to remove")
    List<String> names = new ArrayList<>();

    UnsetCommand(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() {
      try (AwsClients clients = aws.open(console, Optional.empty())) {
        List<String> removed = target.open(console, clients, spec).unset(names);
        console.note(removed.isEmpty() ? "nothing to remove" : "removed " + String.join(", ", removed));
        console.result(g -> JsonDocument.writeStrings(g, "removed", removed));
      }
      return ExitCode.OK.code;
    }
  }
}
