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
      Set<String> policies) {}

  private record Profile(String name, String id, String path, Instant created, List<String> roles) {}

  private final Context ctx;
  private final Map<String, BiConsumer<Params, Xml>> actions = new LinkedHashMap<>();
  private final Map<String, Role> roles = new LinkedHashMap<>();
  private final Map<String, Profile> profiles = new LinkedHashMap<>();
  private final ObjectMapper json = new ObjectMapper();
  private long ids;

  IamService(Context ctx) {
    this.ctx = ctx;
    actions.put("GetRole", this::getRole);
    actions.put("CreateRole", this::createRole);
    actions.put("AttachRolePolicy", this::attachRolePolicy);
    actions.put("ListAttachedRolePolicies", this::listAttachedRolePolicies);
    actions.put("GetInstanceProfile", this::getInstanceProfile);
    actions.put("CreateInstanceProfile", this::createInstanceProfile);
    actions.put("AddRoleToInstanceProfile", this::addRoleToInstanceProfile);
  }

  Map<String, BiConsumer<Params, Xml>> actions() {
    return actions;
  }

  boolean instanceProfileExists(String name) {
    return profiles.containsKey(name);
  }

  /** Managed policy ARNs attached to the role, in attach order; empty when there is no such role. */
  List<String> attachedPolicies(String role) {
    return Optional.ofNullable(roles.get(role)).map(r -> List.copyOf(r.policies())).orElse(List.of());
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
        trust, p.optional("Description").orElse(""), new LinkedHashSet<>());
    roles.put(name, r);
    ctx.changed();
    x.start("Role");
    role(x, r);
    x.end("Role");
  }

  private void role(Xml x, Role r) {
    x.text("Path", r.path())
        .text("RoleName", r.name())
        .text("RoleId", r.id())
        .text("Arn", "arn:aws:iam::" + ctx.account() + ":role" + r.path() + r.name())
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
    String prefix = "arn:aws:iam::aws:policy/";
    if (!arn.startsWith(prefix) || !MANAGED.contains(arn.substring(arn.lastIndexOf('/') + 1))) {
      throw new AwsError(404, "NoSuchEntity", "Policy " + arn + " does not exist or is not attachable.");
    }
    if (r.policies().add(arn)) {
      ctx.changed();
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
    ctx.changed();
    x.start("InstanceProfile");
    profile(x, prof);
    x.end("InstanceProfile");
  }

  private void profile(Xml x, Profile prof) {
    x.text("Path", prof.path())
        .text("InstanceProfileName", prof.name())
        .text("InstanceProfileId", prof.id())
        .text("Arn", "arn:aws:iam::" + ctx.account() + ":instance-profile" + prof.path() + prof.name())
        .text("CreateDate", prof.created())
        .members("Roles", prof.roles(), (xml, name) -> role(xml, roles.get(name)));
  }

  private void addRoleToInstanceProfile(Params p, Xml x) {
    Profile prof = profile(p.required("InstanceProfileName"));
    Role r = role(p.required("RoleName"));
    if (!prof.roles().isEmpty()) {
      throw new AwsError(409, "LimitExceeded", "Cannot exceed quota for InstanceSessionsPerInstanceProfile: 1");
    }
    prof.roles().add(r.name());
    ctx.changed();
  }
}
