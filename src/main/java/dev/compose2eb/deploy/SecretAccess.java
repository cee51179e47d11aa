package dev.compose2eb.deploy;

/**
 * The IAM side of secret variables, as EB documents it for the ECS platform: the instance profile
 * reads the values (EB resolves them at instance start) and may pass the task execution role to ECS;
 * the task execution role (named in Dockerrun.aws.json's {@code executionRoleArn}) reads them for
 * the containers. Both reads are scoped to this environment's path, and KMS decryption to the
 * store's service ({@code kms:ViaService}), which covers the default key and a customer key alike.
 */
final class SecretAccess {
  static final String EXECUTION_ROLE = "compose2eb-ecs-task-execution-role";

  private final SecretStore store;
  private final String account;
  private final String region;
  private final String environment;
  private final Partition partition;

  SecretAccess(SecretStore store, Partition partition, String account, String region,
      String environment) {
    this.store = store;
    this.account = account;
    this.region = region;
    this.environment = environment;
    this.partition = partition;
  }

  String executionRoleArn() {
    return partition.role(account, EXECUTION_ROLE);
  }

  /** One inline policy per environment on each role, so environments sharing the roles add up. */
  String policyName() {
    return "compose2eb-secrets-" + environment;
  }

  private String readStatements() {
    return "{\"Effect\":\"Allow\",\"Action\":[\"" + store.readAction() + "\""
        + (store.readAction().startsWith("ssm:") ? ",\"ssm:GetParameter\"" : "")
        + "],\"Resource\":\"" + store.resourcePattern() + "\"},"
        + "{\"Effect\":\"Allow\",\"Action\":\"kms:Decrypt\",\"Resource\":\"arn:" + partition.id()
        + ":kms:" + region + ":" + account + ":key/*\",\"Condition\":{\"StringEquals\":{"
        + "\"kms:ViaService\":\"" + store.kmsService() + "." + region + "." + partition.dnsSuffix() + "\"}}}";
  }

  /** The instance profile's policy: read the values, pass the execution role to ECS only. */
  String instancePolicy() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + readStatements() + ","
        + "{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"" + executionRoleArn()
        + "\",\"Condition\":{\"StringLike\":{\"iam:PassedToService\":\""
        + partition.servicePrincipal("ecs-tasks") + "\"}}}]}";
  }

  /** The task execution role's policy: read the values. */
  String executionPolicy() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + readStatements() + "]}";
  }
}
