package dev.compose2eb.dockerrun;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Writes the canonical Dockerrun.aws.json: {@code AWSEBDockerrunVersion} (the integer 2), {@code
 * volumes}, {@code containerDefinitions}, {@code authentication}; container fields in the order name,
 * image, essential, memory, memoryReservation, cpu, portMappings, links, dependsOn, environment,
 * mountPoints, volumesFrom, command, entryPoint, workingDirectory, user, hostname, privileged,
 * readonlyRootFilesystem, interactive, pseudoTerminal, dockerLabels, dnsServers, dnsSearchDomains,
 * extraHosts, ulimits, logConfiguration, healthCheck, stopTimeout, linuxParameters, systemControls.
 * Absent and empty settings are left out, except an explicitly empty command or entryPoint. Two-space
 * indent, one array element per line, LF, a trailing newline: the same model always gives the same
 * bytes.
 */
public final class DockerrunWriter {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectWriter JSON = new ObjectMapper().writer(prettyPrinter());

  private DockerrunWriter() {}

  /** The file text for this model. */
  public static String write(Dockerrun dockerrun) {
    try {
      return JSON.writeValueAsString(tree(dockerrun)) + "\n";
    } catch (JsonProcessingException e) {
      // a tree of plain nodes always serialises; reaching here is a bug, not bad input
      throw new IllegalStateException("cannot serialise Dockerrun tree", e);
    }
  }

  /**
   * The layout of every JSON file the tool generates: two-space indent, one element per line, LF,
   * {@code "key": value}, empty objects and arrays as {@code {}} and {@code []}.
   */
  public static ObjectWriter canonicalJson() {
    return JSON;
  }

