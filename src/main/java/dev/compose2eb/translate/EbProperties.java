package dev.compose2eb.translate;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Elastic Beanstalk's rules for environment properties, shared by {@code convert --env-to-eb} and
 * the deploy step so that what one accepts the other does too.
 */
public final class EbProperties {
  /** All properties together, counted as UTF-8 {@code key=value}. */
  public static final int LIMIT_BYTES = 4096;
  private static final int MAX_NAME_LENGTH = 128;
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.:/+\\\\@-]+");

  private EbProperties() {}

  /** Letters, digits and {@code _ . : / + \ - @}, at most 128 characters. */
  public static boolean validName(String name) {
    return name.length() <= MAX_NAME_LENGTH && NAME.matcher(name).matches();
  }

  /** The size EB counts against {@link #LIMIT_BYTES}. */
  public static int bytes(Map<String, String> properties) {
    int total = 0;
    for (Map.Entry<String, String> e : properties.entrySet()) {
      total += (e.getKey() + "=" + e.getValue()).getBytes(StandardCharsets.UTF_8).length;
    }
    return total;
  }
}
