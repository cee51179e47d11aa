package dev.compose2eb.dockerrun;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One ECS container definition, with the ECS field names. Absent optional settings are empty; {@code
 * command} and {@code entryPoint} distinguish "not set" (empty Optional) from "explicitly empty" (an
 * empty list, which overrides the image's default). Build one with {@link #builder(String, String)}.
 */
public record ContainerDefinition(
    String name,
    String image,
    boolean essential,
    Optional<Integer> memory,
    Optional<Integer> memoryReservation,
    Optional<Integer> cpu,
    List<PortMapping> portMappings,
    List<String> links,
    List<ContainerDependency> dependsOn,
    List<KeyValue> environment,
    List<MountPoint> mountPoints,
    List<VolumeFrom> volumesFrom,
    Optional<List<String>> command,
    Optional<List<String>> entryPoint,
    Optional<String> workingDirectory,
    Optional<String> user,
    Optional<String> hostname,
    Optional<Boolean> privileged,
    Optional<Boolean> readonlyRootFilesystem,
    Optional<Boolean> interactive,
    Optional<Boolean> pseudoTerminal,
    Map<String, String> dockerLabels,
    List<String> dnsServers,
    List<String> dnsSearchDomains,
    List<HostEntry> extraHosts,
    List<Ulimit> ulimits,
    Optional<LogConfiguration> logConfiguration,
    Optional<HealthCheck> healthCheck,
    Optional<Integer> stopTimeout,
    Optional<LinuxParameters> linuxParameters,
    List<SystemControl> systemControls) {

  public ContainerDefinition {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(memory, "memory");
    Objects.requireNonNull(memoryReservation, "memoryReservation");
    Objects.requireNonNull(cpu, "cpu");
    portMappings = List.copyOf(portMappings);
    links = List.copyOf(links);
    dependsOn = List.copyOf(dependsOn);
    environment = List.copyOf(environment);
    mountPoints = List.copyOf(mountPoints);
    volumesFrom = List.copyOf(volumesFrom);
    command = command.map(List::copyOf);
    entryPoint = entryPoint.map(List::copyOf);
    Objects.requireNonNull(workingDirectory, "workingDirectory");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(hostname, "hostname");
    Objects.requireNonNull(privileged, "privileged");
    Objects.requireNonNull(readonlyRootFilesystem, "readonlyRootFilesystem");
    Objects.requireNonNull(interactive, "interactive");
    Objects.requireNonNull(pseudoTerminal, "pseudoTerminal");
    dockerLabels = Collections.unmodifiableMap(new TreeMap<>(dockerLabels));
    dnsServers = List.copyOf(dnsServers);
    dnsSearchDomains = List.copyOf(dnsSearchDomains);
    extraHosts = List.copyOf(extraHosts);
    ulimits = List.copyOf(ulimits);
    Objects.requireNonNull(logConfiguration, "logConfiguration");
    Objects.requireNonNull(healthCheck, "healthCheck");
    Objects.requireNonNull(stopTimeout, "stopTimeout");
    Objects.requireNonNull(linuxParameters, "linuxParameters");
    systemControls = List.copyOf(systemControls);
  }

  /** A builder for an essential container with nothing else set. */
  public static Builder builder(String name, String image) {
    return new Builder(name, image);
  }

  /** A builder holding every field of this container, to derive a changed copy. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Collects the fields of a container; every setter replaces the previous value. */
  public static final class Builder {
    private String name;
    private String image;
    private boolean essential = true;
    private Optional<Integer> memory = Optional.empty();
    private Optional<Integer> memoryReservation = Optional.empty();
    private Optional<Integer> cpu = Optional.empty();
    private List<PortMapping> portMappings = List.of();
    private List<String> links = List.of();
    private List<ContainerDependency> dependsOn = List.of();
    private List<KeyValue> environment = List.of();
    private List<MountPoint> mountPoints = List.of();
    private List<VolumeFrom> volumesFrom = List.of();
    private Optional<List<String>> command = Optional.empty();
    private Optional<List<String>> entryPoint = Optional.empty();
    private Optional<String> workingDirectory = Optional.empty();
    private Optional<String> user = Optional.empty();
    private Optional<String> hostname = Optional.empty();
    private Optional<Boolean> privileged = Optional.empty();
    private Optional<Boolean> readonlyRootFilesystem = Optional.empty();
    private Optional<Boolean> interactive = Optional.empty();
    private Optional<Boolean> pseudoTerminal = Optional.empty();
    private Map<String, String> dockerLabels = Map.of();
    private List<String> dnsServers = List.of();
    private List<String> dnsSearchDomains = List.of();
    private List<HostEntry> extraHosts = List.of();
    private List<Ulimit> ulimits = List.of();
    private Optional<LogConfiguration> logConfiguration = Optional.empty();
    private Optional<HealthCheck> healthCheck = Optional.empty();
    private Optional<Integer> stopTimeout = Optional.empty();
    private Optional<LinuxParameters> linuxParameters = Optional.empty();
    private List<SystemControl> systemControls = List.of();

    private Builder(String name, String image) {
      this.name = Objects.requireNonNull(name, "name");
      this.image = Objects.requireNonNull(image, "image");
    }

    private Builder(ContainerDefinition c) {
      name = c.name;
      image = c.image;
      essential = c.essential;
      memory = c.memory;
      memoryReservation = c.memoryReservation;
      cpu = c.cpu;
      portMappings = c.portMappings;
      links = c.links;
      dependsOn = c.dependsOn;
      environment = c.environment;
      mountPoints = c.mountPoints;
      volumesFrom = c.volumesFrom;
      command = c.command;
      entryPoint = c.entryPoint;
      workingDirectory = c.workingDirectory;
      user = c.user;
      hostname = c.hostname;
      privileged = c.privileged;
      readonlyRootFilesystem = c.readonlyRootFilesystem;
      interactive = c.interactive;
      pseudoTerminal = c.pseudoTerminal;
      dockerLabels = c.dockerLabels;
      dnsServers = c.dnsServers;
      dnsSearchDomains = c.dnsSearchDomains;
      extraHosts = c.extraHosts;
      ulimits = c.ulimits;
      logConfiguration = c.logConfiguration;
      healthCheck = c.healthCheck;
      stopTimeout = c.stopTimeout;
      linuxParameters = c.linuxParameters;
      systemControls = c.systemControls;
    }

    public Builder name(String v) {
      name = Objects.requireNonNull(v);
      return this;
    }

    public Builder image(String v) {
      image = Objects.requireNonNull(v);
      return this;
    }

    public Builder essential(boolean v) {
      essential = v;
      return this;
    }

    public Builder memory(Integer mib) {
      memory = Optional.ofNullable(mib);
      return this;
    }

    public Builder memoryReservation(Integer mib) {
      memoryReservation = Optional.ofNullable(mib);
      return this;
    }

    public Builder cpu(Integer units) {
      cpu = Optional.ofNullable(units);
      return this;
    }

    public Builder portMappings(List<PortMapping> v) {
      portMappings = v;
      return this;
    }

    public Builder links(List<String> v) {
      links = v;
      return this;
    }

    public Builder dependsOn(List<ContainerDependency> v) {
      dependsOn = v;
      return this;
    }

    public Builder environment(List<KeyValue> v) {
      environment = v;
      return this;
    }

    public Builder mountPoints(List<MountPoint> v) {
      mountPoints = v;
      return this;
    }

    public Builder volumesFrom(List<VolumeFrom> v) {
      volumesFrom = v;
      return this;
    }

    /** Null leaves the image's CMD; an empty list overrides it with nothing. */
    public Builder command(List<String> v) {
      command = Optional.ofNullable(v);
      return this;
    }

    /** Null leaves the image's ENTRYPOINT; an empty list overrides it with nothing. */
    public Builder entryPoint(List<String> v) {
      entryPoint = Optional.ofNullable(v);
      return this;
    }

    public Builder workingDirectory(String v) {
      workingDirectory = Optional.ofNullable(v);
      return this;
    }

    public Builder user(String v) {
      user = Optional.ofNullable(v);
      return this;
    }

    public Builder hostname(String v) {
      hostname = Optional.ofNullable(v);
      return this;
    }

    public Builder privileged(Boolean v) {
      privileged = Optional.ofNullable(v);
      return this;
    }

    public Builder readonlyRootFilesystem(Boolean v) {
      readonlyRootFilesystem = Optional.ofNullable(v);
      return this;
    }

    public Builder interactive(Boolean v) {
      interactive = Optional.ofNullable(v);
      return this;
    }

    public Builder pseudoTerminal(Boolean v) {
      pseudoTerminal = Optional.ofNullable(v);
      return this;
    }

    public Builder dockerLabels(Map<String, String> v) {
      dockerLabels = v;
      return this;
    }

    public Builder dnsServers(List<String> v) {
      dnsServers = v;
      return this;
    }

    public Builder dnsSearchDomains(List<String> v) {
      dnsSearchDomains = v;
      return this;
    }

    public Builder extraHosts(List<HostEntry> v) {
      extraHosts = v;
      return this;
    }

    public Builder ulimits(List<Ulimit> v) {
      ulimits = v;
      return this;
    }

    public Builder logConfiguration(LogConfiguration v) {
      logConfiguration = Optional.ofNullable(v);
      return this;
    }

    public Builder healthCheck(HealthCheck v) {
      healthCheck = Optional.ofNullable(v);
      return this;
    }

    public Builder stopTimeout(Integer seconds) {
      stopTimeout = Optional.ofNullable(seconds);
      return this;
    }

    public Builder linuxParameters(LinuxParameters v) {
      linuxParameters = Optional.ofNullable(v);
      return this;
    }

    public Builder systemControls(List<SystemControl> v) {
      systemControls = v;
      return this;
    }

    public ContainerDefinition build() {
      return new ContainerDefinition(name, image, essential, memory, memoryReservation, cpu,
          portMappings, links, dependsOn, environment, mountPoints, volumesFrom, command, entryPoint,
          workingDirectory, user, hostname, privileged, readonlyRootFilesystem, interactive,
          pseudoTerminal, dockerLabels, dnsServers, dnsSearchDomains, extraHosts, ulimits,
          logConfiguration, healthCheck, stopTimeout, linuxParameters, systemControls);
    }
  }
}
