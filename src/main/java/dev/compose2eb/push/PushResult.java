package dev.compose2eb.push;

/**
 * A finished push: the target reference, the manifest digest the registry stored, and what travelled
 * (blobs the registry already had are skipped and count in {@code blobsSkipped} only).
 */
public record PushResult(String image, String digest, long bytesUploaded, int blobsUploaded,
    int blobsSkipped) {

  /** {@code <registry>/<repository>@sha256:...}: the reference that names exactly this image. */
  public String pinned() {
    String ref = image;
    int at = ref.indexOf('@');
    if (at >= 0) {
      ref = ref.substring(0, at);
    }
    int colon = ref.lastIndexOf(':');
    if (colon > ref.lastIndexOf('/')) {
      ref = ref.substring(0, colon);
    }
    return ref + "@" + digest;
  }
}
