package dev.compose2eb.translate;

import dev.compose2eb.compose.model.Build;
import dev.compose2eb.compose.model.ContainerOptions;
import dev.compose2eb.compose.model.DependsOn;
import dev.compose2eb.compose.model.Deploy;
import dev.compose2eb.compose.model.Healthcheck;
import dev.compose2eb.compose.model.Link;
import dev.compose2eb.compose.model.PortMapping;
import dev.compose2eb.compose.model.Project;
import dev.compose2eb.compose.model.Resources;
import dev.compose2eb.compose.model.Service;
import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.compose.model.VolumeDef;
import dev.compose2eb.compose.model.VolumesFrom;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.SourceLocation;
import dev.compose2eb.yaml.Node;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Compose model records built in code, for translation tests that need no YAML. */
final class Models {
  static final Path DIR = Path.of("/work/app").toAbsolutePath();

  private Models() {}

  static SourceLocation at(int line) {
    return new SourceLocation("compose.yaml", line, 5);
  }

  static Svc svc(String name) {
    return new Svc(name);
  }

  static Project project(Svc... services) {
    return project(Map.of(), services);
  }

  static Project project(Map<String, VolumeDef> volumes, Svc... services) {
    List<Service> list = new ArrayList<>();
    for (Svc s : services) {
      list.add(s.build());
    }
    return new Project("app", DIR, List.of("compose.yaml"), list, List.of(), volumes, Map.of(),
        Map.of(), Map.of());
  }

  static PortMapping port(int target, String published, String protocol) {
    return new PortMapping(target, Optional.ofNullable(published), Optional.empty(), protocol,
        Optional.empty(), Optional.empty(), Optional.empty(), at(10));
  }

  static ServiceVolume bind(String written, String target, boolean readOnly) {
    String abs = written.startsWith("/") ? written : DIR.resolve(written).normalize().toString();
    return new ServiceVolume(ServiceVolume.Type.BIND, Optional.of(abs), Optional.of(written), target,
        readOnly, List.of(), Optional.empty(), at(20));
  }

  static ServiceVolume named(String name, String target) {
    return new ServiceVolume(ServiceVolume.Type.VOLUME, Optional.of(name), Optional.of(name), target,
        false, List.of(), Optional.empty(), at(21));
  }

  static ServiceVolume anonymous(String target) {
    return new ServiceVolume(ServiceVolume.Type.VOLUME, Optional.empty(), Optional.empty(), target,
        false, List.of(), Optional.empty(), at(22));
  }

  static ServiceVolume tmpfs(String target, Long size) {
    return new ServiceVolume(ServiceVolume.Type.TMPFS, Optional.empty(), Optional.empty(), target,
        false, List.of(), Optional.ofNullable(size), at(23));
  }

  static Healthcheck healthcheck(List<String> test, Duration interval, Duration timeout,
      Integer retries, Duration startPeriod) {
    return new Healthcheck(test, Optional.ofNullable(interval), Optional.ofNullable(timeout),
        Optional.ofNullable(retries), Optional.ofNullable(startPeriod), Optional.empty(), false);
  }

  static List<String> rendered(Diagnostics d) {
    return d.list().stream().map(x -> x.render()).toList();
  }

  /** A service with nothing but a name and an image, and setters for what a test needs. */
  static final class Svc {
    final String name;
    Optional<String> image = Optional.of("example/app:1.0");
    Optional<Build> build = Optional.empty();
    List<PortMapping> ports = new ArrayList<>();
    List<ServiceVolume> volumes = new ArrayList<>();
    List<VolumesFrom> volumesFrom = new ArrayList<>();
    Map<String, String> environment = new LinkedHashMap<>();
    Optional<List<String>> command = Optional.empty();
    Optional<List<String>> entrypoint = Optional.empty();
    Map<String, DependsOn> dependsOn = new LinkedHashMap<>();
    List<Link> links = new ArrayList<>();
    Optional<Healthcheck> healthcheck = Optional.empty();
    Optional<String> restart = Optional.empty();
    Resources resources = Resources.none();
    Optional<Deploy> deploy = Optional.empty();
    Optional<String> containerName = Optional.empty();
    List<String> tmpfs = new ArrayList<>();
    Map<String, Node> other = new LinkedHashMap<>();
    Map<String, Node> extensions = new LinkedHashMap<>();

