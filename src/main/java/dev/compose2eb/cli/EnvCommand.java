package dev.compose2eb.cli;

import dev.compose2eb.aws.AwsClients;
import dev.compose2eb.deploy.EnvironmentConfig;
import dev.compose2eb.deploy.EnvironmentProperties;
import dev.compose2eb.deploy.SecretStorage;
import dev.compose2eb.plan.SecretReason;
import dev.compose2eb.plan.VariablePlan;
import java.time.Clock;
import java.time.Duration;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
    subcommands = {EnvCommand.ListCommand.class, EnvCommand.SetCommand.class, EnvCommand.UnsetCommand.class,
        EnvCommand.EbExtensionsCommand.class})
final class EnvCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "missing subcommand: list, set, unset or ebextensions");
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
      description = "Print the variable names, one per line, secrets marked \"(secret)\"; values only"
          + " with --values, and never a secret's value (its ARN instead).")
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
        EnvironmentProperties props = target.open(console, clients, spec);
        Map<String, String> found = props.list();
        Map<String, String> secretRefs = props.secrets();
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
            g.writeArrayFieldStart("secrets"); // by reference: the value is never read here
            for (Map.Entry<String, String> e : secretRefs.entrySet()) {
              g.writeStartObject();
              g.writeStringField("name", e.getKey());
              g.writeStringField("arn", e.getValue());
              g.writeEndObject();
            }
            g.writeEndArray();
          });
        } else {
          Map<String, String> lines = new TreeMap<>();
          found.forEach((k, v) -> lines.put(k, values ? k + "=" + v : k));
          secretRefs.forEach((k, arn) -> lines.put(k, values ? k + " (secret: " + arn + ")" : k + " (secret)"));
          lines.values().forEach(console.out::println);
        }
      }
      return ExitCode.OK.code;
    }
  }

  @Command(name = "set", mixinStandardHelpOptions = true,
      description = {"Set variables; only changed values are sent. Values are never printed.",
          "A variable whose name looks secret or whose value carries a password in a URL, and every"
              + " --secret, is stored as an SSM SecureString parameter /compose2eb/APP/ENV/NAME (or a"
              + " Secrets Manager secret) and referenced from aws:elasticbeanstalk:application:"
              + "environmentsecrets, as deploy does."})
  static final class SetCommand implements Callable<Integer> {
    private final Console console;
    @Mixin CommonOptions common;
    @Spec CommandSpec spec;
    @Mixin Target target;
    @Mixin AwsOptions aws;

    @Parameters(paramLabel = "KEY=VALUE", arity = "0..*", description = "Variables to set")
    List<String> assignments = new ArrayList<>();

    @Option(names = "--secret", paramLabel = "NAME=VALUE",
        description = "Set a variable as a secret whatever its name; repeatable")
    List<String> secrets = new ArrayList<>();

    @Option(names = "--from", paramLabel = "FILE.json",
        description = "Set every variable of this JSON object, e.g. the eb-environment.json of convert --env-to-eb")
    Path from;

    @Option(names = "--secrets-manager", description = "Store secrets in Secrets Manager instead of SSM Parameter Store")
    boolean secretsManager;

    SetCommand(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws IOException {
      if (assignments.isEmpty() && secrets.isEmpty() && from == null) {
        throw new ParameterException(spec.commandLine(), "nothing to set: give KEY=VALUE, --secret NAME=VALUE or --from FILE");
      }
      Map<String, String> values = new LinkedHashMap<>();
      if (from != null) {
        values.putAll(EbEnvironmentJson.read(console.cwd.resolve(from), from.toString()));
      }
      values.putAll(OptionValues.assignments(spec, "KEY=VALUE", assignments));
      VariablePlan plan = VariablePlan.classify(values)
          .withSecret(OptionValues.assignments(spec, "--secret", secrets), SecretReason.DECLARED);
      try (AwsClients clients = aws.open(console, Optional.empty())) {
        List<String> sent = target.open(console, clients, spec).set(plan, secretsManager);
        console.note(sent.isEmpty() ? "nothing to change" : "set " + String.join(", ", sent));
        console.result(g -> JsonDocument.writeStrings(g, "set", sent));
      }
      return ExitCode.OK.code;
    }
  }

  @Command(name = "unset", mixinStandardHelpOptions = true,
      description = "Remove the named properties and secret references (and no other); a secret's"
          + " stored value stays in its store.")
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

  @Command(name = "ebextensions", mixinStandardHelpOptions = true,
      description = {"Store the secret variables of an eb-environment.json (only when changed) and write"
          + " .ebextensions/compose2eb-env.config with the plain variables and the secrets' ARNs, never"
          + " their values: for a CodePipeline Elastic Beanstalk deploy action, which carries only the"
          + " bundle. The environment itself is not touched."})
  static final class EbExtensionsCommand implements Callable<Integer> {
    private final Console console;
    @Spec CommandSpec spec;
    @Mixin AwsOptions aws;

    @Option(names = "--application", paramLabel = "APP", required = true, description = "EB application")
    String application;

    @Option(names = "--environment", paramLabel = "ENV", required = true, description = "EB environment")
    String environment;

    @Option(names = "--from", paramLabel = "FILE.json", required = true,
        description = "The variables: the eb-environment.json of convert --env-to-eb")
    Path from;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
        description = "File to write (default: " + VariablePlan.EB_CONFIG_PATH + ")")
    Path output;

    @Option(names = "--secrets-manager", description = "Store secrets in Secrets Manager instead of SSM Parameter Store")
    boolean secretsManager;

    EbExtensionsCommand(Console console) {
      this.console = console;
    }

    @Override
    public Integer call() throws IOException {
      VariablePlan plan = VariablePlan.classify(
          EbEnvironmentJson.read(console.cwd.resolve(from), from.toString()));
      Path target = console.cwd.resolve(output != null ? output : Path.of(VariablePlan.EB_CONFIG_PATH));
      Map<String, String> arns;
      try (AwsClients clients = aws.open(console, Optional.empty())) {
        arns = new SecretStorage(AwsOptions.clients(clients), application, environment,
            new DeployConsole(console)).store(plan, secretsManager);
      }
      OutputFiles.write(target, EnvironmentConfig.render(plan.plain(), arns));
      console.out.println(console.cwd.relativize(target.toAbsolutePath().normalize()));
      return ExitCode.OK.code;
    }
  }
}
