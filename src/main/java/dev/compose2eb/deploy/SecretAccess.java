package dev.compose2eb.deploy;

/**
 * The IAM side of secret variables, as EB documents it: the instance profile reads the values (EB
 * resolves them at instance start). On the ECS platform it may also pass the task execution role to
 * ECS, and that role (named in Dockerrun.aws.json's {@code executionRoleArn}) reads them for the
 * containers; the Docker platform has no task, so neither the role nor the pass is needed there.
 * Reads are scoped to this environment's path, and KMS decryption to the store's service
 * ({@code kms:ViaService}), which covers the default key and a customer key alike.
 */
final class SecretAccess {
  static final String EXECUTION_ROLE = "compose2eb-ecs-task-execution-role";

  private final SecretStore store;
  private final String account;
  private final String region;
  private final String environment;
  private final Partition partition;
  private final boolean ecs;

  SecretAccess(SecretStore store, Partition partition, String account, String region,
      String environment, boolean ecs) {
    this.store = store;
    this.ecs = ecs;
    this.account = account;
    this.region = region;
    this.environment = environment;
    this.partition = partition;
  }

  /** Whether the containers get the values through an ECS task execution role (ECS platform). */
  boolean needsExecutionRole() {
    return ecs;
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

  /** The instance profile's policy: read the values; on ECS, pass the execution role to ECS only. */
  String instancePolicy() {
    if (!ecs) {
      return executionPolicy();
    }
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + readStatements() + ","
        + "{\"Effect\":\"Allow\",\"Action\":\"iam:PassRole\",\"Resource\":\"" + executionRoleArn()
        + "\",\"Condition\":{\"StringLike\":{\"iam:PassedToService\":\""
        + partition.servicePrincipal("ecs-tasks") + "\"}}}]}";
  }

  /** The task execution role's policy (and the Docker platform's instance policy): read the values. */
  String executionPolicy() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[" + readStatements() + "]}";
  }
}
