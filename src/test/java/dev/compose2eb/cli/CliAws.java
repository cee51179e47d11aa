package dev.compose2eb.cli;

import dev.compose2eb.fake.FakeAws;
import dev.compose2eb.fake.LocalS3;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * What a CLI deploy test runs against: the stateful fake (EB, ECR, IAM, STS, SSM ...) with
 * environments that settle after two polls, s3proxy for S3, and the process environment that points
 * the real SDK clients at both, with {@code HOME} in the test's directory so nothing of the user's
 * (credentials, caches) is read or written.
 *
 * @param env mutable: a test may add variables before it runs the CLI
 */
record CliAws(FakeAws fake, LocalS3 s3, Map<String, String> env) implements AutoCloseable {

  static CliAws start(Path home) throws Exception {
    FakeAws fake = FakeAws.start();
    try {
      fake.pollsToComplete(2);
      LocalS3 s3 = LocalS3.start(fake);
      Map<String, String> env = new HashMap<>(fake.sdkEnvironment());
      env.put("HOME", home.toString());
      return new CliAws(fake, s3, env);
    } catch (Exception | Error e) {
      fake.close();
      throw e;
    }
  }

  @Override
  public void close() throws Exception {
    try {
      s3.close();
    } finally {
      fake.close();
    }
  }
}
