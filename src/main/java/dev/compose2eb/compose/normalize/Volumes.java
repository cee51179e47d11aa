package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.compose.model.ServiceVolume.Type;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

/**
 * A service's {@code volumes} in both syntaxes, to long form, like compose-go's
 * {@code format.ParseVolume} plus its path resolution. Options the model has no field for are
 * kept as words in {@link ServiceVolume#options()}: a propagation ({@code rshared}), {@code z} or
 * {@code Z}, {@code nocopy}, {@code create_host_path}, {@code subpath=...}, {@code mode=...},
 * {@code consistency=...}, {@code labels} (for {@code volume.labels}), and in the short form any
 * other word, which compose-go ignores.
 */
final class Volumes {
  static final String CREATE_HOST_PATH = "create_host_path";
  /** The option word for {@code volume.labels}, which the model does not keep. */
  static final String LABELS = "labels";
  private static final Set<String> PROPAGATIONS =
      Set.of("rprivate", "private", "rshared", "shared", "rslave", "slave");

  private final NodeReader in;
  private final HostPaths paths;

  Volumes(NodeReader in, HostPaths paths) {
    this.in = in;
    this.paths = paths;
  }

  List<ServiceVolume> read(Node node, String path) {
    List<ServiceVolume> out = new ArrayList<>();
    for (NodeReader.Item each : in.items(node, path, "volumes: [\"./data:/data\"]")) {
      Node item = each.node();
      String at = each.path();
      if (item instanceof MapNode m) {
        longForm(m, at).ifPresent(out::add);
      } else if (item instanceof ScalarNode s && s.isString()) {
        shortForm((String) s.value(), item, at).ifPresent(out::add);
      } else {
        in.typeError(item, at, "a volume string or a mapping", "\"./data:/var/lib/data:ro\"");
      }
    }
    return out;
  }

  private Optional<ServiceVolume> shortForm(String spec, Node at, String path) {
    Optional<Parsed> parsed;
    try {
      parsed = Optional.of(parse(spec));
    } catch (IllegalArgumentException e) {
      in.error(at, path, "invalid volume " + NodeReader.quote(spec) + ": " + e.getMessage(),
          "expected [SOURCE:]TARGET[:OPTIONS], e.g. \"./data:/var/lib/data:ro\"");
      return Optional.empty();
    }
    Parsed p = parsed.get();
    String target = HostPaths.clean(p.target);
    if (p.source.isEmpty()) {
      return Optional.of(new ServiceVolume(Type.VOLUME, Optional.empty(), Optional.empty(), target,
          p.readOnly, p.options, Optional.empty(), at.location()));
    }
    if (isFilePath(p.source)) {
      List<String> options = new ArrayList<>(p.options);
      options.add(CREATE_HOST_PATH); // the short syntax creates a missing host path, as docker-compose v1 did
      return Optional.of(new ServiceVolume(Type.BIND, Optional.of(paths.resolve(p.source)),
          Optional.of(p.source), target, p.readOnly, options, Optional.empty(), at.location()));
    }
    return Optional.of(new ServiceVolume(Type.VOLUME, Optional.of(p.source), Optional.of(p.source),
        target, p.readOnly, p.options, Optional.empty(), at.location()));
  }

  record Parsed(String source, String target, boolean readOnly, List<String> options) {}

  /** Splits {@code [source:]target[:opts]}, keeping a drive letter ({@code C:}) with its path. */
  static Parsed parse(String spec) {
    if (spec.isEmpty()) {
      throw new IllegalArgumentException("empty volume spec");
    }
    if (spec.length() <= 2) {
      return new Parsed("", spec, false, List.of());
    }
    List<String> fields = new ArrayList<>();
    StringBuilder buffer = new StringBuilder();
    int depth = 0; // inside ${...}, where colons belong to the expression
    for (int i = 0; i <= spec.length(); i++) {
      boolean end = i == spec.length();
      char c = end ? 0 : spec.charAt(i);
      if (!end && c == '$' && i + 1 < spec.length() && spec.charAt(i + 1) == '{') {
        depth++;
        buffer.append(c);
        continue;
      }
      if (!end && c == '}' && depth > 0) {
        depth--;
        buffer.append(c);
        continue;
      }
      if (!end && c == ':' && buffer.length() == 1 && Character.isLetter(buffer.charAt(0))) {
        buffer.append(c);
      } else if ((end || c == ':') && depth == 0) {
        if (buffer.length() == 0) {
          throw new IllegalArgumentException("empty section between colons");
        }
        if (fields.size() == 2 && !end) {
          throw new IllegalArgumentException("too many colons");
        }
        fields.add(buffer.toString());
        buffer.setLength(0);
      } else {
        buffer.append(c);
      }
    }
    if (fields.size() == 1) {
      return new Parsed("", fields.get(0), false, List.of());
    }
    boolean readOnly = false;
    List<String> options = new ArrayList<>();
    if (fields.size() == 3) {
      for (String option : fields.get(2).split(",")) {
        switch (option) {
          case "ro" -> readOnly = true;
          case "rw" -> readOnly = false;
          case "nocopy", "z", "Z" -> options.add(option);
          default -> {
            // compose-go drops any other option silently; kept here so that the translation reports it
            if (!option.isEmpty()) {
              options.add(option);
            }
          }
        }
      }
    }
    return new Parsed(fields.get(0), fields.get(1), readOnly, options);
  }

  /** A source starting with {@code .}, {@code /}, {@code ~}, {@code \\} or a drive letter is a host path. */
  static boolean isFilePath(String source) {
    if (source.isEmpty()) {
      return false;
    }
    char c = source.charAt(0);
    if (c == '.' || c == '/' || c == '~' || source.startsWith("\\\\")) {
      return true;
    }
    return source.length() >= 2 && Character.isLetter(c) && source.charAt(1) == ':';
  }

