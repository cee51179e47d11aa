package dev.compose2eb.cli;

import dev.compose2eb.aws.AwsClients;
import dev.compose2eb.aws.AwsSettings;
import dev.compose2eb.aws.CallLimits;
import dev.compose2eb.deploy.Clients;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Where AWS is: region and credentials come from the SDK's default chains; these options only pick
 * among them. {@code AWS_ENDPOINT_URL} (and {@code AWS_ENDPOINT_URL_<SERVICE>}) are honoured as the
 * AWS CLI does. {@code --profile} selects compose profiles in this tool, so the AWS profile is
 * {@code --aws-profile} (or {@code AWS_PROFILE}).
 */
final class AwsOptions {
  @Option(names = "--region", paramLabel = "REGION",
      description = "AWS region (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region, x-eb.region)")
  String region;

  @Option(names = "--aws-profile", paramLabel = "NAME",
      description = "Named AWS profile for credentials and region (default: AWS_PROFILE)")
  String profile;

  @Option(names = "--call-timeout", paramLabel = "DURATION", defaultValue = "30s",
      description = "How long one attempt of an AWS call may wait for an answer before it is tried"
          + " again (up to " + AwsClients.MAX_ATTEMPTS + " attempts; default: ${DEFAULT-VALUE})")
  String callTimeout;

  @Spec(Spec.Target.MIXEE) CommandSpec spec;

  AwsClients open(Console console, Optional<String> fallbackRegion) {
    // flag > environment > x-eb: the compose file's region only when the environment names none
    boolean envRegion = console.env.containsKey("AWS_REGION") || console.env.containsKey("AWS_DEFAULT_REGION");
    Optional<String> chosen = Optional.ofNullable(region)
        .or(() -> envRegion ? Optional.empty() : fallbackRegion);
    CallLimits limits = new CallLimits(OptionValues.duration(spec, "--call-timeout", callTimeout));
    // what a slow call waits for, and its retries: said as they happen, not only at the end
    return AwsClients.create(new AwsSettings(chosen, Optional.ofNullable(profile), console.env),
        limits, console::note);
  }

  static Clients clients(AwsClients aws) {
    return new Clients(aws.elasticBeanstalk(), aws.s3(), aws.ecr(), aws.iam(), aws.sts(),
        aws.ssm(), aws.secretsManager(), aws.region().id(), aws.limits());
  }
}
