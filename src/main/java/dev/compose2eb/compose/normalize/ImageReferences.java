package dev.compose2eb.compose.normalize;

import java.util.regex.Pattern;

/**
 * The grammar of an image reference, as the distribution/reference package Docker uses parses it
 * ({@code reference/regexp.go}): {@code [domain[:port]/]path[:tag][@digest]}. Docker refuses anything
 * else ("invalid reference format"), so an image that an unset variable left half-written
 * ({@code repo/app:} from {@code repo/app:${TAG}}) is refused at its line, not written out. Upper
 * case in the path, which Docker also refuses, is let through here: the image names of services
 * that build are lower-cased by the translation, as before.
 */
final class ImageReferences {
  private static final String ALNUM = "[a-zA-Z0-9]+";
  private static final String SEPARATOR = "(?:[._]|__|[-]+)";
  private static final String COMPONENT = ALNUM + "(?:" + SEPARATOR + ALNUM + ")*";
  private static final String DOMAIN_PART = "(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])";
  private static final String DOMAIN = "(?:" + DOMAIN_PART + "(?:\\." + DOMAIN_PART + ")*"
      + "|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?";
  private static final String TAG = "[\\w][\\w.-]{0,127}";
  private static final String DIGEST = "[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*"
      + ":[0-9a-fA-F]{32,}";
  private static final Pattern REFERENCE = Pattern.compile("(?:" + DOMAIN + "/)?" + COMPONENT
      + "(?:/" + COMPONENT + ")*(?::" + TAG + ")?(?:@" + DIGEST + ")?");

  private ImageReferences() {}

  /** Whether Docker accepts {@code image} as a reference (a name of at most 255 characters). */
  static boolean valid(String image) {
    if (!REFERENCE.matcher(image).matches()) {
      return false;
    }
    String name = image.indexOf('@') >= 0 ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    if (colon > name.lastIndexOf('/')) {
      name = name.substring(0, colon);
    }
    return name.length() <= 255;
  }
}
