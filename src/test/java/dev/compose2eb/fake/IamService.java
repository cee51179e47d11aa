package dev.compose2eb.fake;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * IAM (query protocol, API 2010-05-08): roles with trust policies and attached managed policies, instance
 * profiles holding at most one role. Error codes, HTTP statuses and messages as IAM answers them. As in
 * IAM, GetRole returns the trust policy URL-encoded.
 */
final class IamService {
  static final String NAMESPACE = "https://iam.amazonaws.com/doc/2010-05-08/";

  /** AWS managed policies the fake knows; attaching any other ARN is NoSuchEntity, as in IAM. */
  private static final Set<String> MANAGED = Set.of(
      "AWSElasticBeanstalkWebTier", "AWSElasticBeanstalkMulticontainerDocker", "AWSElasticBeanstalkWorkerTier",
      "AWSElasticBeanstalkEnhancedHealth", "AWSElasticBeanstalkManagedUpdatesCustomerRolePolicy",
      "AWSElasticBeanstalkService", "AmazonEC2ContainerRegistryReadOnly", "AmazonEC2ContainerRegistryPullOnly",
      "AmazonEC2ContainerRegistryPowerUser", "AmazonSSMManagedInstanceCore");

  private record Role(String name, String id, String path, Instant created, String trust, String description,
      Set<String> policies, Map<String, String> inline) {}

  private record Profile(String name, String id, String path, Instant created, List<String> roles) {}

  private final Context ctx;
  private final Map<String, BiConsumer<Params, Xml>> actions = new LinkedHashMap<>();
  private final Map<String, Role> roles = new LinkedHashMap<>();
  private final Map<String, Profile> profiles = new LinkedHashMap<>();
  private final ObjectMapper json = new ObjectMapper();
  private long ids;
  private int propagationDelay;
  private int unpropagatedUses;

  IamService(Context ctx) {
    this.ctx = ctx;
    actions.put("GetRole", this::getRole);
    actions.put("CreateRole", this::createRole);
    actions.put("AttachRolePolicy", this::attachRolePolicy);
    actions.put("ListAttachedRolePolicies", this::listAttachedRolePolicies);
    actions.put("GetInstanceProfile", this::getInstanceProfile);
    actions.put("CreateInstanceProfile", this::createInstanceProfile);
    actions.put("AddRoleToInstanceProfile", this::addRoleToInstanceProfile);
    actions.put("PutRolePolicy", this::putRolePolicy);
    actions.put("ListRolePolicies", this::listRolePolicies);
    actions.put("GetRolePolicy", this::getRolePolicy);
  }

  Map<String, BiConsumer<Params, Xml>> actions() {
    return actions;
  }

  boolean instanceProfileExists(String name) {
    return profiles.containsKey(name);
  }

  /**
   * IAM is eventually consistent: after each change, the next {@code uses} uses of an instance profile by
   * another service (EB's CreateEnvironment) do not see it yet.
   */
  void propagationDelay(int uses) {
    propagationDelay = Math.max(0, uses);
  }

  /** Why EB cannot use the instance profile now, as EB words it; empty when it can. */
  Optional<String> instanceProfileProblem(String name) {
    if (!profiles.containsKey(name)) {
      return Optional.of("Invalid IamInstanceProfile: " + name);
    }
    if (unpropagatedUses > 0) {
      unpropagatedUses--;
      return Optional.of("The instance profile " + name + " associated with the environment does not exist.");
    }
    return Optional.empty();
  }

  private void iamChanged() {
    ctx.changed();
    unpropagatedUses = propagationDelay;
  }

  /** Managed policy ARNs attached to the role, in attach order; empty when there is no such role. */
  List<String> attachedPolicies(String role) {
    return Optional.ofNullable(roles.get(role)).map(r -> List.copyOf(r.policies())).orElse(List.of());
  }

  /** An inline policy's document as given to PutRolePolicy. */
  Optional<String> rolePolicy(String role, String policy) {
    return Optional.ofNullable(roles.get(role)).map(r -> r.inline().get(policy));
  }

  Optional<String> trustPolicy(String role) {
    return Optional.ofNullable(roles.get(role)).map(Role::trust);
  }

  List<String> instanceProfileRoles(String profile) {
    return Optional.ofNullable(profiles.get(profile)).map(p -> List.copyOf(p.roles())).orElse(List.of());
  }

  private Role role(String name) {
    Role r = roles.get(name);
    if (r == null) {
      throw new AwsError(404, "NoSuchEntity", "The role with name " + name + " cannot be found.");
    }
    return r;
  }

  private Profile profile(String name) {
    Profile p = profiles.get(name);
    if (p == null) {
      throw new AwsError(404, "NoSuchEntity", "Instance Profile " + name + " cannot be found.");
    }
    return p;
  }

  private void getRole(Params p, Xml x) {
    x.start("Role");
    role(x, role(p.required("RoleName")));
    x.end("Role");
  }

