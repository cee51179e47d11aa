package dev.compose2eb.push;

/**
 * Progress of one image push. {@link Stage#PREPARING} counts bytes of layers being compressed from an
 * archive or pulled from a source registry; {@link Stage#UPLOADING} counts bytes of blobs sent to the
 * target (a blob the registry already has counts as done at once). Totals grow as jib discovers
 * blobs, so a bar may step back a little at the start.
 */
public record PushProgress(String image, Stage stage, long bytesDone, long bytesTotal) {
  public enum Stage { PREPARING, UPLOADING }

  /** Done as a fraction in [0, 1]; 0 while the total is unknown. */
  public double fraction() {
    return bytesTotal <= 0 ? 0 : Math.min(1.0, (double) bytesDone / bytesTotal);
  }
}
