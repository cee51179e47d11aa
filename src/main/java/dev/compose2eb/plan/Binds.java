package dev.compose2eb.plan;

import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Where each kept bind mount's source is on the instance. A project path is in the source bundle
 * (EB unpacks it at {@code /var/app/current}, and both platforms mount from there); one that does
 * not exist is kept, and Docker creates it as compose does locally. A home directory or a relative
 * path out of the project cannot be there: an error. An absolute host path is used as is, with an
 * info for paths every instance has and a warning for the rest.
 */
final class Binds {
  /** Host paths that exist on every EB instance and that containers commonly mount. */
  static final Set<String> WELL_KNOWN_HOST_PATHS = Set.of("/var/run/docker.sock", "/etc/localtime",
      "/etc/timezone", "/var/log", "/proc", "/sys", "/dev", "/tmp", "/etc/hosts", "/run");

  private Binds() {}

  static List<BindMount> of(Project project, List<DroppedMount> dropped, ProjectTexts files,
      Diagnostics diags) {
    List<BindMount> out = new ArrayList<>();
    for (Service s : project.services()) {
      for (int i = 0; i < s.volumes().size(); i++) {
        int index = i;
        ServiceVolume v = s.volumes().get(i);
        if (v.type() != ServiceVolume.Type.BIND || dropped.stream()
            .anyMatch(d -> d.service().equals(s.name()) && d.index() == index)) {
          continue;
        }
        BindMount b = classify(project, s, i, v, files, diags);
        if (b != null) {
          out.add(b);
        }
      }
    }
    return out;
  }

  private static BindMount classify(Project project, Service s, int index, ServiceVolume v,
      ProjectTexts files, Diagnostics diags) {
    String path = "services." + s.name() + ".volumes";
    String written = v.writtenSource().orElse(v.source().orElse(""));
    String source = v.source().orElse("");
    SourceLocation at = v.location();
    if (written.startsWith("~")) {
      diags.error(at, path, "bind source \"" + written + "\" is in a home directory, which does not"
              + " exist on the instance and cannot go into the bundle",
          "move the files into the project, e.g. ./config, and mount that");
      return null;
    }
    Path abs = Path.of(source).normalize();
    if (abs.startsWith(project.workingDir())) {
      String rel = project.workingDir().relativize(abs).toString().replace('\\', '/');
      boolean missing = !files.exists(abs);
      if (missing) {
        // as compose does locally, and as ECS documents for a host sourcePath that does not exist
        diags.warning(at, path, "bind source \"" + written + "\" does not exist: the container gets"
                + " an empty directory, which Docker creates on the instance as compose creates it"
                + " locally", "create it in the project if the container needs files there");
      }
      if (rel.isEmpty()) {
        diags.warning(at, path, "the whole project directory is mounted at " + v.target()
            + "; the source bundle will hold every project file", "mount only the folder needed");
      }
      return new BindMount(s.name(), index, true, rel, !missing);
    }
    if (written.startsWith(".")) {
      diags.error(at, path, "bind source \"" + written + "\" is outside the project directory"
              + " and cannot go into the bundle",
          "move the files into the project directory and mount them from there, e.g. ./"
              + lastName(written));
      return null;
    }
    if (WELL_KNOWN_HOST_PATHS.stream().anyMatch(w -> source.equals(w) || source.startsWith(w + "/"))) {
      diags.info(at, path, "host path " + source + " mounted as is from the instance", "");
    } else {
      diags.warning(at, path, "absolute host path " + source + " is used as is: it must exist on"
              + " every Elastic Beanstalk instance",
          "put the files in the project and mount ./relative/path, or create the path with"
              + " .ebextensions or a .platform hook");
    }
    return new BindMount(s.name(), index, false, source, false);
  }

  /** The last name of a relative path, for an example in a hint ({@code ../shared} → {@code shared}). */
  private static String lastName(String written) {
    Path name = Path.of(written).normalize().getFileName();
    return name == null || name.toString().equals("..") ? "config" : name.toString();
  }
}
