package dev.compose2eb.dockerrun;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.diag.SourceLocation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BiPredicate;

/**
 * Checks a Dockerrun.aws.json v2 text against every rule Elastic Beanstalk and ECS apply (EB's own
 * upload does not look at the file, so this is the only check before a deployment fails). Reports
 * all problems, each with its position, JSON path, the bad value, the rule and an example.
 */
public final class DockerrunValidator {
  private DockerrunValidator() {}

  /** All problems found, ordered by position; no errors means the file may be deployed. */
  public static List<Diagnostic> validate(String displayName, String json) {
    return validate(displayName, json, (name, value) -> false);
  }

  /**
   * As {@link #validate(String, String)}, and a warning for each environment value that
   * {@code looksSecret(name, value)}: it sits in clear text in the file and the bundle. The rule
   * is the caller's, so that this package keeps none of its own.
   */
  public static List<Diagnostic> validate(String displayName, String json,
      BiPredicate<String, String> looksSecret) {
    JsonDocument document;
    try {
      document = DockerrunReader.parse(displayName, json);
    } catch (InvalidInputException e) {
      return e.diagnostics();
    }
    Diagnostics out = new Diagnostics();
    out.addAll(document.problems());
    DockerrunReader.toModel(document, out); // reports values of the wrong JSON type
    if (document.root().isObject()) {
      Check check = new Check(document, out);
      new StructureRules(check).run();
      ContainerRules containers = new ContainerRules(check, looksSecret);
      containers.run();
      new PortRules(check, containers.items()).run();
      new ReferenceRules(check, containers.items()).run();
    }
    List<Diagnostic> sorted = new ArrayList<>(out.list());
    sorted.sort(Comparator.comparingInt(DockerrunValidator::line)
        .thenComparingInt(DockerrunValidator::column));
    return List.copyOf(sorted);
  }

  private static int line(Diagnostic d) {
    return d.location().map(SourceLocation::line).orElse(0);
  }

  private static int column(Diagnostic d) {
    return d.location().map(SourceLocation::column).orElse(0);
  }
}
