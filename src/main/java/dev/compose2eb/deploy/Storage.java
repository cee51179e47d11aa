package dev.compose2eb.deploy;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.model.HeadBucketRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectRequest;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * The source bundle in EB's storage bucket, {@code elasticbeanstalk-<region>-<account>}, under
 * {@code <application>/<label>.zip}. The object carries the bundle's sha256 as metadata, so that
 * an unchanged bundle is never uploaded twice and a different bundle under the same label is caught.
 */
final class Storage {
  static final String SHA_METADATA = "compose2eb-sha256";

  private final Clients clients;

  Storage(Clients clients) {
    this.clients = clients;
  }

  /** The bucket name EB's CreateStorageLocation returns for this account and region. */
  static String bucketName(String region, String account) {
    return "elasticbeanstalk-" + region + "-" + account;
  }

  /** True when the bucket already exists, so CreateStorageLocation (a write) can be skipped. */
  boolean bucketExists(String bucket) {
    try {
      clients.s3().headBucket(HeadBucketRequest.builder().bucket(bucket).build());
      return true;
    } catch (NoSuchBucketException e) {
      return false;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return false;
      }
      throw e;
    }
  }

  String createStorageLocation() {
    return clients.eb().createStorageLocation().s3Bucket();
  }

  /**
   * What is under a key: the sha256 recorded on the object, nothing, or unknown. Without
   * {@code s3:ListBucket} S3 answers a missing key with 403 instead of 404 (HeadObject reference),
   * so a 403 says nothing about the object; the caller decides from the application version.
   */
  record Existing(Optional<String> sha, boolean unknown) {
    static final Existing ABSENT = new Existing(Optional.empty(), false);
  }

  Existing existing(String bucket, String key) {
    try {
      HeadObjectResponse head = clients.s3().headObject(
          HeadObjectRequest.builder().bucket(bucket).key(key).build());
      return new Existing(Optional.of(head.metadata().getOrDefault(SHA_METADATA, "")), false);
    } catch (NoSuchKeyException e) {
      return Existing.ABSENT;
    } catch (S3Exception e) {
      if (e.statusCode() == 404) {
        return Existing.ABSENT;
      }
      if (e.statusCode() == 403) {
        return new Existing(Optional.empty(), true);
      }
      throw e;
    }
  }

  void upload(String bucket, String key, Path zip, String sha256) {
    clients.s3().putObject(PutObjectRequest.builder().bucket(bucket).key(key)
        .contentType("application/zip").metadata(Map.of(SHA_METADATA, sha256)).build(),
        RequestBody.fromFile(zip));
  }
}