    Svc(String name) {
      this.name = name;
    }

    Svc image(String v) {
      image = Optional.ofNullable(v);
      return this;
    }

    Svc build(String context) {
      build = Optional.of(new Build(context.contains("://") ? context : DIR.resolve(context).normalize().toString(),
          "Dockerfile", Optional.empty(), Map.of(), Optional.empty(), List.of(), List.of(), List.of(),
          Map.of(), List.of(), Optional.empty(), Map.of(), Build.Flags.none(), at(3)));
      return this;
    }

    Svc port(int target, String published) {
      ports.add(Models.port(target, published, "tcp"));
      return this;
    }

    Svc port(PortMapping p) {
      ports.add(p);
      return this;
    }

    Svc volume(ServiceVolume v) {
      volumes.add(v);
      return this;
    }

    Svc volumesFrom(String service, boolean readOnly) {
      volumesFrom.add(new VolumesFrom(service, false, readOnly, at(24)));
      return this;
    }

    Svc env(String k, String v) {
      environment.put(k, v);
      return this;
    }

    Svc command(String... args) {
      command = Optional.of(List.of(args));
      return this;
    }

    Svc dependsOn(String service, DependsOn.Condition c) {
      dependsOn.put(service, new DependsOn(service, c, false, true, at(30)));
      return this;
    }

    Svc dependsOn(String service) {
      return dependsOn(service, DependsOn.Condition.SERVICE_STARTED);
    }

    Svc link(String service, String alias) {
      links.add(new Link(service, Optional.ofNullable(alias), at(31)));
      return dependsOn(service); // as the loader does: a link implies depends_on
    }

    Svc healthcheck(Healthcheck h) {
      healthcheck = Optional.of(h);
      return this;
    }

    Svc restart(String v) {
      restart = Optional.of(v);
      return this;
    }

    Svc memory(Long limit, Long reservation) {
      resources = new Resources(Optional.ofNullable(limit), Optional.ofNullable(reservation),
          Optional.empty(), Optional.empty(), Optional.empty());
      return this;
    }

    Svc restartPolicy(String condition) {
      deploy = Optional.of(new Deploy(Optional.empty(), Optional.empty(),
          Optional.of(new Deploy.RestartPolicy(Optional.of(condition), Optional.empty(),
              Optional.empty(), Optional.empty())), Map.of()));
      return this;
    }

    Svc containerName(String v) {
      containerName = Optional.of(v);
      return this;
    }

    Svc tmpfs(String v) {
      tmpfs.add(v);
      return this;
    }

    Svc other(String key, Node n) {
      other.put(key, n);
      return this;
    }

    Service build() {
      ContainerOptions o = new ContainerOptions(Optional.empty(), Optional.empty(), Optional.empty(),
          containerName, Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
          Optional.empty(), List.of(), List.of(), List.of(), Map.of(), Optional.empty(),
          Optional.empty(), Optional.empty(), List.of(), List.of(), Optional.empty(), tmpfs, Map.of(),
          List.of());
      return new Service(name, at(2), image, build, ports, volumes, volumesFrom, environment,
          List.of(), command, entrypoint, dependsOn, links, healthcheck, restart, resources, deploy, o,
          Map.of(), List.of(), other, extensions, Map.of());
    }
  }

  /** Project files held in memory: path (relative to {@link #DIR}) to text; directories implied. */
  static ProjectFiles files(Map<String, String> texts) {
    Map<Path, String> byPath = new LinkedHashMap<>();
    texts.forEach((k, v) -> byPath.put(DIR.resolve(k), v));
    return new ProjectFiles() {
      @Override
      public Optional<String> readText(Path file) {
        return Optional.ofNullable(byPath.get(file));
      }

      @Override
      public List<Path> configFiles(Path dir) {
        return byPath.keySet().stream().filter(p -> p.startsWith(dir) && !p.equals(dir)).sorted().toList();
      }

      @Override
      public boolean exists(Path path) {
        return byPath.keySet().stream().anyMatch(p -> p.startsWith(path));
      }
    };
  }
}
