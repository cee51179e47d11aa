package dev.compose2eb.deploy;

import software.amazon.awssdk.regions.PartitionMetadata;

/**
 * The AWS partition the caller lives in ({@code aws}, {@code aws-cn}, {@code aws-us-gov} ...), taken
 * from the caller's own ARN, so that policy ARNs and service principals are right outside the
 * commercial regions. The DNS suffix comes from the SDK's partition table ({@code amazonaws.com},
 * {@code amazonaws.com.cn}); service principals are {@code <service>.<suffix>}.
 */
record Partition(String id, String dnsSuffix) {
  static final Partition AWS = new Partition("aws", "amazonaws.com");

  /** The partition of an ARN such as {@code arn:aws-cn:iam::123456789012:user/me}. */
  static Partition ofArn(String arn) {
    String[] parts = arn == null ? new String[0] : arn.split(":", 3);
    if (parts.length < 3 || !parts[0].equals("arn") || parts[1].isEmpty()) {
      return AWS;
    }
    PartitionMetadata meta = PartitionMetadata.of(parts[1]);
    String suffix = meta == null ? null : meta.dnsSuffix();
    return new Partition(parts[1], suffix == null || suffix.isEmpty() ? AWS.dnsSuffix : suffix);
  }

  /** An AWS managed policy, e.g. {@code AmazonEC2ContainerRegistryReadOnly}. */
  String managedPolicy(String path) {
    return "arn:" + id + ":iam::aws:policy/" + path;
  }

  String role(String account, String name) {
    return "arn:" + id + ":iam::" + account + ":role/" + name;
  }

  String servicePrincipal(String service) {
    return service + "." + dnsSuffix;
  }
}
