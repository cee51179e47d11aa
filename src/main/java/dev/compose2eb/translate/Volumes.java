package dev.compose2eb.translate;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.compose.model.VolumeDef;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.dockerrun.MountPoint;
import dev.compose2eb.dockerrun.Tmpfs;
import dev.compose2eb.dockerrun.Volume;
import dev.compose2eb.plan.BindMount;
import dev.compose2eb.plan.DeploymentPlan;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Task volumes and mount points. A bind the plan keeps becomes a host volume: a project path under
 * {@code /var/app/current/} (the source bundle on the instance), a host path as is;
 * a named volume becomes a host volume at a stable instance path (it does not survive instance
 * replacement: warned); an anonymous volume becomes a Docker volume without host.
 */
final class Volumes {
  /** Where EB unpacks the source bundle on the instance. */
  static final String BUNDLE_ROOT = "/var/app/current";
  /** Where named volumes live on the instance: outside the bundle, which each deploy replaces. */
  static final String DATA_ROOT = "/var/lib/compose2eb";

  private final Project project;
  private final Diagnostics diags;
  private final DeploymentPlan plan;
  private final Map<String, Volume> volumes = new LinkedHashMap<>();
  private final Map<String, String> volumeBySource = new LinkedHashMap<>();
  private final Set<String> warnedNamed = new LinkedHashSet<>();

  Volumes(Project project, Diagnostics diags, DeploymentPlan plan) {
    this.project = project;
    this.diags = diags;
    this.plan = plan;
  }

  /**
   * Mount points of one container, declaring the volumes they need; the mounts the plan leaves out
   * are skipped. Tmpfs mounts go to {@code tmpfs}.
   */
  List<MountPoint> mounts(Service s, String container, List<Tmpfs> tmpfs) {
    List<MountPoint> out = new ArrayList<>();
    int anonymous = 0;
    String path = "services." + s.name() + ".volumes";
    for (int i = 0; i < s.volumes().size(); i++) {
      if (plan.dropped(s.name(), i)) {
        continue;
      }
      ServiceVolume v = s.volumes().get(i);
      SourceLocation at = v.location();
      switch (v.type()) {
        case BIND -> bind(s, i).ifPresent(name ->
            out.add(new MountPoint(name, v.target(), v.readOnly())));
        case VOLUME -> {
          String name;
          if (v.source().isEmpty() || v.source().get().isEmpty()) {
            anonymous++;
            name = unique(container + "-anon" + anonymous);
            volumes.put(name, new Volume(name, java.util.Optional.empty()));
          } else {
            name = named(v.source().get(), at, path);
          }
          out.add(new MountPoint(name, v.target(), v.readOnly()));
        }
        case TMPFS -> {
          long bytes = v.tmpfsSize().orElse(0L);
          int mib = (int) Math.max(1, (bytes + (1 << 20) - 1) >> 20);
          if (v.tmpfsSize().isEmpty()) {
            mib = 64;
            diags.warning(at, path, "tmpfs " + v.target() + " has no size; ECS requires one: 64 MiB"
                + " used", "set tmpfs.size, e.g. {type: tmpfs, target: " + v.target()
                + ", tmpfs: {size: 67108864}}");
          }
          List<String> mountOptions = new ArrayList<>();
          if (v.readOnly()) {
            mountOptions.add("ro");
          }
          v.options().stream().filter(o -> o.startsWith("mode=")).forEach(mountOptions::add);
          tmpfs.add(new Tmpfs(v.target(), mib, mountOptions));
        }
        default -> diags.warning(at, path, v.type().yaml() + " mount " + v.target()
            + " ignored: ECS task volumes have no such type", "remove it, or use a bind or volume");
      }
    }
    return out;
  }

  /** The task volume of the plan's bind at {@code index}; empty when the plan does not mount it. */
  private java.util.Optional<String> bind(Service s, int index) {
    java.util.Optional<BindMount> b = plan.bind(s.name(), index);
    if (b.isEmpty()) {
      return java.util.Optional.empty();
    }
    String hostPath = !b.get().inProject() ? b.get().path()
        : b.get().path().isEmpty() ? BUNDLE_ROOT : BUNDLE_ROOT + "/" + b.get().path();
    String existing = volumeBySource.get(hostPath);
    if (existing != null) {
      return java.util.Optional.of(existing);
    }
    String name = unique(volumeName(hostPath.equals(BUNDLE_ROOT) ? "app"
        : hostPath.startsWith(BUNDLE_ROOT + "/") ? hostPath.substring(BUNDLE_ROOT.length() + 1)
        : "host" + hostPath));
    volumes.put(name, Volume.host(name, hostPath));
    volumeBySource.put(hostPath, name);
    return java.util.Optional.of(name);
  }

  private String named(String volume, SourceLocation at, String path) {
    String key = "named:" + volume;
    String existing = volumeBySource.get(key);
    if (existing != null) {
      return existing;
    }
    VolumeDef def = project.volumes().get(volume);
    String name = unique(volumeName(volume));
    String hostPath = DATA_ROOT + "/" + project.name() + "/" + volumeName(volume);
    volumes.put(name, Volume.host(name, hostPath));
    volumeBySource.put(key, name);
    if (warnedNamed.add(volume)) {
      String extra = def != null && def.external()
          ? " (it is external in compose; here it is a new, empty directory)" : "";
      diags.warning(at, path, "named volume \"" + volume + "\" becomes the instance directory "
              + hostPath + extra + "; its data does not survive instance replacement or scaling",
          "keep durable data in a managed service (RDS, ElastiCache, EFS) instead of a container"
              + " volume");
    }
    return name;
  }

  /** A volume name from a path: letters, digits, _ and -, e.g. {@code nginx-default_conf}. */
  static String volumeName(String path) {
    String n = path.replaceAll("^/+", "").replace('/', '-').replace('.', '_')
        .replaceAll("[^A-Za-z0-9_-]", "_").replaceAll("-{2,}", "-");
    n = n.replaceAll("^[-_]+", "");
    return n.isEmpty() ? "vol" : n.length() > 200 ? n.substring(0, 200) : n;
  }

  private String unique(String base) {
    String name = base;
    for (int i = 2; volumes.containsKey(name) || name.startsWith("awseb-logs-"); i++) {
      name = base + "-" + i;
    }
    return name;
  }

  List<Volume> volumes() {
    return new ArrayList<>(volumes.values());
  }
}
