package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.EnvFile;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The environment a container gets, resolved as compose-go's {@code WithServicesEnvironmentResolved}
 * does: env files in order (later wins), then {@code environment} on top. A key-only entry takes
 * its value from the project environment; when it has none the variable is unset, even if an env
 * file gave it one.
 */
final class Environment {
  private final NodeReader in;
  private final ProjectNormalizer.Context ctx;
  private final HostPaths paths;

  Environment(NodeReader in, ProjectNormalizer.Context ctx, HostPaths paths) {
    this.in = in;
    this.ctx = ctx;
    this.paths = paths;
  }

  /** One env file with the path as written and the key path for diagnostics. */
  record EnvFileEntry(EnvFile file, String written, String path) {}

  /** {@code env_file}: a path, a list of paths, or long-form entries {path, required, format}. */
  List<EnvFileEntry> envFiles(Node node, String path) {
    List<EnvFileEntry> out = new ArrayList<>();
    if (NodeReader.isNull(node)) {
      return out;
    }
    if (node instanceof ScalarNode s && s.isString()) {
      add(out, (String) s.value(), true, node, path);
      return out;
    }
    for (NodeReader.Item each : in.items(node, path, "env_file: [.env]")) {
      Node item = each.node();
      String at = each.path();
      if (item instanceof MapNode m) {
        in.checkKeys(m, at, Keys.ENV_FILE);
        Optional<String> p = in.string(m.get("path"), at + ".path", "path: ./app.env");
        if (p.isEmpty()) {
          if (NodeReader.isNull(m.get("path"))) {
            in.error(m, at, "an env_file entry needs a path", "e.g. {path: ./app.env, required: false}");
          }
          continue;
        }
        boolean required = in.bool(m.get("required"), at + ".required", "required: false").orElse(true);
        in.string(m.get("format"), at + ".format", "format: raw");
        add(out, p.get(), required, m, at);
      } else if (item instanceof ScalarNode s && s.isString()) {
        add(out, (String) s.value(), true, item, at);
      } else {
        in.typeError(item, at, "a path or a mapping", "./app.env");
      }
    }
    return out;
  }

  private void add(List<EnvFileEntry> out, String written, boolean required, Node at, String path) {
    Optional<Path> abs = paths.file(written);
    if (abs.isEmpty()) {
      in.error(at, path, "invalid env file path " + NodeReader.quote(written), "e.g. ./app.env");
      return;
    }
    out.add(new EnvFileEntry(new EnvFile(abs.get(), required, at.location()), written, path));
  }

  /** Env file values in order, then {@code environment} on top, key-only entries resolved or unset. */
  Map<String, String> resolve(List<EnvFileEntry> files, Node environment, String path) {
    Map<String, String> out = new LinkedHashMap<>();
    for (EnvFileEntry f : files) {
      Optional<String> problem = HostPaths.notAFile(f.file().path());
      if (problem.isPresent()) {
        if (f.file().required()) {
          in.diags.error(f.file().location(), f.path(),
              "env file " + f.written() + " " + problem.get() + " (" + f.file().path() + ")",
              "create it, or mark it optional: {path: " + f.written() + ", required: false}");
        }
        continue;
      }
      out.putAll(ctx.envFiles().read(f.file().path(), f.written(), in.diags));
    }
    in.listOrDict(environment, path, "environment: {KEY: value}").forEach((key, value) -> {
      Optional<String> resolved = value.isPresent() ? value : ctx.projectEnv().apply(key);
      if (resolved.isPresent()) {
        out.put(key, resolved.get());
      } else {
        out.remove(key); // compose-go: the unresolved key overrides an env file's value with "unset"
      }
    });
    return out;
  }
}
