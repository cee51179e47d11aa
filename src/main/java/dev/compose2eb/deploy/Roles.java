package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import java.util.List;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;

/**
 * EB's default instance profile and service role. They are created only when asked; the instance
 * role always gets ECR read access, which EB's managed policies lack (the cause of "pull access
 * denied" on many first deploys).
 */
final class Roles {
  static final String INSTANCE_ROLE = "aws-elasticbeanstalk-ec2-role";
  static final String SERVICE_ROLE = "aws-elasticbeanstalk-service-role";
  static final String ECR_READ = "arn:aws:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly";
  static final List<String> INSTANCE_POLICIES = List.of(
      "arn:aws:iam::aws:policy/AWSElasticBeanstalkWebTier",
      "arn:aws:iam::aws:policy/AWSElasticBeanstalkMulticontainerDocker",
      "arn:aws:iam::aws:policy/AWSElasticBeanstalkWorkerTier",
      ECR_READ);
  static final List<String> SERVICE_POLICIES = List.of(
      "arn:aws:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth",
      "arn:aws:iam::aws:policy/AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy");
  static final String EC2_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"ec2.amazonaws.com\"},\"Action\":\"sts:AssumeRole\"}]}";
  static final String EB_TRUST = "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
      + "\"Principal\":{\"Service\":\"elasticbeanstalk.amazonaws.com\"},\"Action\":\"sts:AssumeRole\","
      + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"elasticbeanstalk\"}}}]}";

  private final Clients clients;
  private final DeployListener listener;

  Roles(Clients clients, DeployListener listener) {
    this.clients = clients;
    this.listener = listener;
  }

  /** Makes sure both roles and the instance profile exist with their policies. */
  void ensure(boolean create, boolean dryRun) {
    ensureRole(INSTANCE_ROLE, EC2_TRUST, INSTANCE_POLICIES, create, dryRun);
    ensureInstanceProfile(create, dryRun);
    ensureRole(SERVICE_ROLE, EB_TRUST, SERVICE_POLICIES, create, dryRun);
  }

  private void ensureRole(String role, String trust, List<String> policies, boolean create,
      boolean dryRun) {
    boolean exists = roleExists(role);
    if (!exists) {
      if (!create) {
        throw new AwsFailure("use IAM role " + role, "it does not exist",
            "pass --create-roles to create EB's default roles, or create them in the IAM console", null);
      }
      listener.step("iam", "create", "role " + role);
      if (!dryRun) {
        clients.iam().createRole(CreateRoleRequest.builder().roleName(role)
            .assumeRolePolicyDocument(trust).description("Elastic Beanstalk role, created by compose2eb").build());
      }
    }
    List<String> attached = exists ? attachedPolicies(role) : List.of();
    // existing roles get only ECR read access added; their other policies are the owner's business
    List<String> wanted = exists ? policies.stream().filter(ECR_READ::equals).toList() : policies;
    for (String policy : wanted) {
      if (!attached.contains(policy)) {
        listener.step("iam", "update", "attach " + policy.substring(policy.lastIndexOf('/') + 1)
            + " to " + role);
        if (!dryRun) {
          clients.iam().attachRolePolicy(AttachRolePolicyRequest.builder().roleName(role)
              .policyArn(policy).build());
        }
      }
    }
  }

  private boolean roleExists(String role) {
    try {
      clients.iam().getRole(GetRoleRequest.builder().roleName(role).build());
      return true;
    } catch (NoSuchEntityException e) {
      return false;
    }
  }

  private List<String> attachedPolicies(String role) {
    return clients.iam().listAttachedRolePolicies(ListAttachedRolePoliciesRequest.builder()
        .roleName(role).build()).attachedPolicies().stream().map(AttachedPolicy::policyArn).toList();
  }

  private void ensureInstanceProfile(boolean create, boolean dryRun) {
    InstanceProfile profile = null;
    try {
      profile = clients.iam().getInstanceProfile(GetInstanceProfileRequest.builder()
          .instanceProfileName(INSTANCE_ROLE).build()).instanceProfile();
    } catch (NoSuchEntityException e) {
      if (!create) {
        throw new AwsFailure("use instance profile " + INSTANCE_ROLE, "it does not exist",
            "pass --create-roles to create it", null);
      }
      listener.step("iam", "create", "instance profile " + INSTANCE_ROLE);
      if (!dryRun) {
        clients.iam().createInstanceProfile(CreateInstanceProfileRequest.builder()
            .instanceProfileName(INSTANCE_ROLE).build());
      }
    }
    boolean hasRole = profile != null && profile.roles().stream()
        .anyMatch(r -> r.roleName().equals(INSTANCE_ROLE));
    if (!hasRole) {
      listener.step("iam", "update", "add role " + INSTANCE_ROLE + " to its instance profile");
      if (!dryRun) {
        clients.iam().addRoleToInstanceProfile(AddRoleToInstanceProfileRequest.builder()
            .instanceProfileName(INSTANCE_ROLE).roleName(INSTANCE_ROLE).build());
      }
    }
  }
}
