package dev.compose2eb.dockerrun;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes the canonical Dockerrun.aws.json: {@code AWSEBDockerrunVersion} (the integer 2), {@code
 * executionRoleArn}, {@code volumes}, {@code containerDefinitions}, {@code authentication}; container fields in the order name,
 * image, essential, memory, memoryReservation, cpu, portMappings, links, dependsOn, environment,
 * mountPoints, volumesFrom, command, entryPoint, workingDirectory, user, hostname, privileged,
 * readonlyRootFilesystem, interactive, pseudoTerminal, dockerLabels, dnsServers, dnsSearchDomains,
 * extraHosts, ulimits, logConfiguration, healthCheck, stopTimeout, linuxParameters, systemControls.
 * Absent and empty settings are left out, except an explicitly empty command or entryPoint. The
 * layout of {@link PrettyJson}: the same model always gives the same bytes.
 */
public final class DockerrunWriter {
  private DockerrunWriter() {}

  /**
   * The layout of every JSON file the tool generates ({@link PrettyJson}) as a databind writer, for
   * writers that build a JSON tree. Made on first use, so that a convert without such a file never
   * sets up an ObjectMapper.
   */
  public static ObjectWriter canonicalJson() {
    return Canonical.JSON;
  }

  private static final class Canonical {
    static final ObjectWriter JSON = new ObjectMapper().writer(PrettyJson.printer());
  }

