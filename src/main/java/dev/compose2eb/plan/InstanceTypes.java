package dev.compose2eb.plan;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The installed memory of current EC2 instance types, read from {@code instance-types.tsv} in the
 * jar (AWS's instance type specifications; see docs/conversion.md, "Memory"), and the tool's
 * default instance type.
 */
public final class InstanceTypes {
  /**
   * The instance type used when neither {@code --instance-type} nor {@code x-eb: {instance_type}}
   * names one; {@code deploy --create} sets it as {@code aws:ec2:instances InstanceTypes}. A
   * t3.small (2 GiB, a 1843 MiB budget) gives a web server, an API, a database and a cache about
   * 460 MiB each; on a t3.micro (1 GiB) the same four get 230 MiB each, and the ECS agent, Docker
   * and Elastic Beanstalk's daemons share the same gigabyte (docs/conversion.md, "Memory").
   */
  public static final String DEFAULT = "t3.small";

  private static final String RESOURCE = "instance-types.tsv";
  private static final Map<String, InstanceType> TABLE = load();

  private InstanceTypes() {}

  /** The instance type of that name (case-insensitive), if the table has it. */
  public static Optional<InstanceType> find(String name) {
    return Optional.ofNullable(TABLE.get(name.strip().toLowerCase(Locale.ROOT)));
  }

  /** The default instance type, {@link #DEFAULT}. */
  public static InstanceType defaultType() {
    return TABLE.get(DEFAULT);
  }

  /** Every instance type of the table, in the table's order (by family, then size). */
  public static List<InstanceType> all() {
    return List.copyOf(TABLE.values());
  }

  /**
   * The instance types whose budget holds {@code mib}: those with the least installed memory that
   * does, in the table's order; empty when no type of the table does.
   */
  public static List<InstanceType> smallestFitting(int mib) {
    Optional<Integer> least = TABLE.values().stream().filter(t -> t.budgetMib() >= mib)
        .map(InstanceType::memoryMib).min(Comparator.naturalOrder());
    return least.map(m -> TABLE.values().stream().filter(t -> t.memoryMib() == m).toList())
        .orElse(List.of());
  }

  private static Map<String, InstanceType> load() {
    InputStream in = InstanceTypes.class.getResourceAsStream(RESOURCE);
    if (in == null) {
      throw new IllegalStateException(RESOURCE + " is missing from the jar");
    }
    Map<String, InstanceType> out = new LinkedHashMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> lines = new ArrayList<>(r.lines().toList());
      for (String line : lines) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] f = line.split("\t");
        if (f.length != 2 || !isTypeName(f[0]) || !isDigits(f[1])) {
          throw new IllegalStateException(RESOURCE + ": malformed line \"" + line + "\"");
        }
        if (out.put(f[0], new InstanceType(f[0], Integer.parseInt(f[1]))) != null) {
          throw new IllegalStateException(RESOURCE + ": " + f[0] + " listed twice");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  // The table's two checks by hand: String.matches compiled a pattern per line (150 lines) on
  // every start.

  /** Whether {@code s} is {@code [a-z0-9-]+\.[a-z0-9]+}. */
  static boolean isTypeName(String s) {
    int dot = s.indexOf('.');
    if (dot < 1 || dot == s.length() - 1) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok = c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || i < dot && c == '-' || i == dot;
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** Whether {@code s} is one or more ASCII digits. */
  static boolean isDigits(String s) {
    if (s.isEmpty()) {
      return false;
    }
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) < '0' || s.charAt(i) > '9') {
        return false;
      }
    }
    return true;
  }
}
