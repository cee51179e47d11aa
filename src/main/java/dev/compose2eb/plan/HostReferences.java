package dev.compose2eb.plan;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds service names used as host names in text: URLs ({@code http://api:5000},
 * {@code postgres://u:p@db/x}), {@code host:port} pairs, nginx upstreams ({@code proxy_pass},
 * {@code server}), and values that are exactly a service name ({@code PGHOST=postgres}).
 */
public final class HostReferences {
  private HostReferences() {}

  /** One place a service name appears as a host. Line is 1-based, 0 for a one-line value. */
  public record Hit(String service, int line, String excerpt) {}

  /** Pre-compiled patterns for one service name. */
  public record ServicePatterns(String service, Pattern url, Pattern hostPort, Pattern upstream) {
    static ServicePatterns of(String service) {
      String n = Pattern.quote(service);
      String end = "(?=$|[:/\\s;\"',?#)\\]}])";
      return new ServicePatterns(service,
          Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]*://(?:[^@/\\s\"']*@)?" + n + end),
          Pattern.compile("(?<![\\w.@/-])" + n + ":\\d{1,5}(?!\\d)"),
          Pattern.compile("\\b(?:proxy_pass|server|fastcgi_pass|uwsgi_pass|grpc_pass|upstream)\\s+"
              + "(?:https?://)?" + n + "(?=[\\s;:{])"));
    }
  }

  private static final Pattern IMAGE_LINE =
      Pattern.compile("(?i)(^\\s*(image|from)\\b|\\bimage\\s*[:=]|^\\s*FROM\\s)");

  public static List<ServicePatterns> matchers(Collection<String> services) {
    List<ServicePatterns> out = new ArrayList<>();
    for (String s : services) {
      out.add(ServicePatterns.of(s));
    }
    return out;
  }

  /** Hits in a multi-line text (a config file), one per service and line. */
  public static List<Hit> inText(String text, List<ServicePatterns> matchers) {
    List<Hit> hits = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || trimmed.startsWith("//") || trimmed.length() > 2000) {
        continue;
      }
      for (ServicePatterns m : matchers) {
        if (matchesLine(line, m, true)) {
          hits.add(new Hit(m.service(), i + 1, excerpt(trimmed)));
        }
      }
    }
    return hits;
  }

  /** Variable names whose value is a bare host name ({@code PGHOST=postgres}). */
  private static final Pattern HOST_VARIABLE = Pattern.compile(
      "(?i).*(HOST|ADDR|SERVER|URL|URI|ENDPOINT|DSN|UPSTREAM|BACKEND).*");

  /**
   * Services a single value (an environment value, a command argument) refers to. A value that is
   * exactly a service name counts only for a variable named like a host ({@code REDIS_HOST}).
   */
  public static List<Hit> inValue(String name, String value, List<ServicePatterns> matchers) {
    boolean bareHostAllowed = name != null && HOST_VARIABLE.matcher(name).matches();
    // BASE_IMAGE=redis:7 names an image and its tag, not a host and port
    boolean hostPortAllowed = name == null || !name.toUpperCase(Locale.ROOT).contains("IMAGE");
    List<Hit> hits = new ArrayList<>();
    for (ServicePatterns m : matchers) {
      if (bareHostAllowed && value.strip().equals(m.service())
          || matchesLine(value, m, hostPortAllowed)) {
        hits.add(new Hit(m.service(), 0, excerpt(value)));
      }
    }
    return hits;
  }

  private static boolean matchesLine(String line, ServicePatterns m, boolean hostPortAllowed) {
    if (!line.contains(m.service())) {
      return false;
    }
    if (m.url().matcher(line).find() || m.upstream().matcher(line).find()) {
      return true;
    }
    Matcher hp = m.hostPort().matcher(line);
    return hostPortAllowed && hp.find() && !IMAGE_LINE.matcher(line).find();
  }

  private static String excerpt(String s) {
    return s.length() <= 80 ? s : s.substring(0, 77) + "...";
  }
}
