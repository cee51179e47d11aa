package dev.compose2eb.plan;

import dev.compose2eb.diag.SourceLocation;
import java.util.Optional;

/**
 * How one service receives one compose secret: as an environment variable (the image reads
 * {@code X_FILE} and also accepts {@code X}, so the secret becomes {@code X} from the secret store)
 * or as a file (fetched onto the instance by a platform hook and mounted read-only at
 * {@code target}).
 *
 * @param service the service
 * @param secret the top-level secret's name
 * @param variable for a variable delivery: {@code X}; empty for a file
 * @param target the path in the container ({@code /run/secrets/NAME} unless the long syntax says)
 * @param mode the file's mode (compose's default 0444; long syntax {@code mode})
 * @param uid the file's owner (compose's default 0; long syntax {@code uid})
 * @param gid the file's group (compose's default 0; long syntax {@code gid})
 * @param location the service's entry that names the secret
 */
public record SecretDelivery(String service, String secret, Optional<String> variable, String target,
    int mode, int uid, int gid, SourceLocation location) {

  public boolean asVariable() {
    return variable.isPresent();
  }

  /** The name the value is stored under: the variable for a variable, the secret for a file. */
  public String storeName() {
    return variable.orElse(secret);
  }
}
