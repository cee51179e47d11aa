package dev.compose2eb.plan;

import dev.compose2eb.compose.model.Build;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.diag.Diagnostics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Development mounts: a bind of the service's own build context (or a directory inside it) over the
 * image, for hot reload, and an anonymous volume under such a bind that keeps the image's files
 * there ({@code /app/node_modules}) visible. In production the image already holds these files; the
 * bind would run raw source from the bundle and the anonymous volume would start empty. Both are
 * left out unless kept on purpose. Binds into services that do not build (configuration files
 * mounted into {@code nginx}) stay.
 */
final class DevMounts {
  private DevMounts() {}

  static List<DroppedMount> of(Project project, boolean keep, Diagnostics diags) {
    List<DroppedMount> out = new ArrayList<>();
    for (Service s : project.services()) {
      Optional<Path> context = s.build().filter(b -> !b.remoteContext()).map(Build::context)
          .map(c -> Path.of(c).normalize());
      if (context.isEmpty()) {
        continue;
      }
      List<ServiceVolume> volumes = s.volumes();
      List<String> devTargets = new ArrayList<>();
      for (int i = 0; i < volumes.size(); i++) {
        ServiceVolume v = volumes.get(i);
        if (v.type() == ServiceVolume.Type.BIND && v.source().isPresent()
            && Path.of(v.source().get()).normalize().startsWith(context.get())) {
          devTargets.add(v.target());
          if (keep) {
            continue;
          }
          String shown = v.writtenSource().orElse(v.source().get()) + ":" + v.target();
          diags.info(v.location(), "services." + s.name() + ".volumes", "development mount " + shown
                  + " of \"" + s.name() + "\" left out: it mounts the service's own build context"
                  + " over the image, which already holds these files",
              "keep it with --keep-dev-mounts or x-eb: {keep_dev_mounts: true}");
          out.add(new DroppedMount(s.name(), i, "the service's own build context, already in the"
              + " image"));
        }
      }
      if (keep || devTargets.isEmpty()) {
        continue;
      }
      for (int i = 0; i < volumes.size(); i++) {
        ServiceVolume v = volumes.get(i);
        if (v.type() == ServiceVolume.Type.VOLUME && v.source().isEmpty()
            && devTargets.stream().anyMatch(t -> under(v.target(), t))) {
          diags.info(v.location(), "services." + s.name() + ".volumes", "anonymous volume "
                  + v.target() + " of \"" + s.name() + "\" left out: it only keeps the image's files"
                  + " visible under a development mount, which is left out too",
              "keep it with --keep-dev-mounts or x-eb: {keep_dev_mounts: true}");
          out.add(new DroppedMount(s.name(), i, "shields the image's files from a development"
              + " mount"));
        }
      }
    }
    return out;
  }

  /** Whether the container path {@code path} is {@code dir} or lies below it. */
  static boolean under(String path, String dir) {
    String d = dir.endsWith("/") ? dir : dir + "/";
    return path.equals(dir) || path.startsWith(d) || dir.equals("/");
  }
}
