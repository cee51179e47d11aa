package dev.compose2eb.fake;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/** The S3 half of a deploy: the fake's storage bucket, held by an in-process s3proxy, through Sdk.clients. */
class S3ProxyRoundTripTest {

  @Test
  void bundleUploadToTheStorageBucketGoesToS3Proxy() throws Exception {
    try (FakeAws fake = FakeAws.start()) {
      BlobStoreContext store = transientStore(fake.accessKeyId(), fake.secretAccessKey());
      S3Proxy s3 = S3Proxy.builder()
          .blobStore(store.getBlobStore())
          .endpoint(URI.create("http://127.0.0.1:0"))
          .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, fake.accessKeyId(), fake.secretAccessKey())
          .build();
      s3.start();
      try {
        fake.s3Endpoint(URI.create("http://127.0.0.1:" + s3.getPort()));
        try (Sdk.Clients aws = Sdk.clients(fake)) {
          String bucket = aws.eb().createStorageLocation().s3Bucket();
          aws.s3().createBucket(r -> r.bucket(bucket));
          aws.s3().putObject(r -> r.bucket(bucket).key("shop/v1.zip"), RequestBody.fromString("bundle"));
          assertThat(aws.s3().getObjectAsBytes(r -> r.bucket(bucket).key("shop/v1.zip")).asString(
              StandardCharsets.UTF_8)).isEqualTo("bundle");
          assertThat(aws.s3().headObject(r -> r.bucket(bucket).key("shop/v1.zip")).contentLength()).isEqualTo(6);
          // S3 traffic never reaches the fake: only the EB call is in its log
          assertThat(fake.calls()).extracting(Call::action).containsExactly("CreateStorageLocation");
        }
      } finally {
        s3.stop();
        store.close();
      }
    }
  }

  private static BlobStoreContext transientStore(String identity, String credential) {
    try {
      return ContextBuilder.newBuilder("transient").credentials(identity, credential).build(BlobStoreContext.class);
    } catch (RuntimeException e) {
      Assumptions.assumeFalse(gsonClash(e), "s3proxy cannot start on this classpath: jib-core brings gson 2.9.0,"
          + " which wins over the 2.11.0 jclouds needs; pin com.google.code.gson:gson 2.11.0 in pom.xml");
      throw e;
    }
  }

  /** Guice reports the NoSuchMethodError in its message (errors are not chained as causes). */
  private static boolean gsonClash(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String message = String.valueOf(t.getMessage());
      if (message.contains("NoSuchMethodError") && message.contains("ConstructorConstructor")
          || t instanceof NoSuchMethodError && message.contains("ConstructorConstructor")) {
        return true;
      }
    }
    return false;
  }
}
