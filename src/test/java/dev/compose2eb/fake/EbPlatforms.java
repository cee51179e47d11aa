package dev.compose2eb.fake;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/** Elastic Beanstalk ListPlatformVersions over a configurable catalogue, and platform resolution. */
final class EbPlatforms {
  private final Context ctx;
  private List<Platform> platforms = Platform.defaults();

  EbPlatforms(Context ctx) {
    this.ctx = ctx;
  }

  Map<String, BiConsumer<Params, Xml>> actions() {
    return Map.of("ListPlatformVersions", this::listPlatformVersions);
  }

  void platforms(List<Platform> platforms) {
    this.platforms = List.copyOf(platforms);
  }

  /** The platform a CreateEnvironment names by PlatformArn or SolutionStackName. */
  Platform resolve(Params p) {
    Optional<String> arn = p.optional("PlatformArn");
    if (arn.isPresent()) {
      return platforms.stream().filter(pl -> pl.arn(ctx.region()).equals(arn.get())).findFirst()
          .orElseThrow(() -> AwsError.invalidParameter("No Platform named '" + arn.get() + "' found."));
    }
    Optional<String> stack = p.optional("SolutionStackName");
    if (stack.isPresent()) {
      return platforms.stream().filter(pl -> pl.solutionStack().equals(stack.get())).findFirst()
          .orElseThrow(() -> AwsError.invalidParameter("No Solution Stack named '" + stack.get() + "' found."));
    }
    throw AwsError.sender("InvalidParameterCombination",
        "You must specify a platform ARN, a solution stack name or a configuration template.");
  }

  private void listPlatformVersions(Params p, Xml x) {
    List<Platform> found = new ArrayList<>(platforms);
    for (Params filter : p.structs("Filters.member")) {
      String type = filter.required("Type");
      String op = filter.optional("Operator").orElse("=");
      List<String> values = filter.list("Values.member");
      found.removeIf(pl -> !matches(field(pl, type), op, values));
    }
    x.members("PlatformSummaryList", found, this::platformSummary);
  }

  private String field(Platform pl, String type) {
    return switch (type) {
      case "PlatformName", "PlatformBranchName" -> pl.branch();
      case "PlatformVersion" -> pl.version();
      case "PlatformStatus" -> "Ready";
      case "PlatformOwner" -> "AWSElasticBeanstalk";
      case "PlatformLifecycleState" -> pl.recommended() ? "recommended" : "";
      case "OperatingSystemName" -> "Amazon Linux";
      case "SupportedTier" -> "WebServer/Standard";
      default -> throw AwsError.invalidParameter("Invalid filter type: " + type);
    };
  }

  private static boolean matches(String actual, String op, List<String> values) {
    return values.stream().anyMatch(v -> switch (op) {
      case "=" -> actual.equals(v);
      case "!=" -> !actual.equals(v);
      case "contains" -> actual.contains(v);
      case "begins_with" -> actual.startsWith(v);
      case "ends_with" -> actual.endsWith(v);
      case "<" -> compareVersions(actual, v) < 0;
      case "<=" -> compareVersions(actual, v) <= 0;
      case ">" -> compareVersions(actual, v) > 0;
      case ">=" -> compareVersions(actual, v) >= 0;
      default -> throw AwsError.invalidParameter("Invalid filter operator: " + op);
    });
  }

  /** Dotted numeric order (4.10.0 after 4.9.1). */
  static int compareVersions(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int c = Long.compare(i < x.length ? number(x[i]) : 0, i < y.length ? number(y[i]) : 0);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  private static long number(String s) {
    return s.chars().allMatch(Character::isDigit) && !s.isEmpty() ? Long.parseLong(s) : 0;
  }

  private void platformSummary(Xml x, Platform pl) {
    x.text("PlatformArn", pl.arn(ctx.region()))
        .text("PlatformOwner", "AWSElasticBeanstalk")
        .text("PlatformStatus", "Ready")
        .text("PlatformCategory", pl.branch().split(" running ")[0])
        .text("OperatingSystemName", "Amazon Linux")
        .text("OperatingSystemVersion", pl.branch().endsWith("2023") ? "2023" : "2")
        .strings("SupportedTierList", List.of("WebServer/Standard", "Worker/SQS/HTTP"))
        .strings("SupportedAddonList", List.of("Log/S3", "Monitoring/Healthd", "WorkerDaemon/SQSD"));
    if (pl.recommended()) {
      x.text("PlatformLifecycleState", "recommended");
    }
    x.text("PlatformVersion", pl.version())
        .text("PlatformBranchName", pl.branch())
        .text("PlatformBranchLifecycleState", "Supported");
  }
}
