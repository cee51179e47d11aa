package dev.compose2eb.compose.load;

import dev.compose2eb.compose.env.DotEnv;
import dev.compose2eb.compose.env.NodeInterpolator;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.normalize.ProjectNormalizer;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.YamlReader;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a compose project the way {@code docker compose config} does: files found or named, the
 * project environment, interpolation, several files and documents merged, {@code include},
 * {@code extends}, profiles, then one canonical form per key.
 */
public final class ComposeLoader {
  /** Top-level keys of the compose specification; a file with none of them is the legacy v1 format. */
  static final Set<String> TOP_LEVEL_KEYS = Set.of(
      "version", "name", "include", "services", "networks", "volumes", "secrets", "configs", "models");

  /** How deep {@code include} may nest: each level is a frame of recursion; real projects use a few. */
  static final int MAX_INCLUDE_DEPTH = 64;

  private final LoadRequest request;
  private final Diagnostics diags = new Diagnostics();
  private final TreeMerger merger = new TreeMerger(diags);
  private final Map<Path, MapNode> extendsFiles = new HashMap<>();

  private final InputStream stdin;

  private ComposeLoader(LoadRequest request, InputStream stdin) {
    this.request = request;
    this.stdin = stdin;
  }

  /** {@code -f -}: compose reads the file from standard input, the project directory being the working directory. */
  private boolean isStdin(Path file) {
    return request.files().contains("-") && file.equals(absolute("-"));
  }

  /**
   * Loads the project.
   *
   * @throws dev.compose2eb.diag.InvalidInputException with every diagnostic when any is an error
   */
  public static LoadResult load(LoadRequest request) {
    return load(request, System.in);
  }

  /** {@link #load(LoadRequest)} with {@code -f -} read from {@code stdin}. */
  public static LoadResult load(LoadRequest request, InputStream stdin) {
    return new ComposeLoader(request, stdin).run();
  }

  private LoadResult run() {
    Path searchDir = request.projectDirectory().map(this::absolute).orElse(request.workingDir());
    List<Path> files = composeFiles(searchDir);
    diags.throwIfErrors();
    if (files.isEmpty()) {
      diags.error(null, "", "no configuration file provided: not found in " + searchDir
              + " or its parents",
          "name one with -f, or create compose.yaml (or docker-compose.yml) in the project directory");
      diags.throwIfErrors();
    }
    Path projectDir = request.projectDirectory().map(this::absolute)
        .orElse(files.get(0).getParent());
    Map<String, String> env = projectEnvironment(projectDir);
    diags.throwIfErrors();

    MapNode tree = loadTree(files, env, projectDir, new LinkedHashSet<>());
    diags.throwIfErrors();

    String name = projectName(tree, env, projectDir);
    ProjectNormalizer.Context ctx = new ProjectNormalizer.Context(name, projectDir,
        files.stream().map(this::display).toList(), k -> Optional.ofNullable(env.get(k)),
        (file, shown, d) -> DotEnv.readFile(file, shown, k -> Optional.ofNullable(env.get(k)), d),
        (file, shown, lookup, d) -> DotEnv.readFile(file, shown, lookup::apply, d));
    Project all = ProjectNormalizer.normalize(tree, ctx, diags);
    diags.throwIfErrors();

    Project project = new Profiles(selectedProfiles(env), diags).apply(all);
    ProjectChecks.check(project, diags);
    diags.throwIfErrors();
    ProjectChecks.checkCycle(project, diags);
    diags.throwIfErrors();
    return new LoadResult(project, diags.list(), env);
  }

  // --- files and environment -------------------------------------------------------------------

  private List<Path> composeFiles(Path searchDir) {
    List<String> named = request.files();
    if (named.isEmpty()) {
      String fromEnv = request.osEnvironment().get("COMPOSE_FILE");
      if (fromEnv == null) {
        fromEnv = dotEnvValue(searchDir.resolve(".env"), "COMPOSE_FILE");
      }
      if (fromEnv != null && !fromEnv.isEmpty()) {
        String sep = request.osEnvironment().getOrDefault("COMPOSE_PATH_SEPARATOR",
            Optional.ofNullable(dotEnvValue(searchDir.resolve(".env"), "COMPOSE_PATH_SEPARATOR"))
                .orElse(java.io.File.pathSeparator));
        named = Arrays.stream(fromEnv.split(java.util.regex.Pattern.quote(sep)))
            .filter(s -> !s.isEmpty()).toList();
        return named.stream().map(f -> searchDir.resolve(f).normalize()).toList();
      }
      return ComposeFiles.discover(searchDir, diags);
    }
    List<Path> out = new ArrayList<>();
    for (String f : named) {
      out.add(absolute(f));
    }
    return out;
  }

