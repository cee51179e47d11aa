package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.NetworkDef;
import dev.compose2eb.compose.model.VolumeDef;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Top-level {@code volumes}, {@code networks}, and the keys kept as written. */
final class TopLevel {
  private final NodeReader in;

  TopLevel(NodeReader in) {
    this.in = in;
  }

  /** A resource's {@code external}: a boolean, or the deprecated {@code {name: x}}. */
  private record External(boolean external, Optional<String> name) {}

  Map<String, VolumeDef> volumes(Node node) {
    Map<String, VolumeDef> out = new LinkedHashMap<>();
    in.map(node, "volumes", "volumes: {data: {}}").ifPresent(m -> m.entries().forEach((key, v) -> {
      String p = "volumes." + key;
      MapNode def = body(v, p, Keys.TOP_VOLUME);
      if (def == null) {
        return;
      }
      External ext = external(def, p, "volume");
      Optional<String> name = in.string(def.get("name"), p + ".name", "name: my-data");
      Map<String, String> driverOpts = new LinkedHashMap<>();
      in.map(def.get("driver_opts"), p + ".driver_opts", "driver_opts: {type: nfs}").ifPresent(o ->
          o.entries().forEach((k, val) -> in.text(val, p + ".driver_opts." + k, "type: nfs").ifPresent(t -> driverOpts.put(k, t))));
      out.put(key, new VolumeDef(key, name.or(ext::name), ext.external(),
          in.string(def.get("driver"), p + ".driver", "driver: local"), driverOpts,
          in.stringMap(def.get("labels"), p + ".labels", "labels: {team: web}"), m.keyLocation(key)));
    }));
    return out;
  }

  Map<String, NetworkDef> networks(Node node) {
    Map<String, NetworkDef> out = new LinkedHashMap<>();
    in.map(node, "networks", "networks: {back: {}}").ifPresent(m -> m.entries().forEach((key, v) -> {
      String p = "networks." + key;
      MapNode def = body(v, p, Keys.TOP_NETWORK);
      if (def == null) {
        return;
      }
      External ext = external(def, p, "network");
      for (String flag : new String[] {"internal", "attachable", "enable_ipv4", "enable_ipv6"}) {
        in.bool(def.get(flag), p + "." + flag, flag + ": true");
      }
      Optional<String> name = in.string(def.get("name"), p + ".name", "name: my-net");
      out.put(key, new NetworkDef(key, name.or(ext::name), ext.external(),
          in.string(def.get("driver"), p + ".driver", "driver: bridge"), m.keyLocation(key)));
    }));
    return out;
  }

  /** secrets, configs, models (checked, kept as written). */
  Map<String, Node> other(MapNode root) {
    check(root.get("secrets"), "secrets", Keys.SECRET);
    check(root.get("configs"), "configs", Keys.CONFIG);
    Map<String, Node> out = new LinkedHashMap<>();
    for (String key : new String[] {"secrets", "configs", "models", "include"}) {
      if (root.has(key)) {
        out.put(key, root.get(key));
      }
    }
    return out;
  }

  private void check(Node node, String path, Set<String> keys) {
    in.map(node, path, path + ": {name: {file: ./x}}").ifPresent(m -> m.entries().forEach((k, v) ->
        in.map(v, path + "." + k, "{file: ./x}").ifPresent(def -> in.checkKeys(def, path + "." + k, keys))));
  }

  /** A null body means all defaults. */
  private MapNode body(Node v, String path, Set<String> keys) {
    if (NodeReader.isNull(v)) {
      return MapNode.empty(v.location());
    }
    MapNode def = in.map(v, path, "{}").orElse(null);
    if (def != null) {
      in.checkKeys(def, path, keys);
    }
    return def;
  }

  private External external(MapNode def, String path, String kind) {
    Node ext = def.get("external");
    if (ext instanceof MapNode m) {
      in.checkKeys(m, path + ".external", Keys.EXTERNAL);
      Optional<String> name = in.string(m.get("name"), path + ".external.name", "name: shared");
      name.ifPresent(n -> in.diags.warning(def.keyLocation("external"), path + ".external",
          "external.name is deprecated; set name: " + n + " and external: true", ""));
      if (name.isPresent() && def.has("name") && !NodeReader.isNull(def.get("name"))) {
        in.error(ext, path, "can't use both '" + kind + "s.external.name' (deprecated) and '" + kind + "s.name'",
            "keep only name:");
      }
      return new External(true, name);
    }
    if (ext instanceof ScalarNode) {
      return new External(in.bool(ext, path + ".external", "external: true").orElse(false), Optional.empty());
    }
    return new External(false, Optional.empty());
  }
}
