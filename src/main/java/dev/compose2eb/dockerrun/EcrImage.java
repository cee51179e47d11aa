package dev.compose2eb.dockerrun;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks image references whose registry host looks like ECR against the form
 * {@code <account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>} or {@code ...@sha256:<digest>}.
 */
final class EcrImage {
  static final String EXAMPLE = "ECR images look like"
      + " \"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0\" or \".../web@sha256:<64 hex digits>\"";

  private static final Pattern HOST = Pattern.compile(
      "([^.]*)\\.dkr\\.ecr(?:-fips)?\\.([^.]*)\\.(amazonaws\\.com(?:\\.cn)?)");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(?:-[a-z]+)+-\\d{1,2}");
  private static final Pattern REPOSITORY = Pattern.compile(
      "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  /** A problem with an ECR reference; not fatal means it deploys but should be fixed. */
  record Problem(String message, boolean fatal) {}

  private EcrImage() {}

  static Optional<Problem> check(String image) {
    int slash = image.indexOf('/');
    String host = slash < 0 ? "" : image.substring(0, slash);
    if (!host.toLowerCase(Locale.ROOT).contains(".dkr.ecr")) {
      return Optional.empty();
    }
    String prefix = "invalid ECR image " + JsonValues.quote(image) + ": ";
    Matcher m = HOST.matcher(host);
    if (!m.matches()) {
      return fatal(prefix + "the registry host must be <account>.dkr.ecr.<region>.amazonaws.com");
    }
    if (!ACCOUNT.matcher(m.group(1)).matches()) {
      return fatal(prefix + "the account id " + JsonValues.quote(m.group(1)) + " must be 12 digits");
    }
    if (!REGION.matcher(m.group(2)).matches()) {
      return fatal(prefix + "the region " + JsonValues.quote(m.group(2))
          + " is not an AWS region name");
    }
    String rest = image.substring(slash + 1);
    String digest = null;
    int at = rest.indexOf('@');
    if (at >= 0) {
      digest = rest.substring(at + 1);
      rest = rest.substring(0, at);
    }
    String tag = null;
    int colon = rest.lastIndexOf(':');
    if (colon >= 0) {
      tag = rest.substring(colon + 1);
      rest = rest.substring(0, colon);
    }
    if (rest.length() < 2 || rest.length() > 256 || !REPOSITORY.matcher(rest).matches()) {
      return fatal(prefix + "the repository " + JsonValues.quote(rest)
          + " must be 2-256 lowercase letters, digits and . _ - / separators");
    }
    if (digest != null && !DIGEST.matcher(digest).matches()) {
      return fatal(prefix + "the digest " + JsonValues.quote(digest)
          + " must be sha256: followed by 64 lowercase hex digits");
    }
    if (tag != null && !TAG.matcher(tag).matches()) {
      return fatal(prefix + "the tag " + JsonValues.quote(tag)
          + " must be 1-128 letters, digits, '_', '.' or '-' and not start with '.' or '-'");
    }
    if (tag == null && digest == null) {
      return Optional.of(new Problem("ECR image " + JsonValues.quote(image) + " has no tag;"
          + " ECS pulls :latest whenever a task starts, so instances may run different images",
          false));
    }
    return Optional.empty();
  }

  private static Optional<Problem> fatal(String message) {
    return Optional.of(new Problem(message, true));
  }
}
