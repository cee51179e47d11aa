package dev.compose2eb.plan;

import dev.compose2eb.diag.SourceLocation;
import java.util.List;
import java.util.Optional;

/**
 * The decision to run a compose service as a managed AWS database or cache instead of a container.
 *
 * @param service the compose service it replaces; its container is left out of every output
 * @param at where the decision was asked for ({@code x-eb.managed}, or the service for {@code --managed})
 * @param engineVersion the managed engine's version, from the image tag unless given
 * @param instanceClass {@code db.*} or {@code cache.*}
 * @param storageGib allocated storage of a database; 0 for a cache
 * @param username the master user of a database (from POSTGRES_USER, MYSQL_USER ...); empty for a cache
 * @param database the database created with the instance (POSTGRES_DB, MYSQL_DATABASE ...), if any
 * @param passwordParameter the name under the project's parameter path of the master password a
 *     deploy generates and stores once ({@code COMPOSE2EB_<SERVICE>_MASTER_PASSWORD}); empty for a cache
 * @param rewrites the variables of other services that now point at the managed endpoint
 * @param unusedVolumes named volumes only this service used, no longer mounted anywhere
 */
public record ManagedService(
    String service,
    SourceLocation at,
    ManagedEngine engine,
    String engineVersion,
    String instanceClass,
    int storageGib,
    String username,
    Optional<String> database,
    Optional<String> passwordParameter,
    List<Rewrite> rewrites,
    List<String> unusedVolumes) {

  public ManagedService {
    rewrites = List.copyOf(rewrites);
    unusedVolumes = List.copyOf(unusedVolumes);
  }

  /**
   * A variable of another service that named the replaced service, and what it becomes.
   *
   * @param consumer the service whose variable it is
   * @param to what the value becomes
   * @param before for {@link To#ENDPOINT} the text before the host, e.g. {@code redis://}; for
   *     {@link To#USERNAME} the new user name
   * @param after for {@link To#ENDPOINT} the text after the host, e.g. {@code :6379}
   */
  public record Rewrite(String consumer, String variable, To to, String before, String after) {}

  /** What a rewritten variable becomes. */
  public enum To {
    /** {@code before + <the endpoint's address> + after}. */
    ENDPOINT,
    /** The generated master password, as an environment secret. */
    PASSWORD,
    /** The master user name, when the image's default user ({@code root}) cannot be RDS's. */
    USERNAME
  }

  /**
   * The CloudFormation logical id prefix of this service's resources: {@code Compose2eb}, then
   * the service name in camel case ({@code my-db} gives {@code Compose2ebMyDb}).
   */
  public String logicalId() {
    StringBuilder b = new StringBuilder("Compose2eb");
    for (String part : service.split("[^A-Za-z0-9]+")) {
      if (!part.isEmpty()) {
        b.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
      }
    }
    return b.toString();
  }
}