  private static DefaultPrettyPrinter prettyPrinter() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    Separators separators = Separators.createDefaultInstance()
        .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
        .withObjectEmptySeparator("")
        .withArrayEmptySeparator("");
    DefaultPrettyPrinter printer = new DefaultPrettyPrinter().withSeparators(separators);
    printer.indentObjectsWith(indenter);
    printer.indentArraysWith(indenter);
    return printer;
  }

  static ObjectNode tree(Dockerrun d) {
    ObjectNode root = NODES.objectNode();
    root.put("AWSEBDockerrunVersion", 2);
    if (!d.volumes().isEmpty()) {
      ArrayNode volumes = root.putArray("volumes");
      d.volumes().forEach(v -> volumes.add(volume(v)));
    }
    ArrayNode containers = root.putArray("containerDefinitions");
    d.containerDefinitions().forEach(c -> containers.add(container(c)));
    d.authentication().ifPresent(a -> {
      ObjectNode auth = root.putObject("authentication");
      auth.put("bucket", a.bucket());
      auth.put("key", a.key());
    });
    return root;
  }

  private static ObjectNode volume(Volume v) {
    ObjectNode node = NODES.objectNode();
    node.put("name", v.name());
    v.host().ifPresent(h -> node.putObject("host").put("sourcePath", h.sourcePath()));
    return node;
  }

  private static ObjectNode container(ContainerDefinition c) {
    ObjectNode n = NODES.objectNode();
    n.put("name", c.name());
    n.put("image", c.image());
    n.put("essential", c.essential());
    c.memory().ifPresent(v -> n.put("memory", v));
    c.memoryReservation().ifPresent(v -> n.put("memoryReservation", v));
    c.cpu().ifPresent(v -> n.put("cpu", v));
    objects(n, "portMappings", c.portMappings(), p -> {
      ObjectNode o = NODES.objectNode();
      o.put("containerPort", p.containerPort());
      p.hostPort().ifPresent(h -> o.put("hostPort", h));
      o.put("protocol", p.protocol());
      return o;
    });
    strings(n, "links", c.links());
    objects(n, "dependsOn", c.dependsOn(), dep -> NODES.objectNode()
        .put("containerName", dep.containerName()).put("condition", dep.condition()));
    objects(n, "environment", c.environment(), kv -> NODES.objectNode()
        .put("name", kv.name()).put("value", kv.value()));
    objects(n, "mountPoints", c.mountPoints(), m -> NODES.objectNode()
        .put("sourceVolume", m.sourceVolume())
        .put("containerPath", m.containerPath())
        .put("readOnly", m.readOnly()));
    objects(n, "volumesFrom", c.volumesFrom(), v -> NODES.objectNode()
        .put("sourceContainer", v.sourceContainer()).put("readOnly", v.readOnly()));
    c.command().ifPresent(cmd -> n.set("command", stringArray(cmd)));
    c.entryPoint().ifPresent(ep -> n.set("entryPoint", stringArray(ep)));
    c.workingDirectory().ifPresent(v -> n.put("workingDirectory", v));
    c.user().ifPresent(v -> n.put("user", v));
    c.hostname().ifPresent(v -> n.put("hostname", v));
    c.privileged().ifPresent(v -> n.put("privileged", v));
    c.readonlyRootFilesystem().ifPresent(v -> n.put("readonlyRootFilesystem", v));
    c.interactive().ifPresent(v -> n.put("interactive", v));
    c.pseudoTerminal().ifPresent(v -> n.put("pseudoTerminal", v));
    if (!c.dockerLabels().isEmpty()) {
      n.set("dockerLabels", stringMap(c.dockerLabels()));
    }
    strings(n, "dnsServers", c.dnsServers());
    strings(n, "dnsSearchDomains", c.dnsSearchDomains());
    objects(n, "extraHosts", c.extraHosts(), h -> NODES.objectNode()
        .put("hostname", h.hostname()).put("ipAddress", h.ipAddress()));
    objects(n, "ulimits", c.ulimits(), u -> NODES.objectNode()
        .put("name", u.name()).put("softLimit", u.softLimit()).put("hardLimit", u.hardLimit()));
    c.logConfiguration().ifPresent(l -> {
      ObjectNode o = n.putObject("logConfiguration");
      o.put("logDriver", l.logDriver());
      if (!l.options().isEmpty()) {
        o.set("options", stringMap(l.options()));
      }
    });
    c.healthCheck().ifPresent(h -> {
      ObjectNode o = n.putObject("healthCheck");
      o.set("command", stringArray(h.command()));
      h.interval().ifPresent(v -> o.put("interval", v));
      h.timeout().ifPresent(v -> o.put("timeout", v));
      h.retries().ifPresent(v -> o.put("retries", v));
      h.startPeriod().ifPresent(v -> o.put("startPeriod", v));
    });
    c.stopTimeout().ifPresent(v -> n.put("stopTimeout", v));
    c.linuxParameters().filter(lp -> !lp.isEmpty()).ifPresent(lp -> n.set("linuxParameters",
        linuxParameters(lp)));
    objects(n, "systemControls", c.systemControls(), s -> NODES.objectNode()
        .put("namespace", s.namespace()).put("value", s.value()));
    return n;
  }

  private static ObjectNode linuxParameters(LinuxParameters lp) {
    ObjectNode o = NODES.objectNode();
    if (!lp.capabilitiesAdd().isEmpty() || !lp.capabilitiesDrop().isEmpty()) {
      ObjectNode caps = o.putObject("capabilities");
      strings(caps, "add", lp.capabilitiesAdd());
      strings(caps, "drop", lp.capabilitiesDrop());
    }
    lp.initProcessEnabled().ifPresent(v -> o.put("initProcessEnabled", v));
    lp.sharedMemorySize().ifPresent(v -> o.put("sharedMemorySize", v));
    objects(o, "tmpfs", lp.tmpfs(), t -> {
      ObjectNode tn = NODES.objectNode();
      tn.put("containerPath", t.containerPath());
      tn.put("size", t.size());
      strings(tn, "mountOptions", t.mountOptions());
      return tn;
    });
    return o;
  }

  private static <T> void objects(ObjectNode parent, String key, List<T> items,
      Function<T, ObjectNode> toNode) {
    if (!items.isEmpty()) {
      ArrayNode array = parent.putArray(key);
      items.forEach(i -> array.add(toNode.apply(i)));
    }
  }

  private static void strings(ObjectNode parent, String key, List<String> items) {
    if (!items.isEmpty()) {
      parent.set(key, stringArray(items));
    }
  }

  private static ArrayNode stringArray(List<String> items) {
    ArrayNode array = NODES.arrayNode();
    items.forEach(array::add);
    return array;
  }

  private static ObjectNode stringMap(Map<String, String> map) {
    ObjectNode o = NODES.objectNode();
    map.forEach(o::put); // the model keeps these maps sorted
    return o;
  }
}
