package dev.compose2eb.deploy;

import dev.compose2eb.aws.AwsFailure;
import dev.compose2eb.aws.Deadline;
import dev.compose2eb.plan.Platform;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.iam.model.AddRoleToInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.AttachRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.AttachedPolicy;
import software.amazon.awssdk.services.iam.model.CreateInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.CreateRoleRequest;
import software.amazon.awssdk.services.iam.model.GetInstanceProfileRequest;
import software.amazon.awssdk.services.iam.model.GetRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.GetRoleRequest;
import software.amazon.awssdk.services.iam.model.InstanceProfile;
import software.amazon.awssdk.services.iam.model.ListAttachedRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.ListRolePoliciesRequest;
import software.amazon.awssdk.services.iam.model.NoSuchEntityException;
import software.amazon.awssdk.services.iam.model.PutRolePolicyRequest;
import software.amazon.awssdk.services.iam.model.Role;

/**
 * EB's default instance profile and service role. They are created only when asked; the instance
 * role always gets ECR read access, which EB's managed policies lack (the cause of "pull access
 * denied" on many first deploys). Policy ARNs and trust principals follow the caller's partition.
 */
final class Roles {
  static final String INSTANCE_ROLE = "aws-elasticbeanstalk-ec2-role";
  static final String SERVICE_ROLE = "aws-elasticbeanstalk-service-role";
  static final String ECR_READ = "AmazonEC2ContainerRegistryReadOnly";
  /** Managed policies that let an instance pull from ECR. */
  static final List<String> ECR_PULLING = List.of(ECR_READ, "AmazonEC2ContainerRegistryPullOnly",
      "AmazonEC2ContainerRegistryPowerUser", "AmazonEC2ContainerRegistryFullAccess");
  static final List<String> INSTANCE_POLICIES = List.of(
      "AWSElasticBeanstalkWebTier",
      "AWSElasticBeanstalkMulticontainerDocker",
      "AWSElasticBeanstalkWorkerTier",
      ECR_READ);
  /**
   * The Docker platform runs no ECS agent, so its instance role needs none of the ECS actions of
   * AWSElasticBeanstalkMulticontainerDocker; it keeps ECR read access to pull the images.
   */
  static final List<String> DOCKER_INSTANCE_POLICIES = INSTANCE_POLICIES.stream()
      .filter(p -> !p.equals("AWSElasticBeanstalkMulticontainerDocker")).toList();
  static final List<String> SERVICE_POLICIES = List.of(
      "service-role/AWSElasticBeanstalkEnhancedHealth",
      "AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy");

  private final Clients clients;
  private final DeployListener listener;
  private final Partition partition;
  private boolean changed;

  Roles(Clients clients, DeployListener listener, Partition partition) {
    this.clients = clients;
    this.listener = listener;
    this.partition = partition;
  }

