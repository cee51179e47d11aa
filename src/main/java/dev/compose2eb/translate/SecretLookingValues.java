package dev.compose2eb.translate;

import dev.compose2eb.compose.model.EnvFile;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.plan.SecretReason;
import dev.compose2eb.plan.SecretRule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The warning that values looking secret (by the plan's one rule) will be written into the
 * generated file: one per service that sets them in {@code environment}, and one for all the
 * services whose values come only from the same env files, naming them, after the last service.
 * Both writers (Dockerrun, the Docker platform's compose file) report through it.
 */
public final class SecretLookingValues {
  /** The same secret-looking names from the same env files. */
  private record Shared(List<Path> files, List<String> names) {}

  private final Diagnostics diags;
  private final String file;
  private final String hint;
  private final Map<Shared, List<Service>> shared = new LinkedHashMap<>();

  /**
   * @param file the generated file the values go into, for the message
   * @param hint what to do instead
   */
  public SecretLookingValues(Diagnostics diags, String file, String hint) {
    this.diags = diags;
    this.file = file;
    this.hint = hint;
  }

  /**
   * Notes one service's values as its container gets them; a value in {@code secretPaths} is where
   * a compose secret arrives, never a secret itself.
   */
  public void add(Service s, Map<String, String> environment, Set<String> secretPaths) {
    List<String> names = new ArrayList<>();
    new TreeMap<>(environment).forEach((k, v) -> SecretRule.reason(k, v)
        .filter(r -> !secretPaths.contains(v))
        .ifPresent(r -> names.add(r == SecretReason.URL_PASSWORD ? k + " (a password in its URL)" : k)));
    if (names.isEmpty()) {
      return;
    }
    if (s.keyLocations().containsKey("environment")) {
      warn(List.of(s), "environment", names);
    } else {
      shared.computeIfAbsent(new Shared(s.envFiles().stream().map(EnvFile::path).toList(),
          List.copyOf(names)), k -> new ArrayList<>()).add(s);
    }
  }

  /** The warnings about values from env files, one per set of files the services share. */
  public void report() {
    shared.forEach((k, services) -> warn(services, "env_file", k.names()));
    shared.clear();
  }

  private void warn(List<Service> services, String key, List<String> names) {
    Service s = services.get(0);
    String sharedBy = services.size() == 1 ? "" : " (from the env_file that "
        + String.join(", ", services.stream().map(x -> "\"" + x.name() + "\"").toList())
        + " share, reported once)";
    diags.warning(s.keyLocation(key), "services." + s.name() + "." + key, "values of "
        + String.join(", ", names) + sharedBy + " look secret and will be written into " + file
        + ", inside the source bundle", hint);
  }
}
