package dev.compose2eb.dockerrun;

import java.util.Objects;

/** The S3 location of a .dockercfg for a private non-ECR registry (same region as the environment). */
public record Authentication(String bucket, String key) {

  public Authentication {
    Objects.requireNonNull(bucket, "bucket");
    Objects.requireNonNull(key, "key");
  }
}
