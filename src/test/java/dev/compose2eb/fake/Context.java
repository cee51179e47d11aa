package dev.compose2eb.fake;

import java.time.Instant;

/** What every service shares: identity, time, the request being answered, and a change counter. */
final class Context {
  final Times times = new Times();
  private String account = "123456789012";
  private String region;
  private long changes;
  private long requests;
  private String requestId = "";

  /** Called once with the bucket name when CreateStorageLocation first creates it. */
  volatile java.util.function.Consumer<String> storageCreated = bucket -> {};

  Context(String region) {
    this.region = region;
  }

  String account() {
    return account;
  }

  void account(String account) {
    this.account = account;
  }

  String region() {
    return region;
  }

  /** The partition of the region, as in ARNs: aws, aws-cn, aws-us-gov. */
  String partition() {
    return region.startsWith("cn-") ? "aws-cn" : region.startsWith("us-gov-") ? "aws-us-gov" : "aws";
  }

  Instant now() {
    return times.stamp();
  }

  /** Services call this whenever they change state, so the call log can tell real writes. */
  void changed() {
    changes++;
  }

  long changes() {
    return changes;
  }

  /** Starts a new request: a fresh, deterministic request id. */
  String nextRequest() {
    requests++;
    requestId = String.format("f4ce0000-0000-4000-8000-%012d", requests);
    return requestId;
  }

  String requestId() {
    return requestId;
  }

  /** A deterministic id: prefix plus a counter spelled in [a-z0-9], padded to width. */
  static String id(String prefix, long n, int width, boolean upper) {
    String digits = Long.toString(n, 36);
    String padded = "0".repeat(Math.max(0, width - digits.length())) + digits;
    return prefix + (upper ? padded.toUpperCase(java.util.Locale.ROOT) : padded);
  }
}
