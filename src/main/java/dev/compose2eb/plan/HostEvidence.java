package dev.compose2eb.plan;

import dev.compose2eb.compose.model.Build;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.diag.SourceLocation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Every place a service's settings name another service as a host: its environment values, its
 * command and entrypoint arguments, and the config files it mounts from the project or builds
 * from. The link planner infers links from it and the managed-service wiring rewrites or refuses
 * each place, so both go by the same evidence.
 */
public final class HostEvidence {
  private HostEvidence() {}

  /** Where a host name was found. */
  public enum Kind { ENVIRONMENT, COMMAND, ENTRYPOINT, FILE }

  /**
   * One place a name was found.
   *
   * @param target the name found (a service name, or another name given to {@link #scan})
   * @param key the variable name for {@link Kind#ENVIRONMENT}, the project-relative file for
   *     {@link Kind#FILE}, else the compose key
   * @param at the location to point at (file:line for a config file)
   * @param what a description for a report: {@code environment PGHOST}, {@code nginx/default.conf:3 (...)}
   */
  public record Found(String target, Kind kind, String key, SourceLocation at, String what) {}

  /** Every place in {@code s} that names a host of {@code patterns}, in a fixed order. */
  public static List<Found> scan(Project project, Service s,
      List<HostReferences.ServicePatterns> patterns, ProjectTexts files) {
    List<Found> out = new ArrayList<>();
    for (Map.Entry<String, String> e : s.environment().entrySet()) {
      for (HostReferences.Hit h : HostReferences.inValue(e.getKey(), e.getValue(), patterns)) {
        out.add(new Found(h.service(), Kind.ENVIRONMENT, e.getKey(), s.keyLocation("environment"),
            "environment " + e.getKey()));
      }
    }
    scanArgs(s, "command", Kind.COMMAND, s.command(), patterns, out);
    scanArgs(s, "entrypoint", Kind.ENTRYPOINT, s.entrypoint(), patterns, out);
    Set<Path> scanned = new LinkedHashSet<>();
    for (ServiceVolume v : s.volumes()) {
      if (v.type() == ServiceVolume.Type.BIND && v.source().isPresent()) {
        Path p = Path.of(v.source().get());
        if (p.startsWith(project.workingDir())) {
          scanned.add(p);
        }
      }
    }
    s.build().filter(b -> !b.remoteContext()).map(Build::context).map(Path::of)
        .filter(p -> p.startsWith(project.workingDir())).ifPresent(scanned::add);
    for (Path p : scanned) {
      List<Path> candidates = files.configFiles(p);
      if (candidates.isEmpty()) {
        candidates = List.of(p);
      }
      for (Path f : candidates) {
        Optional<String> text = files.readText(f);
        if (text.isEmpty()) {
          continue;
        }
        String shown = project.workingDir().relativize(f).toString();
        for (HostReferences.Hit h : HostReferences.inText(text.get(), patterns)) {
          out.add(new Found(h.service(), Kind.FILE, shown, new SourceLocation(shown, h.line(), 0),
              shown + ":" + h.line() + " (" + h.excerpt() + ")"));
        }
      }
    }
    return out;
  }

  private static void scanArgs(Service s, String key, Kind kind, Optional<List<String>> args,
      List<HostReferences.ServicePatterns> patterns, List<Found> out) {
    if (args.isEmpty()) {
      return;
    }
    for (String arg : args.get()) {
      for (HostReferences.Hit h : HostReferences.inValue(null, arg, patterns)) {
        out.add(new Found(h.service(), kind, key, s.keyLocation(key), key + " argument \""
            + h.excerpt() + "\""));
      }
    }
  }
}