  /** A value from a dotenv file read only for the COMPOSE_* settings; problems are reported later. */
  private String dotEnvValue(Path file, String key) {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    Map<String, String> values = DotEnv.readFile(file, display(file),
        k -> Optional.ofNullable(request.osEnvironment().get(k)), new Diagnostics());
    return values.get(key);
  }

  /** The OS environment over the env files ({@code --env-file}, else {@code .env}). */
  private Map<String, String> projectEnvironment(Path projectDir) {
    List<Path> envFiles = new ArrayList<>();
    if (request.envFiles().isEmpty()) {
      Path dotEnv = projectDir.resolve(".env");
      if (Files.isRegularFile(dotEnv)) {
        envFiles.add(dotEnv);
      }
    } else {
      for (String f : request.envFiles()) {
        envFiles.add(absolute(f));
      }
    }
    return environment(envFiles);
  }

  private Map<String, String> environment(List<Path> envFiles) {
    Map<String, String> env = new LinkedHashMap<>();
    for (Path f : envFiles) {
      Map<String, String> read = DotEnv.readFile(f, display(f), k -> {
        String os = request.osEnvironment().get(k);
        return Optional.ofNullable(os != null ? os : env.get(k));
      }, diags);
      env.putAll(read);
    }
    env.putAll(request.osEnvironment());
    return env;
  }

