package dev.compose2eb.plan;

import dev.compose2eb.compose.model.Service;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * How the compose {@code secrets:} the services use reach them (decided by {@link SecretPlanner}):
 * every value goes to the deploy's secret store, never into the bundle; a variable delivery is
 * referenced from {@code environmentsecrets} like any secret variable, a file delivery is fetched
 * by the bundle's platform hook into {@link #HOST_DIR} and mounted read-only.
 *
 * @param secrets the top-level secrets some service uses, by name, sorted
 * @param deliveries one per service and secret, in project order
 */
public record SecretPlan(Map<String, ComposeSecret> secrets, List<SecretDelivery> deliveries) {
  /** Where the platform hook writes the files on the instance (0700, root). */
  public static final String HOST_DIR = "/var/lib/compose2eb-secrets";

  public SecretPlan {
    secrets = Collections.unmodifiableMap(new TreeMap<>(secrets));
    deliveries = List.copyOf(deliveries);
  }

  public static SecretPlan empty() {
    return new SecretPlan(Map.of(), List.of());
  }

  public boolean isEmpty() {
    return deliveries.isEmpty();
  }

  /** The instance path of a secret's file. */
  public static String hostPath(String secret) {
    return HOST_DIR + "/" + secret;
  }

  /** The deliveries to one service. */
  public List<SecretDelivery> of(String service) {
    return deliveries.stream().filter(d -> d.service().equals(service)).toList();
  }

  /** The file deliveries, one per secret (the first service's mode and owner), sorted by name. */
  public Map<String, SecretDelivery> files() {
    Map<String, SecretDelivery> out = new TreeMap<>();
    deliveries.stream().filter(d -> !d.asVariable()).forEach(d -> out.putIfAbsent(d.secret(), d));
    return Collections.unmodifiableMap(out);
  }

  /** The variable deliveries: variable name to the secret, sorted. */
  public Map<String, String> variables() {
    Map<String, String> out = new TreeMap<>();
    deliveries.stream().filter(SecretDelivery::asVariable)
        .forEach(d -> out.put(d.variable().get(), d.secret()));
    return Collections.unmodifiableMap(out);
  }

  /** The paths where the service's secrets arrive: a variable naming one holds a path, not a secret. */
  public java.util.Set<String> targets(String service) {
    return of(service).stream().map(SecretDelivery::target)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }

  /**
   * The service's environment as its container gets it: without the {@code X_FILE} variables whose
   * secret arrives as {@code X} (the image refuses both at once).
   */
  public Map<String, String> environment(Service s) {
    Map<String, String> env = new LinkedHashMap<>(s.environment());
    of(s.name()).stream().filter(SecretDelivery::asVariable)
        .forEach(d -> env.remove(d.variable().get() + "_FILE"));
    return env;
  }
}
