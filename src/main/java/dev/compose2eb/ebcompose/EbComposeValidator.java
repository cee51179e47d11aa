package dev.compose2eb.ebcompose;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.plan.SecretPlan;
import dev.compose2eb.plan.SecretRule;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import dev.compose2eb.yaml.YamlReader;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a docker-compose.yml meant for Elastic Beanstalk's Docker platform (hand-written or
 * generated) for what breaks there: images built on every instance, nothing on host port 80,
 * secrets in the file, host paths outside the bundle. Reads the file as written, without loading
 * its env files: on EB the {@code .env} it names is written by the platform at deploy time.
 */
public final class EbComposeValidator {
  /** Host paths that exist on every instance, and EB's own log directory for compose services. */
  private static final Set<String> INSTANCE_PATHS = Set.of("/var/run/docker.sock", "/etc/localtime",
      "/etc/timezone", "/var/log", "/proc", "/sys", "/dev", "/tmp", "/etc/hosts", "/run",
      EbComposeWriter.LOG_ROOT, SecretPlan.HOST_DIR); // the secrets hook creates the last
  /** A short port: [IP:]HOST:CONTAINER[/PROTO], where HOST may be a range. */
  private static final Pattern SHORT_PORT = Pattern.compile(
      "^(?:(?:\\[[^\\]]*\\]|[0-9.]+):)?([0-9]+)(?:-([0-9]+))?:[0-9]+(?:-[0-9]+)?(?:/\\w+)?$");

  private final String file;
  private final Diagnostics diags = new Diagnostics();

  private EbComposeValidator(String file) {
    this.file = file;
  }

  /** Every problem found; errors mean EB would not run the file as meant. */
  public static List<Diagnostic> validate(String file, String text) {
    EbComposeValidator v = new EbComposeValidator(file);
    List<Node> docs = YamlReader.read(file, text, v.diags);
    if (v.diags.hasErrors()) {
      return v.diags.list();
    }
    if (docs.isEmpty() || !(docs.get(0) instanceof MapNode root)) {
      v.diags.error(SourceLocation.ofFile(file), "", "not a compose file: the top level must be a"
          + " mapping with services", "e.g. services: {web: {image: nginx, ports: [\"80:80\"]}}");
      return v.diags.list();
    }
    v.check(root);
    return v.diags.list();
  }

  private void check(MapNode root) {
    if (!(root.get("services") instanceof MapNode services) || services.size() == 0) {
      diags.error(SourceLocation.ofFile(file), "services", "no services", "define the services to run");
      return;
    }
    boolean port80 = false;
    for (Map.Entry<String, Node> e : services.entries().entrySet()) {
      if (!(e.getValue() instanceof MapNode s)) {
        continue;
      }
      String path = "services." + e.getKey();
      if (s.has("build")) {
        diags.warning(s.keyLocation("build"), path + ".build", "build: makes every instance build"
                + " the image when it starts (slow, and small instances run out of memory)",
            "push the image to ECR and name it in image: (compose2eb convert --platform docker"
                + " --registry ... does)");
      }
      if (s.get("image") == null && !s.has("build")) {
        diags.error(services.keyLocation(e.getKey()), path, "no image", "give image:");
      }
      port80 |= publishes80(s.get("ports"));
      environment(s.get("environment"), path + ".environment");
      volumes(s.get("volumes"), path + ".volumes");
    }
    if (!port80) {
      diags.warning(root.keyLocation("services"), "services", "no service publishes host port 80,"
              + " where Elastic Beanstalk's load balancer sends the traffic",
          "publish the entry service's port as \"80:<port>\"");
    }
    if (root.get("secrets") instanceof MapNode secrets) {
      for (Map.Entry<String, Node> e : secrets.entries().entrySet()) {
        if (e.getValue() instanceof MapNode def && def.has("file")) {
          diags.error(def.keyLocation("file"), "secrets." + e.getKey() + ".file", "secret "
                  + e.getKey() + " is read from a file, which must then be in the source bundle",
              "set it as an Elastic Beanstalk environment property and read it from .env");
        }
      }
    }
  }

  private static boolean publishes80(Node ports) {
    if (!(ports instanceof SeqNode seq)) {
      return false;
    }
    for (Node p : seq.items()) {
      if (p instanceof ScalarNode sc) {
        Matcher m = SHORT_PORT.matcher(sc.asText().trim());
        if (m.matches()) {
          int from = Integer.parseInt(m.group(1));
          int to = m.group(2) == null ? from : Integer.parseInt(m.group(2));
          if (from <= 80 && 80 <= to) {
            return true;
          }
        }
      } else if (p instanceof MapNode m && m.get("published") instanceof ScalarNode pub
          && pub.asText().trim().matches("80(-\\d+)?|\\d+-\\d+") && rangeHas80(pub.asText().trim())) {
        return true;
      }
    }
    return false;
  }

  private static boolean rangeHas80(String published) {
    String[] r = published.split("-");
    int from = Integer.parseInt(r[0]);
    int to = r.length > 1 ? Integer.parseInt(r[1]) : from;
    return from <= 80 && 80 <= to;
  }

  /** Literal values of secret-looking names are in the bundle; ${VAR} references are not. */
  private void environment(Node env, String path) {
    if (env instanceof MapNode m) {
      for (Map.Entry<String, Node> e : m.entries().entrySet()) {
        if (e.getValue() instanceof ScalarNode v && !v.isNull()) {
          secret(e.getKey(), v.asText(), m.keyLocation(e.getKey()), path);
        }
      }
    } else if (env instanceof SeqNode s) {
      for (Node item : s.items()) {
        if (item instanceof ScalarNode v && v.asText().contains("=")) {
          String t = v.asText();
          secret(t.substring(0, t.indexOf('=')), t.substring(t.indexOf('=') + 1), v.location(), path);
        }
      }
    }
  }

  private void secret(String name, String value, SourceLocation at, String path) {
    if (!value.startsWith("$") && SecretRule.reason(name, value).isPresent()) {
      diags.warning(at, path + "." + name, "the value of " + name + " looks secret and is stored in"
              + " the file, inside the source bundle",
          "set it as an Elastic Beanstalk environment property and read it with env_file: [.env]");
    }
  }

  private void volumes(Node volumes, String path) {
    if (!(volumes instanceof SeqNode seq)) {
      return;
    }
    for (Node v : seq.items()) {
      String source = null;
      if (v instanceof ScalarNode sc && sc.asText().contains(":")) {
        source = sc.asText().substring(0, sc.asText().indexOf(':'));
      } else if (v instanceof MapNode m && m.get("type") instanceof ScalarNode t
          && t.asText().equals("bind") && m.get("source") instanceof ScalarNode src) {
        source = src.asText();
      }
      if (source != null) {
        bind(source, v.location(), path);
      }
    }
  }

  private void bind(String source, SourceLocation at, String path) {
    if (source.startsWith("~") || source.equals("..") || source.startsWith("../")
        || source.contains("/../")) {
      diags.error(at, path, "bind source \"" + source + "\" is outside the bundle,"
              + " whose root is the compose file's directory on the instance (/var/app/current)",
          "put the files in the bundle and mount ./relative/path");
    } else if (source.startsWith("/") && INSTANCE_PATHS.stream()
        .noneMatch(w -> source.equals(w) || source.startsWith(w + "/"))) {
      diags.warning(at, path, "host path " + source + " is outside the bundle: it must"
              + " exist on every Elastic Beanstalk instance",
          "put the files in the bundle and mount ./relative/path, or create the path with"
              + " .ebextensions or a .platform hook");
    }
  }
}
