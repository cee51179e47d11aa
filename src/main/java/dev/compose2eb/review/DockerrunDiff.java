package dev.compose2eb.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import dev.compose2eb.dockerrun.Authentication;
import dev.compose2eb.dockerrun.ContainerDefinition;
import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.dockerrun.Volume;
import dev.compose2eb.dockerrun.VolumeHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * What changes between two Dockerrun files, ignoring key order, formatting and the order of
 * environment entries, links, port mappings and mounts. One line per change: {@code + container
 * worker}, {@code - api.links[redis]}, {@code ~ api.memoryReservation: 256 -> 512}. Volumes come
 * first, then authentication, then containers by name, fields in the writer's order.
 */
public final class DockerrunDiff {
  private DockerrunDiff() {}

  /**
   * One change: {@code +} added, {@code -} removed, {@code ~} changed.
   *
   * @param subject {@code volume NAME}, {@code authentication}, {@code container NAME} or
   *     {@code CONTAINER.FIELD}
   * @param before the value before as printed, empty when added or not shown
   * @param after the value after as printed, empty when removed or not shown
   */
  public record Change(char sign, String subject, String before, String after) {
    /** The line {@link #diff} prints. */
    public String render() {
      return switch (sign) {
        case '+' -> "+ " + subject + (after.isEmpty() ? "" : ": " + after);
        case '-' -> "- " + subject + (before.isEmpty() ? "" : ": " + before);
        default -> "~ " + subject + ": " + before + " -> " + after;
      };
    }
  }

  /** The changes from {@code a} to {@code b}, one line each; empty when they mean the same. */
  public static List<String> diff(Dockerrun a, Dockerrun b) {
    return changes(a, b).stream().map(Change::render).toList();
  }

  /** The changes from {@code a} to {@code b}; empty when they mean the same. */
  public static List<Change> changes(Dockerrun a, Dockerrun b) {
    return changes(a, b, NullNode.getInstance(), NullNode.getInstance());
  }

  /**
   * As {@link #changes(Dockerrun, Dockerrun)}, and every field the model does not hold ({@code
   * secrets}, {@code dockerSecurityOptions}, {@code repositoryCredentials}, a volume's {@code
   * efsVolumeConfiguration}, {@code executionRoleArn}, any field ECS adds later) compared as
   * canonical JSON from the files' trees {@code rawA} and {@code rawB}: a reviewer sees every
   * difference, not only the ones the translator writes.
   */
  public static List<Change> changes(Dockerrun a, Dockerrun b, JsonNode rawA, JsonNode rawB) {
    List<Change> lines = new ArrayList<>();
    Map<String, String> topA = RawFields.unmodelled(rawA, RawFields.TOP_LEVEL);
    Map<String, String> topB = RawFields.unmodelled(rawB, RawFields.TOP_LEVEL);
    for (String key : union(topA, topB)) {
      change(lines, key, topA.get(key), topB.get(key), false);
    }
    Map<String, String> volumesA = volumes(a);
    Map<String, String> volumesB = volumes(b);
    Map<String, Map<String, String>> rawVolumesA = RawFields.byName(rawA, "volumes", RawFields.VOLUME);
    Map<String, Map<String, String>> rawVolumesB = RawFields.byName(rawB, "volumes", RawFields.VOLUME);
    for (String name : union(volumesA, volumesB)) {
      change(lines, "volume " + name, volumesA.get(name), volumesB.get(name), true);
      if (volumesA.containsKey(name) && volumesB.containsKey(name)) {
        Map<String, String> va = rawVolumesA.getOrDefault(name, Map.of());
        Map<String, String> vb = rawVolumesB.getOrDefault(name, Map.of());
        for (String key : union(va, vb)) {
          change(lines, "volume " + name + "." + key, va.get(key), vb.get(key), false);
        }
      }
    }
    change(lines, "authentication", a.authentication().map(DockerrunDiff::s3).orElse(null),
        b.authentication().map(DockerrunDiff::s3).orElse(null), false);
    Map<String, ContainerDefinition> containersA = byName(a);
    Map<String, ContainerDefinition> containersB = byName(b);
    Map<String, Map<String, String>> rawContainersA =
        RawFields.byName(rawA, "containerDefinitions", ContainerFields.MODELLED);
    Map<String, Map<String, String>> rawContainersB =
        RawFields.byName(rawB, "containerDefinitions", ContainerFields.MODELLED);
    for (String name : union(containersA, containersB)) {
      ContainerDefinition before = containersA.get(name);
      ContainerDefinition after = containersB.get(name);
      if (before == null) {
        lines.add(new Change('+', "container " + name, "", ""));
      } else if (after == null) {
        lines.add(new Change('-', "container " + name, "", ""));
      } else {
        fields(lines, name, ContainerFields.of(before, rawContainersA.getOrDefault(name, Map.of())),
            ContainerFields.of(after, rawContainersB.getOrDefault(name, Map.of())));
      }
    }
    return List.copyOf(lines);
  }

  private static void fields(List<Change> lines, String container, Map<String, String> before,
      Map<String, String> after) {
    TreeSet<String> keys = new TreeSet<>(ContainerFields.BY_FIELD_ORDER);
    keys.addAll(before.keySet());
    keys.addAll(after.keySet());
    for (String key : keys) {
      change(lines, container + "." + key, before.get(key), after.get(key), false);
    }
  }

  /** Adds the +, - or ~ line for one subject; nothing when both sides agree. */
  private static void change(List<Change> lines, String subject, String before, String after,
      boolean quietAdd) {
    if (before == null && after == null || before != null && before.equals(after)) {
      return;
    }
    if (before == null) {
      lines.add(new Change('+', subject, "", quietAdd ? "" : after));
    } else if (after == null) {
      lines.add(new Change('-', subject, quietAdd ? "" : before, ""));
    } else {
      lines.add(new Change('~', subject, before, after));
    }
  }

  private static Map<String, String> volumes(Dockerrun d) {
    Map<String, String> map = new TreeMap<>();
    for (Volume v : d.volumes()) {
      map.put(v.name(), v.host().map(VolumeHost::sourcePath).map(Render::quote)
          .orElse("(no host path)"));
    }
    return map;
  }

  private static Map<String, ContainerDefinition> byName(Dockerrun d) {
    Map<String, ContainerDefinition> map = new TreeMap<>();
    d.containerDefinitions().forEach(c -> map.putIfAbsent(c.name(), c));
    return map;
  }

  private static TreeSet<String> union(Map<String, ?> a, Map<String, ?> b) {
    TreeSet<String> keys = new TreeSet<>(a.keySet());
    keys.addAll(b.keySet());
    return keys;
  }

  private static String s3(Authentication auth) {
    return "s3://" + auth.bucket() + "/" + auth.key();
  }
}
