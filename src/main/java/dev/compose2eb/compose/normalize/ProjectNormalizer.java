package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.NetworkDef;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.compose.model.VolumeDef;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Turns the merged, interpolated project tree into the {@link Project} model, one canonical form
 * per key, as compose-go normalises it. Problems are collected in the given {@link Diagnostics};
 * the caller decides when to fail.
 */
public final class ProjectNormalizer {
  private static final Pattern NAME = Pattern.compile("[a-zA-Z0-9._-]+");

  /**
   * What normalisation needs besides the tree.
   *
   * @param projectEnv the project environment (OS environment over .env), for key-only entries and ~
   * @param envFiles reads one env_file (the normaliser checks that it exists first)
   * @param labelFiles reads one label_file (same format; the normaliser checks that it exists first)
   */
  public record Context(
      String projectName,
      Path projectDir,
      List<String> composeFiles,
      Function<String, Optional<String>> projectEnv,
      EnvFileReader envFiles,
      LabelFileReader labelFiles) {}

  /** Reads a dotenv-format file into its variables, reporting syntax problems to {@code diags}. */
  public interface EnvFileReader {
    Map<String, String> read(Path file, String displayName, Diagnostics diags);
  }

  /**
   * Reads a label file, a dotenv-format file whose {@code $VAR} references and bare keys resolve
   * against {@code lookup} (compose: the labels of the service's earlier label files) rather than
   * the project environment.
   */
  public interface LabelFileReader {
    Map<String, String> read(Path file, String displayName, Function<String, Optional<String>> lookup,
        Diagnostics diags);
  }

  private ProjectNormalizer() {}

  /** Normalises {@code root}; every problem found is added to {@code diags}. */
  public static Project normalize(MapNode root, Context ctx, Diagnostics diags) {
    NodeReader in = new NodeReader(diags);
    HostPaths paths = new HostPaths(ctx.projectDir(), ctx.projectEnv());
    in.checkKeys(root, "", Keys.TOP_LEVEL);

    TopLevel top = new TopLevel(in);
    Map<String, VolumeDef> volumes = top.volumes(root.get("volumes"));
    Map<String, NetworkDef> networks = top.networks(root.get("networks"));
    Map<String, Node> other = top.other(root);

    List<Service> services = new ArrayList<>();
    Services reader = new Services(in, ctx, paths);
    in.map(root.get("services"), "services", "services: {web: {image: nginx}}").ifPresent(m ->
        m.entries().forEach((name, node) -> {
          SourceLocation at = m.keyLocation(name);
          if (!NAME.matcher(name).matches()) {
            diags.error(at, "services", "invalid service name " + NodeReader.quote(name),
                "use letters, digits, '.', '_' and '-' only, e.g. \"web-1\"");
            return;
          }
          MapNode body = NodeReader.isNull(node) ? MapNode.empty(node.location())
              : in.map(node, "services." + name, "web: {image: nginx}").orElse(null);
          if (body != null) {
            Service service = reader.read(name, body, at);
            checkNamedVolumes(service, volumes, diags);
            services.add(service);
          }
        }));

    return new Project(ctx.projectName(), paths.projectDir(), ctx.composeFiles(), services, List.of(),
        volumes, networks, other, NodeReader.extensions(root));
  }

  /** compose-go's consistency rule: a named volume must be declared at the top level. */
  private static void checkNamedVolumes(Service service, Map<String, VolumeDef> declared, Diagnostics diags) {
    List<ServiceVolume> vols = service.volumes();
    for (int i = 0; i < vols.size(); i++) {
      ServiceVolume v = vols.get(i);
      if (v.type() == ServiceVolume.Type.VOLUME && v.source().isPresent() && !declared.containsKey(v.source().get())) {
        diags.error(v.location(), "services." + service.name() + ".volumes[" + i + "]",
            "service " + NodeReader.quote(service.name()) + " refers to undefined volume " + v.source().get(),
            "declare it at the top level: volumes: {" + v.source().get() + ": {}}, or use ./"
                + v.source().get() + " for a directory next to the compose file");
      }
    }
  }
}