  private Optional<ServiceVolume> longForm(MapNode m, String path) {
    in.checkKeys(m, path, Keys.VOLUME_MOUNT);
    Optional<String> typeText = in.string(m.get("type"), path + ".type", "type: bind");
    if (typeText.isEmpty()) {
      if (NodeReader.isNull(m.get("type"))) {
        in.error(m, path, "a volume in long form needs a type", "one of bind, volume, tmpfs, npipe, cluster, image");
      }
      return Optional.empty();
    }
    Optional<Type> type = java.util.Arrays.stream(Type.values()).filter(t -> t.yaml().equals(typeText.get())).findFirst();
    if (type.isEmpty()) {
      in.error(m.get("type"), path + ".type", "invalid volume type " + NodeReader.quote(typeText.get()),
          "one of bind, volume, tmpfs, npipe, cluster, image");
      return Optional.empty();
    }
    Optional<String> source = in.string(m.get("source"), path + ".source", "source: ./data");
    Optional<String> targetText = in.string(m.get("target"), path + ".target", "target: /data");
    if (targetText.isEmpty()) {
      if (NodeReader.isNull(m.get("target"))) {
        in.error(m, path, "a volume in long form needs a target", "e.g. target: /var/lib/data");
      }
      return Optional.empty();
    }
    boolean readOnly = in.bool(m.get("read_only"), path + ".read_only", "read_only: true").orElse(false);
    List<String> options = new ArrayList<>();
    in.string(m.get("consistency"), path + ".consistency", "consistency: cached")
        .ifPresent(c -> options.add("consistency=" + c));
    in.map(m.get("bind"), path + ".bind", "bind: {propagation: rshared}").ifPresent(b -> {
      in.checkKeys(b, path + ".bind", Keys.VOLUME_BIND);
      in.string(b.get("propagation"), path + ".bind.propagation", "propagation: rshared").ifPresent(p -> {
        if (PROPAGATIONS.contains(p)) {
          options.add(p);
        } else {
          in.error(b.get("propagation"), path + ".bind.propagation", "invalid propagation " + NodeReader.quote(p),
              "one of rprivate, private, rshared, shared, rslave, slave");
        }
      });
      if (in.bool(b.get("create_host_path"), path + ".bind.create_host_path", "create_host_path: true").orElse(false)) {
        options.add(CREATE_HOST_PATH);
      }
      in.string(b.get("selinux"), path + ".bind.selinux", "selinux: z").ifPresent(s -> {
        if (s.equals("z") || s.equals("Z")) {
          options.add(s);
        } else {
          in.error(b.get("selinux"), path + ".bind.selinux", "invalid selinux option " + NodeReader.quote(s), "z or Z");
        }
      });
      in.string(b.get("recursive"), path + ".bind.recursive", "recursive: enabled")
          .ifPresent(r -> options.add("recursive=" + r));
    });
    in.map(m.get("volume"), path + ".volume", "volume: {nocopy: true}").ifPresent(v -> {
      in.checkKeys(v, path + ".volume", Keys.VOLUME_VOLUME);
      if (in.bool(v.get("nocopy"), path + ".volume.nocopy", "nocopy: true").orElse(false)) {
        options.add("nocopy");
      }
      in.string(v.get("subpath"), path + ".volume.subpath", "subpath: sub").ifPresent(s -> options.add("subpath=" + s));
      if (!in.stringMap(v.get("labels"), path + ".volume.labels", "labels: {a: b}").isEmpty()) {
        options.add(LABELS);
      }
    });
    in.map(m.get("image"), path + ".image", "image: {subpath: sub}").ifPresent(v -> {
      in.checkKeys(v, path + ".image", Keys.VOLUME_IMAGE);
      in.string(v.get("subpath"), path + ".image.subpath", "subpath: sub").ifPresent(s -> options.add("subpath=" + s));
    });
    OptionalLong[] tmpfsSize = {OptionalLong.empty()};
    in.map(m.get("tmpfs"), path + ".tmpfs", "tmpfs: {size: 64m}").ifPresent(t -> {
      in.checkKeys(t, path + ".tmpfs", Keys.VOLUME_TMPFS);
      tmpfsSize[0] = new SizeReader(in).read(t.get("size"), path + ".tmpfs.size", "size: 64m");
      in.text(t.get("mode"), path + ".tmpfs.mode", "mode: 1777").ifPresent(mode -> options.add("mode=" + mode));
    });
    String target = HostPaths.clean(targetText.get());
    SourceLocation at = m.location();
    Optional<Long> size = tmpfsSize[0].isPresent() ? Optional.of(tmpfsSize[0].getAsLong()) : Optional.empty();
    switch (type.get()) {
      case BIND -> {
        if (source.isEmpty() || source.get().isEmpty()) {
          in.error(m, path, "invalid mount config for type \"bind\": field Source must not be empty",
              "e.g. source: ./data");
          return Optional.empty();
        }
        return Optional.of(new ServiceVolume(Type.BIND, Optional.of(paths.resolve(source.get())), source,
            target, readOnly, options, size, at));
      }
      case TMPFS -> {
        if (source.isPresent() && !source.get().isEmpty()) {
          in.error(m.get("source"), path + ".source", "a tmpfs mount has no source", "remove source");
          return Optional.empty();
        }
        return Optional.of(new ServiceVolume(Type.TMPFS, Optional.empty(), Optional.empty(), target,
            readOnly, options, size, at));
      }
      default -> {
        Optional<String> src = source.filter(s -> !s.isEmpty());
        return Optional.of(new ServiceVolume(type.get(), src, src, target, readOnly, options, size, at));
      }
    }
  }
}
