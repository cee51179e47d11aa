package dev.compose2eb.fake;

import java.net.URI;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 server for deploy tests: s3proxy in-process on 127.0.0.1 with an in-memory store and
 * the fake's credentials. The fake is pointed at it, and EB's storage bucket is created in it when
 * CreateStorageLocation first runs, as EB does.
 */
public final class LocalS3 implements AutoCloseable {
  private final BlobStoreContext store;
  private final S3Proxy proxy;

  private LocalS3(BlobStoreContext store, S3Proxy proxy) {
    this.store = store;
    this.proxy = proxy;
  }

  public static LocalS3 start(FakeAws fake) throws Exception {
    BlobStoreContext store = ContextBuilder.newBuilder("transient")
        .credentials(fake.accessKeyId(), fake.secretAccessKey()).build(BlobStoreContext.class);
    S3Proxy proxy = S3Proxy.builder().blobStore(store.getBlobStore())
        .endpoint(URI.create("http://127.0.0.1:0"))
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, fake.accessKeyId(), fake.secretAccessKey())
        .build();
    proxy.start();
    while (!proxy.getState().equals("STARTED")) {
      Thread.sleep(10);
    }
    fake.s3Endpoint(URI.create("http://127.0.0.1:" + proxy.getPort()));
    fake.onStorageLocationCreated(bucket -> store.getBlobStore().createContainerInLocation(null, bucket));
    fake.bundleStore((bucket, key) -> {
      org.jclouds.blobstore.domain.Blob blob = store.getBlobStore().getBlob(bucket, key);
      if (blob == null) {
        return java.util.Optional.empty();
      }
      try (java.io.InputStream in = blob.getPayload().openStream()) {
        return java.util.Optional.of(in.readAllBytes());
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return new LocalS3(store, proxy);
  }

  @Override
  public void close() throws Exception {
    proxy.stop();
    store.close();
  }
}
