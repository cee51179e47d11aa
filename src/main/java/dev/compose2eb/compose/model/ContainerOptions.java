package dev.compose2eb.compose.model;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runtime options of a service that map one to one onto container settings. */
public record ContainerOptions(
    Optional<String> workingDir,
    Optional<String> user,
    Optional<String> hostname,
    Optional<String> containerName,
    Optional<Boolean> privileged,
    Optional<Boolean> readOnly,
    Optional<Boolean> init,
    Optional<Boolean> stdinOpen,
    Optional<Boolean> tty,
    List<ExtraHost> extraHosts,
    List<String> dns,
    List<String> dnsSearch,
    Map<String, Ulimit> ulimits,
    Optional<Logging> logging,
    Optional<Duration> stopGracePeriod,
    Optional<String> stopSignal,
    List<String> capAdd,
    List<String> capDrop,
    Optional<Long> shmSize,
    List<String> tmpfs,
    Map<String, String> sysctls,
    List<String> expose) {

  public ContainerOptions {
    extraHosts = List.copyOf(extraHosts);
    dns = List.copyOf(dns);
    dnsSearch = List.copyOf(dnsSearch);
    ulimits = Project.ordered(ulimits);
    capAdd = List.copyOf(capAdd);
    capDrop = List.copyOf(capDrop);
    tmpfs = List.copyOf(tmpfs);
    sysctls = Project.ordered(sysctls);
    expose = List.copyOf(expose);
  }

  /** One {@code extra_hosts} entry. */
  public record ExtraHost(String host, String ip) {}

  /** One {@code ulimits} entry; a single number sets both limits. */
  public record Ulimit(long soft, long hard) {}

  /** {@code logging}. */
  public record Logging(Optional<String> driver, Map<String, String> options) {
    public Logging {
      options = Project.ordered(options);
    }
  }
}
