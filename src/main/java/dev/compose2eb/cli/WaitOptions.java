package dev.compose2eb.cli;

import java.time.Duration;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** How long and how often to wait for an Elastic Beanstalk environment, shared by deploy and env. */
final class WaitOptions {
  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "20m",
      description = "How long to wait for the environment (default: ${DEFAULT-VALUE})")
  String timeout;

  @Option(names = "--poll-interval", paramLabel = "DURATION", defaultValue = "5s",
      description = "How often to ask EB for events and status (default: ${DEFAULT-VALUE})")
  String pollInterval;

  Duration timeout(CommandSpec spec) {
    return OptionValues.duration(spec, "--timeout", timeout);
  }

  Duration pollInterval(CommandSpec spec) {
    return OptionValues.duration(spec, "--poll-interval", pollInterval);
  }
}