  private List<String> selectedProfiles(Map<String, String> env) {
    if (!request.profiles().isEmpty()) {
      return request.profiles();
    }
    String fromEnv = env.get("COMPOSE_PROFILES");
    if (fromEnv == null || fromEnv.isBlank()) {
      return List.of();
    }
    return Arrays.stream(fromEnv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  private String projectName(MapNode tree, Map<String, String> env, Path projectDir) {
    if (request.projectName().isPresent()) {
      String p = request.projectName().get();
      if (!p.matches("[a-z0-9][a-z0-9_-]*")) {
        diags.error(null, "", "invalid project name \"" + p + "\": it must contain only lowercase"
                + " letters, decimal digits, dashes and underscores, and begin with a letter or digit",
            "e.g. -p my-app");
        return p;
      }
      return p;
    }
    String fromEnv = env.get("COMPOSE_PROJECT_NAME");
    if (fromEnv != null && !fromEnv.isEmpty()) {
      return normalizeName(fromEnv);
    }
    if (tree.get("name") instanceof ScalarNode s && !s.asText().isEmpty()) {
      String n = s.asText();
      if (!n.matches("[a-z0-9][a-z0-9_-]*")) {
        diags.error(s.location(), "name", "invalid project name \"" + n + "\": it must contain only"
                + " lowercase letters, decimal digits, dashes and underscores, and begin with a letter or digit",
            "e.g. name: my-app");
      }
      return n;
    }
    Path base = projectDir.getFileName();
    String normalized = normalizeName(base == null ? "" : base.toString());
    return normalized.isEmpty() ? "default" : normalized;
  }

  /** compose-go's rule: lowercase, keep {@code [a-z0-9_-]}, no leading dash or underscore. */
  static String normalizeName(String raw) {
    String n = raw.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_-]", "");
    return n.replaceFirst("^[_-]+", "");
  }

  // --- the tree --------------------------------------------------------------------------------

  /** Reads, interpolates and merges files into one tree, then applies include and extends. */
  private MapNode loadTree(List<Path> files, Map<String, String> env, Path projectDir,
      Set<Path> includeStack) {
    MapNode merged = null;
    for (Path file : files) {
      for (MapNode doc : readDocuments(file, env)) {
        doc = includes(doc, file, env, includeStack);
        merged = merged == null ? doc : merger.merge(merged, doc);
      }
    }
    if (merged == null) {
      return MapNode.empty(SourceLocation.ofFile(display(files.get(0))));
    }
    merged = TreeMerger.enforceUnicity(merged);
    merged = (MapNode) TreeMerger.stripResets(merged);
    return new Extends(this, diags, merger).withEnvironment(env).apply(merged, files.get(0), projectDir);
  }

  /** The documents of one file, each a mapping, interpolated, v1 read as services. */
  List<MapNode> readDocuments(Path file, Map<String, String> env) {
    String shown = display(file);
    List<Node> docs = isStdin(file) ? YamlReader.readStream(stdin, "-", diags)
        : YamlReader.readFile(file, shown, diags);
    List<MapNode> out = new ArrayList<>();
    if (docs.isEmpty() && !diags.hasErrors()) {
      diags.error(SourceLocation.ofFile(shown), "", "empty compose file",
          "a compose file needs at least a services: mapping, e.g. services: {web: {image: nginx}}");
    }
    for (Node doc : docs) {
      if (doc instanceof ScalarNode s && s.isNull()) {
        continue;
      }
      if (!(doc instanceof MapNode map)) {
        diags.error(doc.location(), "", "the top level of a compose file must be a mapping, not a "
            + doc.kindName(), "start the file with services:, e.g. services: {web: {image: nginx}}");
        continue;
      }
      Node interpolated = NodeInterpolator.interpolate(map, "",
          k -> Optional.ofNullable(env.get(k)), diags);
      out.add(legacyAndVersion((MapNode) interpolated));
    }
    return out;
  }

  private MapNode legacyAndVersion(MapNode doc) {
    MapNode.Builder b = new MapNode.Builder(doc);
    if (doc.has("version")) {
      diags.warning(doc.keyLocation("version"), "version",
          "the attribute `version` is obsolete, it will be ignored",
          "remove it to avoid potential confusion");
      b.remove("version");
    }
    boolean legacy = !doc.has("services") && !doc.keys().isEmpty()
        && doc.keys().stream().noneMatch(k -> TOP_LEVEL_KEYS.contains(k) || k.startsWith("x-"));
    if (!legacy) {
      return b.build();
    }
    diags.warning(doc.location(), "", "legacy compose v1 format (services at the top level);"
        + " read as services", "put the services under a services: key");
    MapNode.Builder top = new MapNode.Builder(doc.location());
    MapNode.Builder services = new MapNode.Builder(doc.location());
    for (Map.Entry<String, Node> e : doc.entries().entrySet()) {
      if (e.getKey().startsWith("x-")) {
        top.put(e.getKey(), doc.keyLocation(e.getKey()), e.getValue());
      } else {
        services.put(e.getKey(), doc.keyLocation(e.getKey()), e.getValue());
      }
    }
    return top.put("services", doc.location(), services.build()).build();
  }

  /** Another file referenced by {@code extends.file}, read once, with its own extends applied. */
  MapNode extendsFile(Path file, Map<String, String> env) {
    MapNode cached = extendsFiles.get(file);
    if (cached != null) {
      return cached;
    }
    MapNode merged = null;
    for (MapNode doc : readDocuments(file, env)) {
      merged = merged == null ? doc : merger.merge(merged, doc);
    }
    if (merged == null) {
      merged = MapNode.empty(SourceLocation.ofFile(display(file)));
    }
    extendsFiles.put(file, merged);
    return merged;
  }

  /** Loads each {@code include} entry as a sub-project and adds its resources; conflicts are errors. */
  private MapNode includes(MapNode doc, Path file, Map<String, String> env, Set<Path> stack) {
    Node include = doc.get("include");
    if (include == null) {
      return doc;
    }
    MapNode.Builder out = new MapNode.Builder(doc).remove("include");
    if (!(include instanceof dev.compose2eb.yaml.SeqNode seq)) {
      diags.error(include.location(), "include", "include must be a sequence, not a "
          + include.kindName(), "e.g. include: [../shared/compose.yaml]");
      return out.build();
    }
    stack.add(file);
    for (int i = 0; i < seq.size(); i++) {
      Include.Entry entry = Include.parse(seq.get(i), "include[" + i + "]", file.getParent(), diags);
      if (entry == null) {
        continue;
      }
      if (stack.size() >= MAX_INCLUDE_DEPTH) {
        diags.error(seq.get(i).location(), "include[" + i + "]", "includes nested more than "
            + MAX_INCLUDE_DEPTH + " files deep", "include the files from one top-level file");
        continue;
      }
      if (entry.files().stream().anyMatch(stack::contains)) {
        diags.error(seq.get(i).location(), "include[" + i + "]", "include cycle through "
            + display(entry.files().get(0)), "a file cannot include itself, directly or not");
        continue;
      }
      List<Path> envFiles = entry.envFiles().isEmpty()
          ? Optional.of(entry.projectDir().resolve(".env")).filter(Files::isRegularFile).stream().toList()
          : entry.envFiles();
      Map<String, String> subEnv = envFiles.isEmpty() ? env : environment(envFiles);
      MapNode sub = loadTree(entry.files(), subEnv, entry.projectDir(), stack);
      Include.addResources(out, sub, entry.projectDir(), seq.get(i).location(), diags);
    }
    stack.remove(file);
    return out.build();
  }

  // --- paths -----------------------------------------------------------------------------------

  private Path absolute(String p) {
    return request.workingDir().resolve(p).toAbsolutePath().normalize();
  }

  /** How a file is named in diagnostics: relative to the working directory when inside it. */
  String display(Path file) {
    Path abs = file.toAbsolutePath().normalize();
    return abs.startsWith(request.workingDir()) && !abs.equals(request.workingDir())
        ? request.workingDir().relativize(abs).toString() : abs.toString();
  }
}