  /** The file text for this model. */
  public static String write(Dockerrun d) {
    return PrettyJson.write(g -> {
      g.writeStartObject();
      g.writeNumberField("AWSEBDockerrunVersion", 2);
      if (d.executionRoleArn().isPresent()) {
        g.writeStringField("executionRoleArn", d.executionRoleArn().get());
      }
      if (!d.volumes().isEmpty()) {
        g.writeArrayFieldStart("volumes");
        for (Volume v : d.volumes()) {
          g.writeStartObject();
          g.writeStringField("name", v.name());
          if (v.host().isPresent()) {
            g.writeObjectFieldStart("host");
            g.writeStringField("sourcePath", v.host().get().sourcePath());
            g.writeEndObject();
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeArrayFieldStart("containerDefinitions");
      for (ContainerDefinition c : d.containerDefinitions()) {
        container(g, c);
      }
      g.writeEndArray();
      if (d.authentication().isPresent()) {
        g.writeObjectFieldStart("authentication");
        g.writeStringField("bucket", d.authentication().get().bucket());
        g.writeStringField("key", d.authentication().get().key());
        g.writeEndObject();
      }
      g.writeEndObject();
    });
  }

  private static void container(JsonGenerator g, ContainerDefinition c) throws IOException {
    g.writeStartObject();
    g.writeStringField("name", c.name());
    g.writeStringField("image", c.image());
    g.writeBooleanField("essential", c.essential());
    number(g, "memory", c.memory());
    number(g, "memoryReservation", c.memoryReservation());
    number(g, "cpu", c.cpu());
    if (!c.portMappings().isEmpty()) {
      g.writeArrayFieldStart("portMappings");
      for (PortMapping p : c.portMappings()) {
        g.writeStartObject();
        g.writeNumberField("containerPort", p.containerPort());
        number(g, "hostPort", p.hostPort());
        g.writeStringField("protocol", p.protocol());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    strings(g, "links", c.links());
    if (!c.dependsOn().isEmpty()) {
      g.writeArrayFieldStart("dependsOn");
      for (ContainerDependency dep : c.dependsOn()) {
        g.writeStartObject();
        g.writeStringField("containerName", dep.containerName());
        g.writeStringField("condition", dep.condition());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (!c.environment().isEmpty()) {
      g.writeArrayFieldStart("environment");
      for (KeyValue kv : c.environment()) {
        g.writeStartObject();
        g.writeStringField("name", kv.name());
        g.writeStringField("value", kv.value());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (!c.mountPoints().isEmpty()) {
      g.writeArrayFieldStart("mountPoints");
      for (MountPoint m : c.mountPoints()) {
        g.writeStartObject();
        g.writeStringField("sourceVolume", m.sourceVolume());
        g.writeStringField("containerPath", m.containerPath());
        g.writeBooleanField("readOnly", m.readOnly());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (!c.volumesFrom().isEmpty()) {
      g.writeArrayFieldStart("volumesFrom");
      for (VolumeFrom v : c.volumesFrom()) {
        g.writeStartObject();
        g.writeStringField("sourceContainer", v.sourceContainer());
        g.writeBooleanField("readOnly", v.readOnly());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (c.command().isPresent()) {
      stringArray(g, "command", c.command().get()); // an explicitly empty one is kept
    }
    if (c.entryPoint().isPresent()) {
      stringArray(g, "entryPoint", c.entryPoint().get());
    }
    string(g, "workingDirectory", c.workingDirectory());
    string(g, "user", c.user());
    string(g, "hostname", c.hostname());
    bool(g, "privileged", c.privileged());
    bool(g, "readonlyRootFilesystem", c.readonlyRootFilesystem());
    bool(g, "interactive", c.interactive());
    bool(g, "pseudoTerminal", c.pseudoTerminal());
    stringMap(g, "dockerLabels", c.dockerLabels());
    strings(g, "dnsServers", c.dnsServers());
    strings(g, "dnsSearchDomains", c.dnsSearchDomains());
    if (!c.extraHosts().isEmpty()) {
      g.writeArrayFieldStart("extraHosts");
      for (HostEntry h : c.extraHosts()) {
        g.writeStartObject();
        g.writeStringField("hostname", h.hostname());
        g.writeStringField("ipAddress", h.ipAddress());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (!c.ulimits().isEmpty()) {
      g.writeArrayFieldStart("ulimits");
      for (Ulimit u : c.ulimits()) {
        g.writeStartObject();
        g.writeStringField("name", u.name());
        g.writeNumberField("softLimit", u.softLimit());
        g.writeNumberField("hardLimit", u.hardLimit());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    if (c.logConfiguration().isPresent()) {
      LogConfiguration l = c.logConfiguration().get();
      g.writeObjectFieldStart("logConfiguration");
      g.writeStringField("logDriver", l.logDriver());
      stringMap(g, "options", l.options());
      g.writeEndObject();
    }
    if (c.healthCheck().isPresent()) {
      HealthCheck h = c.healthCheck().get();
      g.writeObjectFieldStart("healthCheck");
      stringArray(g, "command", h.command());
      number(g, "interval", h.interval());
      number(g, "timeout", h.timeout());
      number(g, "retries", h.retries());
      number(g, "startPeriod", h.startPeriod());
      g.writeEndObject();
    }
    number(g, "stopTimeout", c.stopTimeout());
    if (c.linuxParameters().isPresent() && !c.linuxParameters().get().isEmpty()) {
      linuxParameters(g, c.linuxParameters().get());
    }
    if (!c.systemControls().isEmpty()) {
      g.writeArrayFieldStart("systemControls");
      for (SystemControl s : c.systemControls()) {
        g.writeStartObject();
        g.writeStringField("namespace", s.namespace());
        g.writeStringField("value", s.value());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void linuxParameters(JsonGenerator g, LinuxParameters lp) throws IOException {
    g.writeObjectFieldStart("linuxParameters");
    if (!lp.capabilitiesAdd().isEmpty() || !lp.capabilitiesDrop().isEmpty()) {
      g.writeObjectFieldStart("capabilities");
      strings(g, "add", lp.capabilitiesAdd());
      strings(g, "drop", lp.capabilitiesDrop());
      g.writeEndObject();
    }
    bool(g, "initProcessEnabled", lp.initProcessEnabled());
    number(g, "sharedMemorySize", lp.sharedMemorySize());
    if (!lp.tmpfs().isEmpty()) {
      g.writeArrayFieldStart("tmpfs");
      for (Tmpfs t : lp.tmpfs()) {
        g.writeStartObject();
        g.writeStringField("containerPath", t.containerPath());
        g.writeNumberField("size", t.size());
        strings(g, "mountOptions", t.mountOptions());
        g.writeEndObject();
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private static void number(JsonGenerator g, String key, Optional<Integer> v) throws IOException {
    if (v.isPresent()) {
      g.writeNumberField(key, v.get());
    }
  }

  private static void string(JsonGenerator g, String key, Optional<String> v) throws IOException {
    if (v.isPresent()) {
      g.writeStringField(key, v.get());
    }
  }

  private static void bool(JsonGenerator g, String key, Optional<Boolean> v) throws IOException {
    if (v.isPresent()) {
      g.writeBooleanField(key, v.get());
    }
  }

  /** A non-empty list of strings; an empty one is left out. */
  private static void strings(JsonGenerator g, String key, List<String> items) throws IOException {
    if (!items.isEmpty()) {
      stringArray(g, key, items);
    }
  }

  private static void stringArray(JsonGenerator g, String key, List<String> items)
      throws IOException {
    g.writeArrayFieldStart(key);
    for (String s : items) {
      g.writeString(s);
    }
    g.writeEndArray();
  }

  /** A non-empty map of strings, in its own order (the model keeps these maps sorted). */
  private static void stringMap(JsonGenerator g, String key, Map<String, String> map)
      throws IOException {
    if (!map.isEmpty()) {
      g.writeObjectFieldStart(key);
      for (Map.Entry<String, String> e : map.entrySet()) {
        g.writeStringField(e.getKey(), e.getValue());
      }
      g.writeEndObject();
    }
  }
}
