package dev.compose2eb.deploy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.compose2eb.dockerrun.DockerrunWriter;
import dev.compose2eb.plan.Platform;
import java.util.List;
import java.util.Optional;

/**
 * The least-privilege IAM policy of the identity that runs {@code compose2eb deploy} for one
 * project: exactly the calls the deploy makes (a test reads them from the sources), scoped to the
 * project's ECR repositories, EB's storage bucket and EB's roles; with managed services also what
 * CloudFormation then does on the caller's behalf for them, allowed only through CloudFormation.
 * The platform matters only for roles: which managed policies a new instance role gets, and
 * whether an ECS task execution role reads the secrets.
 */
public final class IamPolicy {
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private IamPolicy() {}

  /**
   * What the policy is for.
   *
   * @param repositories the ECR repositories the deploy pushes to ({@code ImageNames.repositoryFor})
   * @param mirrorImages with {@code --mirror-images}: the {@code mirror/*} repositories too
   * @param createRoles with {@code --create-roles}: creating EB's roles and instance profile
   * @param rds with managed databases (RDS)
   * @param elastiCache with managed caches (ElastiCache)
   * @param parameterPath the project's Parameter Store path, when managed databases read their
   *     master password from it
   * @param secretsPath where deploy and env store secret variables,
   *     {@code /compose2eb/<application>/<environment>}; empty when the names are not known (then
   *     every environment's, {@code /compose2eb/*})
   * @param secretsManager with {@code --secrets-manager}: Secrets Manager instead of Parameter Store
   * @param platform the EB platform deployed to: on the Docker platform no ECS task execution role
   *     reads the secrets, and a new instance role gets no ECS policy
   */
  public record Request(List<String> repositories, boolean mirrorImages, boolean createRoles,
      boolean rds, boolean elastiCache, Optional<String> parameterPath, Optional<String> secretsPath,
      boolean secretsManager, Platform platform) {
    public Request {
      repositories = List.copyOf(repositories);
    }

    /** On the ECS platform. */
    public Request(List<String> repositories, boolean mirrorImages, boolean createRoles,
        boolean rds, boolean elastiCache, Optional<String> parameterPath,
        Optional<String> secretsPath, boolean secretsManager) {
      this(repositories, mirrorImages, createRoles, rds, elastiCache, parameterPath, secretsPath,
          secretsManager, Platform.ECS);
    }

    /** Without a known secrets path, in Parameter Store. */
    public Request(List<String> repositories, boolean mirrorImages, boolean createRoles,
        boolean rds, boolean elastiCache, Optional<String> parameterPath) {
      this(repositories, mirrorImages, createRoles, rds, elastiCache, parameterPath, Optional.empty(),
          false);
    }
  }

