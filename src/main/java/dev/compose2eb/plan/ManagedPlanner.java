package dev.compose2eb.plan;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.compose.model.VolumesFrom;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decides which services run as managed AWS databases and caches ({@code x-eb: {managed: ...}} on
 * the service, or {@code --managed SERVICE}, which wins), their size, and how every variable of
 * the other services that named them is rewired. What cannot be rewired (a host in a config file
 * or a command, a URL carrying the password) is an error with its location and the fix.
 */
public final class ManagedPlanner {
  /** Keys of the {@code x-eb.managed} mapping. */
  static final Set<String> KEYS = Set.of("instance_class", "storage_gib", "engine_version");
  private static final Pattern PG_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");
  private static final Pattern MYSQL_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,15}");
  private static final Pattern MYSQL_DB = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,63}");
  private static final Pattern PASSWORD_NAME = Pattern.compile("(?i).*(PASS|PWD).*");
  private static final Pattern USER_NAME = Pattern.compile("(?i).*USER.*");

  private final Project project;
  private final ProjectTexts files;
  private final Diagnostics diags = new Diagnostics();

  private ManagedPlanner(Project project, ProjectTexts files) {
    this.project = project;
    this.files = files;
  }

  /**
   * The managed services of {@code project}.
   *
   * @param requested the services named by {@code --managed}, in the order given
   */
  public static ManagedPlan plan(Project project, List<String> requested, ProjectTexts files) {
    return new ManagedPlanner(project, files).run(requested);
  }

  private ManagedPlan run(List<String> requested) {
    Map<String, Optional<MapNode>> chosen = new LinkedHashMap<>();
    for (Service s : project.services()) {
      Node n = managedNode(s);
      if (n == null || n instanceof ScalarNode sc && (sc.isNull() || "false".equals(sc.asText()))) {
        continue;
      }
      if (n instanceof MapNode m) {
        chosen.put(s.name(), Optional.of(m));
      } else if (n instanceof ScalarNode sc && "true".equals(sc.asText())) {
        chosen.put(s.name(), Optional.empty());
      } else {
        diags.error(n.location(), path(s) + ".managed", "managed must be true, false or a mapping",
            "e.g. x-eb: {managed: true} or x-eb: {managed: {instance_class: db.t4g.small}}");
      }
    }
    for (String name : new LinkedHashSet<>(requested)) {
      if (project.service(name).isEmpty()) {
        diags.error(null, "--managed", "--managed " + name + ": the project has no service \""
                + name + "\"", "name one of: " + String.join(", ",
                project.services().stream().map(Service::name).toList()));
      }
    }
    // in the file's order whatever the order of the flags, so the output is the same bytes
    Map<String, Optional<MapNode>> fromXEb = chosen;
    chosen = new LinkedHashMap<>();
    for (Service s : project.services()) {
      if (fromXEb.containsKey(s.name())) {
        chosen.put(s.name(), fromXEb.get(s.name()));
      } else if (requested.contains(s.name())) {
        chosen.put(s.name(), Optional.empty());
      }
    }
    List<ManagedService> out = new ArrayList<>();
    Map<String, String> logicalIds = new HashMap<>();
    for (Map.Entry<String, Optional<MapNode>> e : chosen.entrySet()) {
      Service s = project.service(e.getKey()).orElseThrow();
      decide(s, e.getValue(), chosen.keySet()).ifPresent(m -> {
        String other = logicalIds.putIfAbsent(m.logicalId(), m.service());
        if (other != null) {
          diags.error(s.location(), path(s), "\"" + s.name() + "\" and \"" + other + "\" give the"
              + " same CloudFormation name " + m.logicalId(), "rename one of the services");
        }
        out.add(m);
      });
    }
    checkVariableClashes(out);
    return new ManagedPlan(out, diags.list());
  }

  private static Node managedNode(Service s) {
    return s.extensions().get("x-eb") instanceof MapNode x ? x.get("managed") : null;
  }

  private static String path(Service s) {
    return "services." + s.name() + ".x-eb";
  }

  private Optional<ManagedService> decide(Service s, Optional<MapNode> settings, Set<String> managed) {
    SourceLocation at = Optional.ofNullable(managedNode(s)).map(Node::location).orElse(s.location());
    if (s.build().isPresent()) {
      diags.error(at, path(s) + ".managed", "\"" + s.name() + "\" builds its own image; only the"
              + " official images of " + ManagedEngine.supportedImages() + " can become a managed"
              + " service", "remove managed, or run the official image and set it up by SQL");
      return Optional.empty();
    }
    String image = s.image().orElse("");
    Optional<ManagedEngine> found = ManagedEngine.ofImage(image);
    if (found.isEmpty()) {
      boolean mongo = image.matches("(?i)(.*/)?mongo(db)?(:.*)?");
      diags.error(at, path(s) + ".managed", mongo
              ? "\"" + s.name() + "\" runs MongoDB; Amazon DocumentDB is not offered as a managed"
                  + " replacement: it requires TLS with Amazon's CA bundle and retryWrites=false in"
                  + " every client, lacks parts of MongoDB's API, and its smallest instance"
                  + " (db.t4g.medium) costs several times a small RDS instance"
              : "\"" + s.name() + "\" runs " + (image.isEmpty() ? "no image" : image)
                  + ", which compose2eb cannot replace with a managed service",
          "managed services exist for " + ManagedEngine.supportedImages()
              + (mongo ? "; keep mongo as a container or point the app at MongoDB Atlas through"
                  + " an environment variable" : ""));
      return Optional.empty();
    }
    ManagedEngine engine = found.get();
    Map<String, String> opts = settings.map(m -> options(s, m)).orElse(Map.of());
    Optional<String> version = Optional.ofNullable(opts.get("engine_version"))
        .or(() -> engine.versionForTag(ImageReference.tag(image)));
    if (version.isEmpty()) {
      diags.error(s.keyLocation("image"), "services." + s.name() + ".image", "image " + image
              + ": " + engine.service.title + " " + engine.title + " offers versions "
              + String.join(", ", engine.versions) + ", not the one this tag names",
          "use an image of one of these versions, or set x-eb: {managed: {engine_version: ...}}");
      return Optional.empty();
    }
    if (!opts.containsKey("engine_version") && !ImageReference.tag(image).matches("v?\\d.*")) {
      diags.info(s.keyLocation("image"), "services." + s.name() + ".image", "image " + image
              + " names no version; " + engine.title + " " + version.get() + " is used",
          "pin the version in the tag (or x-eb managed.engine_version) so that it never moves");
    }
    String cls = opts.getOrDefault("instance_class", engine.defaultClass);
    String prefix = engine.isDatabase() ? "db." : "cache.";
    if (!cls.startsWith(prefix)) {
      diags.error(at, path(s) + ".managed.instance_class", "instance_class " + cls + " is not an "
          + engine.service.title + " class", "e.g. " + engine.defaultClass);
    }
    int storage = 0;
    if (engine.isDatabase()) {
      storage = ManagedEngine.MIN_STORAGE_GIB;
      if (opts.containsKey("storage_gib")) {
        try {
          storage = Integer.parseInt(opts.get("storage_gib"));
        } catch (NumberFormatException ex) {
          storage = -1;
        }
        if (storage < ManagedEngine.MIN_STORAGE_GIB || storage > ManagedEngine.MAX_STORAGE_GIB) {
          diags.error(at, path(s) + ".managed.storage_gib", "storage_gib must be a whole number"
              + " from " + ManagedEngine.MIN_STORAGE_GIB + " to " + ManagedEngine.MAX_STORAGE_GIB
              + " (GiB of gp3 storage)", "e.g. storage_gib: 20");
        }
      }
    } else if (opts.containsKey("storage_gib")) {
      diags.error(at, path(s) + ".managed.storage_gib", "storage_gib applies to databases;"
          + " an ElastiCache node's memory comes with its class", "remove storage_gib");
    }
    Credentials c = engine.isDatabase() ? credentials(s, engine) : Credentials.NONE;
    List<ManagedService.Rewrite> rewrites = wiring(s, engine, c, managed);
    List<String> unused = unusedVolumes(s, managed);
    String param = "COMPOSE2EB_" + s.name().toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_")
        + "_MASTER_PASSWORD";
    ManagedService m = new ManagedService(s.name(), at, engine, version.get(), cls, storage,
        c.master(), c.database(), engine.isDatabase() ? Optional.of(param) : Optional.empty(),
        rewrites, unused);
    String origin = managedNode(s) != null ? path(s) + ".managed" : "--managed " + s.name();
    diags.info(at, origin, "\"" + s.name() + "\" runs as " + engine.service.title
            + " " + engine.title + " " + m.engineVersion() + " (" + cls
            + (engine.isDatabase() ? ", " + storage + " GiB, 7 days of backups, a snapshot when"
                + " deleted" : "") + ") instead of a container; it costs money while it exists",
        "see docs/managed.md for the cost and how to undo");
    return Optional.of(m);
  }

  private Map<String, String> options(Service s, MapNode m) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Map.Entry<String, Node> e : m.entries().entrySet()) {
      String key = e.getKey();
      if (!KEYS.contains(key)) {
        diags.error(m.keyLocation(key), path(s) + ".managed." + key, "unknown key \"" + key
            + "\" in x-eb.managed", "x-eb.managed knows " + String.join(", ",
            KEYS.stream().sorted().toList()));
      } else if (e.getValue() instanceof ScalarNode sc && !sc.isNull() && !sc.asText().isBlank()) {
        out.put(key, sc.asText().strip());
      } else {
        diags.error(e.getValue().location(), path(s) + ".managed." + key, key
            + " must be a value", "e.g. instance_class: db.t4g.small");
      }
    }
    return out;
  }

  /**
   * The user, password and database the compose file gave the image.
   *
   * @param user the user the app connects as in compose
   * @param master the RDS master user: the same, except the image default root, which RDS
   *     MySQL and MariaDB reserve (admin instead)
   */
  private record Credentials(String user, String master, String password, Optional<String> database) {
    static final Credentials NONE = new Credentials("", "", "", Optional.empty());
  }

  private Credentials credentials(Service s, ManagedEngine engine) {
    Map<String, String> env = s.environment();
    String at = "services." + s.name() + ".environment";
    if (engine == ManagedEngine.POSTGRES) {
      String user = env.getOrDefault("POSTGRES_USER", "postgres");
      String db = env.getOrDefault("POSTGRES_DB", user);
      check(s, PG_NAME, user, "POSTGRES_USER", "a user name");
      check(s, PG_NAME, db, "POSTGRES_DB", "a database name");
      // RDS PostgreSQL always has the database postgres
      return new Credentials(user, user, env.getOrDefault("POSTGRES_PASSWORD", ""),
          db.equals("postgres") ? Optional.empty() : Optional.of(db));
    }
    String user = first(env, "MARIADB_USER", "MYSQL_USER").orElse("root");
    String password = user.equals("root")
        ? first(env, "MARIADB_ROOT_PASSWORD", "MYSQL_ROOT_PASSWORD").orElse("")
        : first(env, "MARIADB_PASSWORD", "MYSQL_PASSWORD").orElse("");
    Optional<String> db = first(env, "MARIADB_DATABASE", "MYSQL_DATABASE");
    String master = user.equals("root") ? "admin" : user;
    check(s, MYSQL_NAME, master, "MYSQL_USER", "a user name (at most 16 characters)");
    db.ifPresent(d -> check(s, MYSQL_DB, d, "MYSQL_DATABASE", "a database name"));
    if (!master.equals(user)) {
      diags.info(s.keyLocation("environment"), at, "RDS reserves the user root; the master user"
          + " of \"" + s.name() + "\" is admin", "set MYSQL_USER to choose another name");
    }
    return new Credentials(user, master, password, db);
  }

  private void check(Service s, Pattern p, String value, String variable, String what) {
    if (!p.matcher(value).matches()) {
      diags.error(s.keyLocation("environment"), "services." + s.name() + ".environment."
              + variable, "\"" + value + "\" cannot be " + what + " on RDS: it must start with a"
              + " letter and hold only letters, digits and _",
          "choose another value for " + variable);
    }
  }

  private static Optional<String> first(Map<String, String> env, String... names) {
    for (String n : names) {
      String v = env.get(n);
      if (v != null && !v.isEmpty()) {
        return Optional.of(v);
      }
    }
    return Optional.empty();
  }

  /** How the variables of the other services that named {@code s} point at the managed service. */
  private List<ManagedService.Rewrite> wiring(Service s, ManagedEngine engine, Credentials c,
      Set<String> managed) {
    List<HostReferences.ServicePatterns> patterns = HostReferences.matchers(List.of(s.name()));
    Pattern host = Pattern.compile("(?<![A-Za-z0-9_.@/-])" + Pattern.quote(s.name())
        + "(?![A-Za-z0-9_-])|(?<=@|//)" + Pattern.quote(s.name()) + "(?![A-Za-z0-9_-])");
    List<ManagedService.Rewrite> out = new ArrayList<>();
    for (Service consumer : project.services()) {
      if (managed.contains(consumer.name())) {
        continue;
      }
      for (VolumesFrom v : consumer.volumesFrom()) {
        if (!v.container() && v.name().equals(s.name())) {
          diags.error(v.location(), "services." + consumer.name() + ".volumes_from", "\""
                  + consumer.name() + "\" takes the volumes of \"" + s.name() + "\", which runs as"
                  + " a managed service and has no container",
              "remove volumes_from: " + s.name() + ", or keep " + s.name() + " as a container");
        }
      }
      Set<String> done = new LinkedHashSet<>();
      for (HostEvidence.Found f : HostEvidence.scan(project, consumer, patterns, files)) {
        if (f.kind() != HostEvidence.Kind.ENVIRONMENT) {
          diags.error(f.at(), "services." + consumer.name(), f.what() + " names the host "
                  + s.name() + ", which runs as " + engine.service.title + " and has no"
                  + " container; a " + (f.kind() == HostEvidence.Kind.FILE ? "file" : "command")
                  + " cannot be rewritten to its endpoint",
              "read the host from an environment variable (e.g. " + hostVariable(engine)
                  + ") there, which compose2eb rewires; or keep " + s.name() + " as a container");
          continue;
        }
        if (!done.add(f.key())) {
          continue;
        }
        String value = consumer.environment().get(f.key());
        Matcher m = host.matcher(value);
        if (!m.find()) {
          continue; // matched only as another service's alias; nothing of s to rewrite
        }
        String before = value.substring(0, m.start());
        String after = value.substring(m.end());
        if (host.matcher(after).find()) {
          diags.error(f.at(), "services." + consumer.name() + ".environment." + f.key(), f.key()
              + " names " + s.name() + " more than once; only one host can be rewired",
              "split it into one variable per host");
        } else if (before.matches("(?s).*://[^/@]*:[^/@]*@")) {
          diags.error(f.at(), "services." + consumer.name() + ".environment." + f.key(), f.key()
                  + " is a URL with a password for " + s.name() + "; on " + engine.service.title
                  + " the password is generated at deploy and kept in Parameter Store, and a"
                  + " variable holding it inside a URL would be a plain environment property",
              "leave the password out of the URL and give it in its own variable (e.g. "
                  + passwordVariable(engine) + "), which compose2eb sets from Parameter Store");
        } else {
          out.add(new ManagedService.Rewrite(consumer.name(), f.key(), ManagedService.To.ENDPOINT,
              before, after));
          diags.info(f.at(), "services." + consumer.name() + ".environment." + f.key(), f.key()
              + " of \"" + consumer.name() + "\" is set through the environment to the endpoint of "
              + s.name() + " (" + engine.service.title + ")", "");
        }
      }
      if (!engine.isDatabase()) {
        continue;
      }
      for (Map.Entry<String, String> e : consumer.environment().entrySet()) {
        if (done.contains(e.getKey())) {
          continue;
        }
        if (!c.password().isEmpty() && e.getValue().equals(c.password())
            && (PASSWORD_NAME.matcher(e.getKey()).matches() || !done.isEmpty())) {
          done.add(e.getKey());
          out.add(new ManagedService.Rewrite(consumer.name(), e.getKey(), ManagedService.To.PASSWORD,
              "", ""));
          diags.info(consumer.keyLocation("environment"), "services." + consumer.name()
                  + ".environment." + e.getKey(), e.getKey() + " of \"" + consumer.name()
                  + "\" becomes the generated master password of " + s.name()
                  + ", an environment secret from Parameter Store", "");
        } else if (!c.master().equals(c.user()) && e.getValue().equals(c.user())
            && USER_NAME.matcher(e.getKey()).matches()) {
          done.add(e.getKey());
          out.add(new ManagedService.Rewrite(consumer.name(), e.getKey(), ManagedService.To.USERNAME,
              c.master(), ""));
          diags.info(consumer.keyLocation("environment"), "services." + consumer.name()
              + ".environment." + e.getKey(), e.getKey() + " of \"" + consumer.name()
              + "\" becomes " + c.master() + ", the master user of " + s.name(), "");
        }
      }
    }
    return out;
  }

  private static String hostVariable(ManagedEngine e) {
    return switch (e.service) {
      case RDS -> "DB_HOST";
      case ELASTICACHE -> e == ManagedEngine.MEMCACHED ? "MEMCACHED_HOST" : "REDIS_HOST";
    };
  }

  private static String passwordVariable(ManagedEngine e) {
    return e == ManagedEngine.POSTGRES ? "PGPASSWORD" : "DB_PASSWORD";
  }

  /** Named volumes {@code s} mounts that no service kept as a container mounts. */
  private List<String> unusedVolumes(Service s, Set<String> managed) {
    Set<String> out = new LinkedHashSet<>();
    for (ServiceVolume v : s.volumes()) {
      if (v.type() == ServiceVolume.Type.VOLUME && v.source().isPresent()
          && project.volumes().containsKey(v.source().get())) {
        out.add(v.source().get());
      }
    }
    for (Service other : project.services()) {
      if (!managed.contains(other.name())) {
        other.volumes().forEach(v -> v.source().ifPresent(out::remove));
      }
    }
    for (String v : out) {
      diags.info(project.volumes().get(v).location(), "volumes." + v, "volume \"" + v + "\" is no"
              + " longer used: \"" + s.name() + "\" runs as a managed service, and its data in"
              + " this volume is not copied there",
          "move existing data with a dump and restore (pg_dump, mysqldump) if you need it");
    }
    return List.copyOf(out);
  }

  /**
   * Elastic Beanstalk's environment properties are shared by every container, so one variable
   * cannot point at two places.
   */
  private void checkVariableClashes(List<ManagedService> services) {
    Map<String, String> seen = new HashMap<>();
    for (ManagedService m : services) {
      for (ManagedService.Rewrite r : m.rewrites()) {
        String what = m.service() + "/" + r.to() + "/" + r.before() + "/" + r.after();
        String prev = seen.putIfAbsent(r.variable(), what);
        if (prev != null && !prev.equals(what)) {
          Service consumer = project.service(r.consumer()).orElseThrow();
          diags.error(consumer.keyLocation("environment"), "services." + r.consumer()
                  + ".environment." + r.variable(), r.variable() + " would take two values; as an"
                  + " environment property every container sees one",
              "give the variable a different name in one of the services");
        }
      }
    }
  }
}