  private void createRole(Params p, Xml x) {
    String name = p.required("RoleName");
    String trust = p.required("AssumeRolePolicyDocument");
    if (roles.containsKey(name)) {
      throw new AwsError(409, "EntityAlreadyExists", "Role with name " + name + " already exists.");
    }
    try {
      json.readTree(trust);
    } catch (JsonProcessingException e) {
      throw AwsError.sender("MalformedPolicyDocument", "This policy contains invalid Json");
    }
    Role r = new Role(name, Context.id("AROA", ++ids, 17, true), p.optional("Path").orElse("/"), ctx.now(),
        trust, p.optional("Description").orElse(""), new LinkedHashSet<>(), new LinkedHashMap<>());
    roles.put(name, r);
    iamChanged();
    x.start("Role");
    role(x, r);
    x.end("Role");
  }

  private void role(Xml x, Role r) {
    x.text("Path", r.path())
        .text("RoleName", r.name())
        .text("RoleId", r.id())
        .text("Arn", "arn:" + ctx.partition() + ":iam::" + ctx.account() + ":role" + r.path() + r.name())
        .text("CreateDate", r.created())
        .text("AssumeRolePolicyDocument", URLEncoder.encode(r.trust(), StandardCharsets.UTF_8).replace("+", "%20"));
    if (!r.description().isEmpty()) {
      x.text("Description", r.description());
    }
    x.text("MaxSessionDuration", 3600);
  }

  private void attachRolePolicy(Params p, Xml x) {
    Role r = role(p.required("RoleName"));
    String arn = p.required("PolicyArn");
    String prefix = "arn:" + ctx.partition() + ":iam::aws:policy/";
    if (!arn.startsWith(prefix) || !MANAGED.contains(arn.substring(arn.lastIndexOf('/') + 1))) {
      throw new AwsError(404, "NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.");
    }
    if (r.policies().add(arn)) {
      iamChanged();
    }
  }

  private void listAttachedRolePolicies(Params p, Xml x) {
    Role r = role(p.required("RoleName"));
    x.members("AttachedPolicies", r.policies(), (xml, arn) -> xml
            .text("PolicyName", arn.substring(arn.lastIndexOf('/') + 1))
            .text("PolicyArn", arn))
        .text("IsTruncated", false);
  }

  private void getInstanceProfile(Params p, Xml x) {
    x.start("InstanceProfile");
    profile(x, profile(p.required("InstanceProfileName")));
    x.end("InstanceProfile");
  }

  private void createInstanceProfile(Params p, Xml x) {
    String name = p.required("InstanceProfileName");
    if (profiles.containsKey(name)) {
      throw new AwsError(409, "EntityAlreadyExists", "Instance Profile " + name + " already exists.");
    }
    Profile prof = new Profile(name, Context.id("AIPA", ++ids, 17, true), p.optional("Path").orElse("/"),
        ctx.now(), new java.util.ArrayList<>());
    profiles.put(name, prof);
    iamChanged();
    x.start("InstanceProfile");
    profile(x, prof);
    x.end("InstanceProfile");
  }

  private void profile(Xml x, Profile prof) {
    x.text("Path", prof.path())
        .text("InstanceProfileName", prof.name())
        .text("InstanceProfileId", prof.id())
        .text("Arn", "arn:" + ctx.partition() + ":iam::" + ctx.account() + ":instance-profile" + prof.path()
            + prof.name())
        .text("CreateDate", prof.created())
        .members("Roles", prof.roles(), (xml, name) -> role(xml, roles.get(name)));
  }

  /** Inline policies: stored as given, returned URL-encoded as IAM does. */
  private void putRolePolicy(Params p, Xml x) {
    Role r = role(p.required("RoleName"));
    String doc = p.required("PolicyDocument");
    try {
      json.readTree(doc);
    } catch (JsonProcessingException e) {
      throw AwsError.sender("MalformedPolicyDocument", "This policy contains invalid Json");
    }
    r.inline().put(p.required("PolicyName"), doc);
    iamChanged();
  }

  private void listRolePolicies(Params p, Xml x) {
    Role r = role(p.required("RoleName"));
    x.strings("PolicyNames", List.copyOf(r.inline().keySet())).text("IsTruncated", false);
  }

  private void getRolePolicy(Params p, Xml x) {
    Role r = role(p.required("RoleName"));
    String name = p.required("PolicyName");
    String doc = r.inline().get(name);
    if (doc == null) {
      throw new AwsError(404, "NoSuchEntity", "The role policy with name " + name + " cannot be found.");
    }
    x.text("RoleName", r.name()).text("PolicyName", name)
        .text("PolicyDocument", URLEncoder.encode(doc, StandardCharsets.UTF_8).replace("+", "%20"));
  }

  private void addRoleToInstanceProfile(Params p, Xml x) {
    Profile prof = profile(p.required("InstanceProfileName"));
    Role r = role(p.required("RoleName"));
    if (!prof.roles().isEmpty()) {
      throw new AwsError(409, "LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
    }
    prof.roles().add(r.name());
    iamChanged();
  }
}