  /** The policy document, as canonical JSON. */
  public static String document(Request r) {
    ObjectNode root = NODES.objectNode();
    root.put("Version", "2012-10-17");
    ArrayNode st = root.putArray("Statement");
    statement(st, "Identity", List.of("sts:GetCallerIdentity"), List.of("*"));
    // GetAuthorizationToken has no resource-level permission
    statement(st, "EcrLogin", List.of("ecr:GetAuthorizationToken"), List.of("*"));
    List<String> repos = new java.util.ArrayList<>(r.repositories().stream()
        .map(n -> "arn:aws:ecr:*:*:repository/" + n).toList());
    if (r.mirrorImages()) {
      repos.add("arn:aws:ecr:*:*:repository/mirror/*");
    }
    if (!repos.isEmpty()) {
      statement(st, "EcrPush", List.of("ecr:DescribeRepositories", "ecr:CreateRepository",
          "ecr:BatchCheckLayerAvailability", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart",
          "ecr:CompleteLayerUpload", "ecr:PutImage", "ecr:BatchGetImage"), repos);
    }
    statement(st, "ElasticBeanstalk", List.of("elasticbeanstalk:CreateStorageLocation",
        "elasticbeanstalk:CreateApplication", "elasticbeanstalk:DescribeApplications",
        "elasticbeanstalk:CreateApplicationVersion", "elasticbeanstalk:DescribeApplicationVersions",
        "elasticbeanstalk:ListPlatformVersions", "elasticbeanstalk:CreateEnvironment",
        "elasticbeanstalk:UpdateEnvironment", "elasticbeanstalk:DescribeEnvironments",
        "elasticbeanstalk:DescribeEvents", "elasticbeanstalk:DescribeConfigurationSettings",
        "elasticbeanstalk:DescribeEnvironmentHealth", "elasticbeanstalk:RebuildEnvironment"),
        List.of("*"));
    statement(st, "EbStorage", List.of("s3:GetObject", "s3:PutObject", "s3:ListBucket",
        "s3:CreateBucket", "s3:GetBucketLocation", "s3:PutBucketPolicy",
        "s3:PutBucketOwnershipControls"),
        List.of("arn:aws:s3:::elasticbeanstalk-*", "arn:aws:s3:::elasticbeanstalk-*/*"));
    List<String> roles = List.of("arn:aws:iam::*:role/aws-elasticbeanstalk-*",
        "arn:aws:iam::*:instance-profile/aws-elasticbeanstalk-*");
    statement(st, "EbRoles", List.of("iam:GetRole", "iam:GetInstanceProfile",
        "iam:ListAttachedRolePolicies", "iam:ListRolePolicies", "iam:GetRolePolicy",
        "iam:PassRole"), roles);
    // only the AWS managed policies deploy attaches: ECR read always, the rest to roles it creates
    List<String> attached = new java.util.ArrayList<>(List.of(Roles.ECR_READ));
    if (r.createRoles()) {
      Roles.instancePolicies(r.platform()).stream().filter(p -> !attached.contains(p))
          .forEach(attached::add);
      attached.addAll(Roles.SERVICE_POLICIES);
    }
    ObjectNode attach = statement(st, "EbRolePolicies", List.of("iam:AttachRolePolicy"), roles);
    ArrayNode arns = attach.putObject("Condition").putObject("ArnLike").putArray("iam:PolicyARN");
    attached.forEach(p -> arns.add("arn:*:iam::aws:policy/" + p));
    if (r.createRoles()) {
      statement(st, "EbCreateRoles", List.of("iam:CreateRole", "iam:CreateInstanceProfile",
          "iam:AddRoleToInstanceProfile"), roles);
    }
    // secret variables: read access of the instance role and, on the ECS platform, of the task
    // execution role (the Docker platform runs no ECS task: EB hands the values to compose)
    boolean ecs = r.platform() == Platform.ECS;
    List<String> secretRoles = ecs ? List.of("arn:aws:iam::*:role/aws-elasticbeanstalk-ec2-role",
        "arn:aws:iam::*:role/" + SecretAccess.EXECUTION_ROLE)
        : List.of("arn:aws:iam::*:role/aws-elasticbeanstalk-ec2-role");
    statement(st, "SecretRoles", !r.createRoles()
        ? List.of("iam:GetRole", "iam:GetRolePolicy")
        : ecs ? List.of("iam:GetRole", "iam:GetRolePolicy", "iam:CreateRole", "iam:PutRolePolicy")
        : List.of("iam:GetRole", "iam:GetRolePolicy", "iam:PutRolePolicy"), secretRoles);
    // secret variables: read to compare, written only when they differ (Secrets, the stores); the
    // AWS managed key of each store needs no KMS permission of the caller's own
    String scope = r.secretsPath().orElse("/compose2eb/*");
    if (r.secretsManager()) {
      statement(st, "Secrets", List.of("secretsmanager:GetSecretValue", "secretsmanager:CreateSecret",
          "secretsmanager:PutSecretValue"), List.of("arn:aws:secretsmanager:*:*:secret:"
              + scope.substring(1) + "/*"));
    } else {
      statement(st, "Secrets", List.of("ssm:GetParameters", "ssm:PutParameter"),
          List.of("arn:aws:ssm:*:*:parameter" + scope + "/*"));
    }
    if (r.rds()) {
      viaCloudFormation(st, "ManagedRds", List.of("rds:CreateDBInstance", "rds:ModifyDBInstance",
          "rds:DeleteDBInstance", "rds:DescribeDBInstances", "rds:CreateDBSnapshot",
          "rds:DescribeDBSnapshots", "rds:AddTagsToResource", "rds:ListTagsForResource"));
    }
    if (r.elastiCache()) {
      viaCloudFormation(st, "ManagedElastiCache", List.of("elasticache:CreateCacheCluster",
          "elasticache:ModifyCacheCluster", "elasticache:DeleteCacheCluster",
          "elasticache:DescribeCacheClusters", "elasticache:AddTagsToResource",
          "elasticache:ListTagsForResource"));
    }
    if (r.rds() || r.elastiCache()) {
      viaCloudFormation(st, "ManagedSecurityGroups", List.of("ec2:CreateSecurityGroup",
          "ec2:DeleteSecurityGroup", "ec2:AuthorizeSecurityGroupIngress",
          "ec2:RevokeSecurityGroupIngress", "ec2:DescribeSecurityGroups", "ec2:CreateTags"));
      ObjectNode linked = statement(st, "ManagedServiceLinkedRoles",
          List.of("iam:CreateServiceLinkedRole"), List.of("*"));
      ArrayNode services = linked.putObject("Condition").putObject("StringEquals")
          .putArray("iam:AWSServiceName");
      if (r.rds()) {
        services.add("rds.amazonaws.com");
      }
      if (r.elastiCache()) {
        services.add("elasticache.amazonaws.com");
      }
    }
    r.parameterPath().ifPresent(path -> {
      // CloudFormation resolves {{resolve:ssm-secure:...}} with the caller's permissions
      // deploy creates the master passwords there (MasterPasswords), whatever the secret store
      statement(st, "ManagedPasswords", List.of("ssm:GetParameters", "ssm:PutParameter"),
          List.of("arn:aws:ssm:*:*:parameter" + path + "/*"));
      ObjectNode kms = statement(st, "ManagedPasswordsKey", List.of("kms:Decrypt"), List.of("*"));
      kms.putObject("Condition").putObject("StringLike").put("kms:ViaService", "ssm.*.amazonaws.com");
    });
    try {
      return DockerrunWriter.canonicalJson().writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the policy", e);
    }
  }

  private static ObjectNode statement(ArrayNode st, String sid, List<String> actions,
      List<String> resources) {
    ObjectNode s = st.addObject();
    s.put("Sid", sid);
    s.put("Effect", "Allow");
    ArrayNode a = s.putArray("Action");
    actions.forEach(a::add);
    ArrayNode res = s.putArray("Resource");
    resources.forEach(res::add);
    return s;
  }

  /** Allowed only in calls CloudFormation makes for the caller (EB's stack creating the resources). */
  private static void viaCloudFormation(ArrayNode st, String sid, List<String> actions) {
    statement(st, sid, actions, List.of("*")).putObject("Condition")
        .putObject("ForAnyValue:StringEquals")
        .putArray("aws:CalledVia").add("cloudformation.amazonaws.com");
  }
}
