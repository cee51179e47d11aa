package dev.compose2eb.plan;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Decides how each service's compose secret reaches its container. A service whose image is one
 * of the official postgres, mysql, mariadb or mongo images and whose environment points
 * {@code X_FILE} at the secret's path gets the secret as the variable {@code X}, which those images
 * also accept (their entrypoints' {@code file_env}; see docs/conversion.md); every other secret
 * becomes a read-only file at its target. A secret that cannot be delivered is an error at its
 * entry.
 */
public final class SecretPlanner {
  /** Compose's place for a secret's file when {@code target} is not an absolute path. */
  static final String RUN_SECRETS = "/run/secrets/";
  /** Compose's default file mode of a secret. */
  static final int DEFAULT_MODE = 0444;
  /** What a store name holds (SSM parameter and Secrets Manager secret names). */
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");

  /**
   * Variables whose {@code _FILE} form the official images' entrypoints read: docker-library's
   * postgres, mysql and mongo, MariaDB's mariadb-docker ({@code file_env} / {@code _mariadb_file_env}
   * in their docker-entrypoint.sh).
   */
  static final Map<String, Set<String>> FILE_VARIABLES = Map.of(
      "postgres", Set.of("POSTGRES_PASSWORD", "POSTGRES_USER", "POSTGRES_DB", "POSTGRES_INITDB_ARGS"),
      "mysql", Set.of("MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD", "MYSQL_USER", "MYSQL_DATABASE",
          "MYSQL_ROOT_HOST"),
      "mariadb", Set.of("MARIADB_ROOT_PASSWORD", "MARIADB_PASSWORD", "MARIADB_USER",
          "MARIADB_DATABASE", "MARIADB_ROOT_HOST", "MYSQL_ROOT_PASSWORD", "MYSQL_PASSWORD",
          "MYSQL_USER", "MYSQL_DATABASE", "MYSQL_ROOT_HOST"),
      "mongo", Set.of("MONGO_INITDB_ROOT_USERNAME", "MONGO_INITDB_ROOT_PASSWORD"));

  private final Project project;
  private final Diagnostics diags;
  private final Map<String, ComposeSecret> used = new LinkedHashMap<>();
  private final List<SecretDelivery> deliveries = new ArrayList<>();

  private SecretPlanner(Project project, Diagnostics diags) {
    this.project = project;
    this.diags = diags;
  }

  /** The plan; problems go to {@code diags}. */
  public static SecretPlan plan(Project project, Diagnostics diags) {
    SecretPlanner p = new SecretPlanner(project, diags);
    p.run();
    return new SecretPlan(p.used, p.deliveries);
  }

  private void run() {
    Map<String, MapNode> defs = new LinkedHashMap<>();
    if (project.other().get("secrets") instanceof MapNode top) {
      top.entries().forEach((k, v) -> defs.put(k, v instanceof MapNode m ? m : MapNode.empty(v.location())));
    }
    for (Service s : project.services()) {
      if (!(s.other().get("secrets") instanceof SeqNode list)) {
        continue;
      }
      for (Node item : list.items()) {
        entry(s, item, defs);
      }
    }
  }

  private void entry(Service s, Node item, Map<String, MapNode> defs) {
    String path = "services." + s.name() + ".secrets";
    Optional<String> source = Optional.empty();
    Optional<String> target = Optional.empty();
    int mode = DEFAULT_MODE;
    int uid = 0;
    int gid = 0;
    if (item instanceof ScalarNode sc && !sc.isNull()) {
      source = Optional.of(sc.asText());
    } else if (item instanceof MapNode m) {
      source = text(m.get("source"));
      target = text(m.get("target")).filter(t -> !t.isEmpty());
      mode = number(m.get("mode"), DEFAULT_MODE, item.location(), path + ".mode");
      uid = number(m.get("uid"), 0, item.location(), path + ".uid");
      gid = number(m.get("gid"), 0, item.location(), path + ".gid");
    }
    if (source.isEmpty()) {
      diags.error(item.location(), path, "a secret entry needs the name of a top-level secret",
          "e.g. secrets: [db_password]");
      return;
    }
    String name = source.get();
    MapNode def = defs.get(name);
    if (def == null) {
      diags.error(item.location(), path, "service \"" + s.name() + "\" uses secret " + name
          + ", which is not defined under the top-level secrets:", "define it with file: or environment:");
      return;
    }
    if (!NAME.matcher(name).matches()) {
      diags.error(item.location(), path, "secret " + name + " cannot be stored: a parameter name"
          + " holds only letters, digits, _ . -", "rename the secret");
      return;
    }
    Optional<ComposeSecret> secret = secret(name, def);
    if (secret.isEmpty()) {
      return;
    }
    used.putIfAbsent(name, secret.get());
    String file = target.map(t -> t.startsWith("/") ? t : RUN_SECRETS + t).orElse(RUN_SECRETS + name);
    Optional<String> variable = variable(s, file, name);
    SecretDelivery d = new SecretDelivery(s.name(), name, variable, file, mode, uid, gid,
        item.location());
    deliveries.add(d);
    if (variable.isPresent()) {
      diags.info(item.location(), path, "secret " + name + " reaches \"" + s.name() + "\" as "
          + variable.get() + ", which its image reads like " + variable.get() + "_FILE: deploy"
          + " stores the value and references it from environmentsecrets; " + variable.get()
          + "_FILE is left out", "");
    } else {
      diags.info(item.location(), path, "secret " + name + " is mounted read-only at " + file
          + " in \"" + s.name() + "\": deploy stores the value and a .platform hook fetches it"
          + " onto the instance (" + SecretPlan.hostPath(name) + ")", "");
    }
  }

  /** The secret's source; empty (and an error) when compose2eb cannot have its value. */
  private Optional<ComposeSecret> secret(String name, MapNode def) {
    String path = "secrets." + name;
    Node external = def.get("external");
    if (external instanceof ScalarNode sc && "true".equals(sc.asText())
        || external instanceof MapNode) {
      diags.error(def.keyLocation("external"), path + ".external", "secret " + name + " is external:"
              + " compose2eb has no value to store for it",
          "give it file: or environment:, or store the value yourself and pass it with --env");
      return Optional.empty();
    }
    Optional<String> file = text(def.get("file"));
    Optional<String> env = text(def.get("environment"));
    if (file.isEmpty() && env.isEmpty()) {
      diags.error(def.location(), path, "secret " + name + " has neither file: nor environment:,"
              + " so there is no value to store", "give it file: ./secrets/" + name + ".txt");
      return Optional.empty();
    }
    SourceLocation at = def.keyLocation(file.isPresent() ? "file" : "environment");
    return Optional.of(new ComposeSecret(name,
        file.map(f -> project.workingDir().resolve(Path.of(f)).normalize()), env,
        at != null ? at : def.location()));
  }

  /**
   * The variable {@code X} when the image is an official one that reads {@code X_FILE}, the
   * service points {@code X_FILE} at this secret and sets no {@code X} itself, and no other service
   * sets {@code X} (a secret variable is one value for the whole environment).
   */
  private Optional<String> variable(Service s, String file, String secret) {
    if (s.build().isPresent() || s.image().isEmpty()) {
      return Optional.empty();
    }
    String repo = ImageReference.repository(s.image().get());
    Set<String> accepted = FILE_VARIABLES.get(repo.startsWith("library/") ? repo.substring(8) : repo);
    if (accepted == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, String> e : s.environment().entrySet()) {
      String k = e.getKey();
      if (!k.endsWith("_FILE") || !e.getValue().equals(file)) {
        continue;
      }
      String x = k.substring(0, k.length() - "_FILE".length());
      boolean setElsewhere = project.services().stream().anyMatch(o -> o.environment().containsKey(x));
      boolean claimed = deliveries.stream().anyMatch(d -> d.variable().equals(Optional.of(x))
          && !d.secret().equals(secret));
      if (accepted.contains(x) && !setElsewhere && !claimed) {
        return Optional.of(x);
      }
    }
    return Optional.empty();
  }

  private static Optional<String> text(Node n) {
    return n instanceof ScalarNode sc && !sc.isNull() ? Optional.of(sc.asText()) : Optional.empty();
  }

  /** An integer; "0440" and 0o440 are octal, as compose reads a mode. */
  private int number(Node n, int dflt, SourceLocation at, String path) {
    Optional<String> t = text(n);
    if (t.isEmpty()) {
      return dflt;
    }
    String v = t.get().trim();
    try {
      if (v.matches("0o?[0-7]+")) {
        return Integer.parseInt(v.replaceFirst("^0o?", "0"), 8);
      }
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      diags.error(n.location() != null ? n.location() : at, path, "\"" + v + "\" is not a number",
          "e.g. mode: 0440");
      return dflt;
    }
  }
}