  String ecsTasksTrust() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"" + partition.servicePrincipal("ecs-tasks") + "\"},"
        + "\"Action\":\"sts:AssumeRole\"}]}";
  }

  String ec2Trust() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"" + partition.servicePrincipal("ec2") + "\"},"
        + "\"Action\":\"sts:AssumeRole\"}]}";
  }

  String ebTrust() {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
        + "\"Principal\":{\"Service\":\"" + partition.servicePrincipal("elasticbeanstalk") + "\"},"
        + "\"Action\":\"sts:AssumeRole\","
        + "\"Condition\":{\"StringEquals\":{\"sts:ExternalId\":\"elasticbeanstalk\"}}}]}";
  }

  /** The managed policies a new instance role gets on {@code platform}. */
  static List<String> instancePolicies(Platform platform) {
    return platform == Platform.DOCKER ? DOCKER_INSTANCE_POLICIES : INSTANCE_POLICIES;
  }

  /** Makes sure both roles and the instance profile exist with their policies for the platform. */
  void ensure(Platform platform, boolean create, boolean dryRun) {
    ensureRole(INSTANCE_ROLE, ec2Trust(), instancePolicies(platform), create, dryRun);
    ensureInstanceProfile(create, dryRun);
    ensureRole(SERVICE_ROLE, ebTrust(), SERVICE_POLICIES, create, dryRun);
  }

  /** True when {@link #ensure} or {@link #ensureEcrAccess} wrote to IAM. */
  boolean changed() {
    return changed;
  }

  /**
   * After a change, waits (bounded) until IAM itself returns the instance profile with its role and
   * the service role. Other services may still not see them for a while: the caller retries those.
   */
  void awaitVisible(Waiter waiter, Deadline deadline) {
    while (true) {
      try {
        InstanceProfile p = clients.iam().getInstanceProfile(GetInstanceProfileRequest.builder()
            .instanceProfileName(INSTANCE_ROLE).build()).instanceProfile();
        if (p.roles().stream().anyMatch(r -> r.roleName().equals(INSTANCE_ROLE)) && roleExists(SERVICE_ROLE)) {
          return;
        }
      } catch (NoSuchEntityException e) {
        // not there yet
      }
      if (!waiter.pause(deadline)) {
        throw new AwsFailure("wait for the new IAM roles", "IAM does not return them yet",
            "run the deploy again in a minute (IAM changes take a while to propagate)", null);
      }
    }
  }

  /** Whether EB's service role exists, for the application's version lifecycle. */
  boolean serviceRoleExists() {
    return roleExists(SERVICE_ROLE);
  }

  /**
   * Makes sure the role of an existing environment's instance profile can pull from ECR: a managed
   * ECR policy attached, or an inline policy allowing {@code ecr:BatchGetImage}. Attaches the
   * read-only policy when {@code attach}, else fails before anything is deployed.
   */
  void ensureEcrAccess(String instanceProfile, String environment, boolean attach, boolean dryRun) {
    String name = instanceProfile.substring(instanceProfile.lastIndexOf('/') + 1);
    List<Role> roles;
    try {
      roles = clients.iam().getInstanceProfile(GetInstanceProfileRequest.builder()
          .instanceProfileName(name).build()).instanceProfile().roles();
    } catch (NoSuchEntityException e) {
      throw new AwsFailure("check ECR access of environment " + environment,
          "its instance profile " + name + " does not exist",
          "give the environment an existing instance profile (EB console, Configuration > Security)", e);
    }
    if (roles.isEmpty()) {
      throw new AwsFailure("check ECR access of environment " + environment,
          "its instance profile " + name + " holds no role",
          "add a role to it: `aws iam add-role-to-instance-profile --instance-profile-name " + name
              + " --role-name <role>`", null);
    }
    String role = roles.get(0).roleName();
    if (canPullFromEcr(role)) {
      listener.step("iam", "reuse", "role " + role + " of " + environment + " can pull from ECR");
      return;
    }
    String policy = partition.managedPolicy(ECR_READ);
    if (!attach) {
      throw new AwsFailure("deploy images from ECR to environment " + environment,
          "its instance role " + role + " cannot pull from ECR (no ECR policy attached), so EB would"
              + " fail with CannotPullContainerError",
          "pass --create-roles to attach " + ECR_READ + ", or run `aws iam attach-role-policy --role-name "
              + role + " --policy-arn " + policy + "`", null);
    }
    listener.step("iam", "update", "attach " + ECR_READ + " to " + role);
    if (!dryRun) {
      clients.iam().attachRolePolicy(AttachRolePolicyRequest.builder().roleName(role).policyArn(policy).build());
      changed = true;
    }
  }

  private boolean canPullFromEcr(String role) {
    List<String> attached = attachedPolicies(role);
    if (ECR_PULLING.stream().map(partition::managedPolicy).anyMatch(attached::contains)) {
      return true;
    }
    for (String inline : clients.iam().listRolePolicies(ListRolePoliciesRequest.builder().roleName(role)
        .build()).policyNames()) {
      String doc = clients.iam().getRolePolicy(GetRolePolicyRequest.builder().roleName(role)
          .policyName(inline).build()).policyDocument();
      // IAM returns the document URL-encoded; a statement naming ecr:BatchGetImage (or ecr:*) is enough
      String text = URLDecoder.decode(doc, StandardCharsets.UTF_8).replace(" ", "");
      if (text.contains("\"ecr:BatchGetImage\"") || text.contains("\"ecr:*\"")
          || text.contains("\"Action\":\"*\"") || text.contains("\"Action\":[\"*\"")) {
        return true;
      }
    }
    return false;
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
        changed = true;
      }
    }
    List<String> attached = exists ? attachedPolicies(role) : List.of();
    // existing roles get only ECR read access added; their other policies are the owner's business
    List<String> wanted = (exists ? policies.stream().filter(ECR_READ::equals).toList() : policies)
        .stream().map(partition::managedPolicy).toList();
    for (String policy : wanted) {
      if (!attached.contains(policy)) {
        listener.step("iam", "update", "attach " + policy.substring(policy.lastIndexOf('/') + 1)
            + " to " + role);
        if (!dryRun) {
          clients.iam().attachRolePolicy(AttachRolePolicyRequest.builder().roleName(role)
              .policyArn(policy).build());
          changed = true;
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
    Optional<InstanceProfile> profile;
    try {
      profile = Optional.of(clients.iam().getInstanceProfile(GetInstanceProfileRequest.builder()
          .instanceProfileName(INSTANCE_ROLE).build()).instanceProfile());
    } catch (NoSuchEntityException e) {
      if (!create) {
        throw new AwsFailure("use instance profile " + INSTANCE_ROLE, "it does not exist",
            "pass --create-roles to create it", null);
      }
      profile = Optional.empty();
      listener.step("iam", "create", "instance profile " + INSTANCE_ROLE);
      if (!dryRun) {
        clients.iam().createInstanceProfile(CreateInstanceProfileRequest.builder()
            .instanceProfileName(INSTANCE_ROLE).build());
        changed = true;
      }
    }
    boolean hasRole = profile.isPresent() && profile.get().roles().stream()
        .anyMatch(r -> r.roleName().equals(INSTANCE_ROLE));
    if (!hasRole) {
      listener.step("iam", "update", "add role " + INSTANCE_ROLE + " to its instance profile");
      if (!dryRun) {
        clients.iam().addRoleToInstanceProfile(AddRoleToInstanceProfileRequest.builder()
            .instanceProfileName(INSTANCE_ROLE).roleName(INSTANCE_ROLE).build());
        changed = true;
      }
    }
  }

  /**
   * Read access to this environment's secrets for the instance role and, on the ECS platform, the
   * task execution role (created when missing and asked to). Without {@code create}, a missing execution role is an
   * error (the Dockerrun names it) and a missing or different policy is only reported: access may
   * come from a policy of the owner's own.
   */
  void ensureSecretAccess(SecretAccess access, boolean create, boolean dryRun) {
    // the Docker platform runs no ECS task: EB hands the values to docker compose itself
    if (access.needsExecutionRole()) {
      ensureExecutionRole(create, dryRun);
    }
    ensureInlinePolicy(INSTANCE_ROLE, access.policyName(), access.instancePolicy(), create, dryRun);
    if (access.needsExecutionRole()) {
      ensureInlinePolicy(SecretAccess.EXECUTION_ROLE, access.policyName(), access.executionPolicy(),
          create, dryRun);
    }
  }

  private void ensureExecutionRole(boolean create, boolean dryRun) {
    boolean exists = roleExists(SecretAccess.EXECUTION_ROLE);
    if (!exists && !create) {
      throw new AwsFailure("use IAM role " + SecretAccess.EXECUTION_ROLE, "it does not exist, and the"
          + " containers need it to receive their secrets",
          "pass --create-roles, or create it as docs/deploy.md#secrets shows", null);
    }
    if (!exists) {
      listener.step("iam", "create", "role " + SecretAccess.EXECUTION_ROLE);
      if (!dryRun) {
        clients.iam().createRole(CreateRoleRequest.builder().roleName(SecretAccess.EXECUTION_ROLE)
            .assumeRolePolicyDocument(ecsTasksTrust())
            .description("ECS task execution role for secrets, created by compose2eb").build());
        changed = true;
      }
    }
  }

  private void ensureInlinePolicy(String role, String name, String document, boolean create,
      boolean dryRun) {
    Optional<String> current = Optional.empty();
    if (!dryRun || roleExists(role)) {
      try {
        current = Optional.of(URLDecoder.decode(clients.iam().getRolePolicy(GetRolePolicyRequest.builder()
            .roleName(role).policyName(name).build()).policyDocument(), StandardCharsets.UTF_8));
      } catch (NoSuchEntityException e) {
        // no such policy yet
      }
    }
    if (current.isPresent() && current.get().equals(document)) {
      return;
    }
    if (!create) {
      listener.step("iam", "missing", "policy " + name + " on " + role + " (read access to the secrets);"
          + " pass --create-roles to " + (current.isPresent() ? "update" : "add") + " it");
      return;
    }
    listener.step("iam", current.isPresent() ? "update" : "create", "policy " + name + " on " + role
        + " (read access to the secrets)");
    if (!dryRun) {
      clients.iam().putRolePolicy(PutRolePolicyRequest.builder().roleName(role).policyName(name)
          .policyDocument(document).build());
      changed = true;
    }
  }
}
