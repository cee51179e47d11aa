package dev.compose2eb.plan;

import dev.compose2eb.diag.Diagnostics;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The values of a {@link SecretPlan}, read only by the code that stores them (deploy): a file
 * secret's file as it is, a variable's value without the trailing newlines that the images'
 * {@code $(< file)} would drop. Never printed, never written anywhere but the secret store.
 */
public final class SecretValues {
  /** The largest value a standard SecureString parameter holds, in bytes. */
  static final int MAX_BYTES = 4096;

  private SecretValues() {}

  /**
   * Store name to value; a secret that cannot be read (missing or unreadable file, unset variable,
   * empty or too large value) is an error at its definition, in {@code diags}.
   *
   * @param environment the project environment ({@code environment:} secrets read from it)
   */
  public static Map<String, String> read(SecretPlan plan, ProjectTexts files,
      Function<String, Optional<String>> environment, Diagnostics diags) {
    Map<String, String> out = new TreeMap<>();
    for (SecretDelivery d : plan.deliveries()) {
      ComposeSecret s = plan.secrets().get(d.secret());
      if (s == null || out.containsKey(d.storeName())) {
        continue;
      }
      Optional<String> value = value(s, files, environment, diags);
      value.map(v -> d.asVariable() ? v.replaceFirst("[\\r\\n]+$", "") : v).ifPresent(v -> {
        String path = "secrets." + s.name();
        if (v.isEmpty()) {
          diags.error(s.location(), path, "secret " + s.name() + " is empty, and a secret store"
              + " holds no empty value", "give it a value");
        } else if (v.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
          diags.error(s.location(), path, "secret " + s.name() + " is over " + MAX_BYTES
              + " bytes, the most a SecureString parameter holds", "keep large files in S3");
        } else {
          out.put(d.storeName(), v);
        }
      });
    }
    return out;
  }

  /** Whether each secret's source can be read now (convert's check), without keeping a value. */
  public static void check(SecretPlan plan, ProjectTexts files, Diagnostics diags) {
    for (ComposeSecret s : plan.secrets().values()) {
      if (s.file().isPresent()) {
        value(s, files, k -> Optional.empty(), diags);
      }
    }
  }

  private static Optional<String> value(ComposeSecret s, ProjectTexts files,
      Function<String, Optional<String>> environment, Diagnostics diags) {
    String path = "secrets." + s.name();
    if (s.file().isPresent()) {
      Optional<String> text = files.readText(s.file().get());
      if (text.isEmpty()) {
        diags.error(s.location(), path + ".file", "secret " + s.name() + " cannot be delivered: its"
                + " file " + s.file().get() + " is missing, outside the project, not text or over 64 KiB",
            "create the file inside the project directory (it is never bundled)");
      }
      return text;
    }
    String name = s.environment().orElseThrow();
    Optional<String> v = environment.apply(name);
    if (v.isEmpty()) {
      diags.error(s.location(), path + ".environment", "secret " + s.name() + " cannot be delivered:"
          + " variable " + name + " is not set", "set " + name + " in the environment or in .env");
    }
    return v;
  }
}
