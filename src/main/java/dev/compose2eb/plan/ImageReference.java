package dev.compose2eb.plan;

import java.util.Locale;

/** The parts of an image reference ({@code host:5000/org/name:tag@sha256:...}). */
public final class ImageReference {
  private ImageReference() {}

  /** Without the digest and the tag: {@code host:5000/org/name}. */
  public static String withoutTag(String image) {
    String ref = image;
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int colon = ref.lastIndexOf(':');
    return colon > ref.lastIndexOf('/') ? ref.substring(0, colon) : ref;
  }

  /** The tag; empty when there is none (or only a digest). */
  public static String tag(String image) {
    String ref = withoutTag(image);
    String noDigest = image.indexOf('@') >= 0 ? image.substring(0, image.indexOf('@')) : image;
    return noDigest.length() > ref.length() ? noDigest.substring(ref.length() + 1) : "";
  }

  /** The repository, lowercase: no registry host, no tag, no digest ({@code org/name}). */
  public static String repository(String image) {
    String ref = withoutTag(image);
    int slash = ref.indexOf('/');
    if (slash > 0) {
      String first = ref.substring(0, slash);
      if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
        ref = ref.substring(slash + 1);
      }
    }
    return ref.toLowerCase(Locale.ROOT);
  }
}
