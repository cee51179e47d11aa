package dev.compose2eb.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.compose2eb.plan.Platform;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The policy of {@code compose2eb iam-policy} allows every call the deploy makes, and no more. */
class IamPolicyTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  static final Path MAIN = Path.of(System.getProperty("basedir", ".")).resolve("src/main/java/dev/compose2eb");
  /** SDK calls that need another action's permission. */
  static final Map<String, String> SAME_AS = Map.of("s3:HeadBucket", "s3:ListBucket",
      "s3:HeadObject", "s3:GetObject");

  static Set<String> actions(JsonNode policy) {
    Set<String> out = new TreeSet<>();
    policy.get("Statement").forEach(s -> s.get("Action").forEach(a -> out.add(a.asText())));
    return out;
  }

  /** The AWS calls in the deploy and push code: {@code clients.eb().createApplication(...)}, {@code ecr.createRepository(...)}. */
  static Set<String> callsInSources() throws IOException {
    Pattern call = Pattern.compile("\\.(eb|iam|sts|s3|ecr)\\(\\)\\.([a-z][A-Za-z]+)\\("
        + "|\\b(ecr|ssm|sm)\\.([a-z][A-Za-z]+)\\(");
    Map<String, String> prefix = Map.of("eb", "elasticbeanstalk", "iam", "iam", "sts", "sts",
        "s3", "s3", "ecr", "ecr", "ssm", "ssm", "sm", "secretsmanager");
    Set<String> out = new TreeSet<>();
    for (String pkg : List.of("deploy", "push")) {
      try (Stream<Path> files = Files.walk(MAIN.resolve(pkg))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher m = call.matcher(Files.readString(f));
          while (m.find()) {
            String service = m.group(1) != null ? m.group(1) : m.group(3);
            String method = m.group(2) != null ? m.group(2) : m.group(4);
            String action = prefix.get(service) + ":" + Character.toUpperCase(method.charAt(0))
                + method.substring(1);
            out.add(SAME_AS.getOrDefault(action, action));
          }
        }
      }
    }
    return out;
  }

  @Test
  void everyCallTheDeployMakesIsAllowed() throws IOException {
    JsonNode policy = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(
        List.of("shop-api"), false, true, false, false, Optional.empty())));
    Set<String> calls = callsInSources();
    assertThat(calls).contains("elasticbeanstalk:CreateEnvironment", "iam:CreateRole",
        "sts:GetCallerIdentity", "ecr:CreateRepository", "s3:PutObject", "ssm:PutParameter",
        "secretsmanager:CreateSecret");
    JsonNode sm = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(
        List.of("shop-api"), false, true, false, false, Optional.empty(), Optional.empty(), true)));
    Set<String> allowed = new TreeSet<>(actions(policy));
    allowed.addAll(actions(sm));
    assertThat(allowed).containsAll(calls);
    assertThat(calls.stream().filter(c -> c.startsWith("ssm:")).toList())
        .allMatch(actions(policy)::contains);
    assertThat(calls.stream().filter(c -> c.startsWith("secretsmanager:")).toList())
        .allMatch(actions(sm)::contains);
  }

  @Test
  void secretsAreReadAndWrittenOnlyUnderTheEnvironmentsPath() throws IOException {
    JsonNode ssm = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(List.of(), false, false,
        false, false, Optional.empty(), Optional.of("/compose2eb/shop/shop-prod"), false)));
    assertThat(find(ssm, "Secrets").get("Action").toString())
        .isEqualTo("[\"ssm:GetParameters\",\"ssm:PutParameter\"]");
    assertThat(find(ssm, "Secrets").get("Resource").toString())
        .isEqualTo("[\"arn:aws:ssm:*:*:parameter/compose2eb/shop/shop-prod/*\"]");
    assertThat(actions(ssm)).noneMatch(a -> a.startsWith("secretsmanager:") || a.startsWith("kms:"));
    JsonNode sm = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(List.of(), false, false,
        false, false, Optional.empty(), Optional.of("/compose2eb/shop/shop-prod"), true)));
    assertThat(find(sm, "Secrets").get("Resource").toString())
        .isEqualTo("[\"arn:aws:secretsmanager:*:*:secret:compose2eb/shop/shop-prod/*\"]");
    assertThat(actions(sm)).noneMatch(a -> a.startsWith("ssm:"));
    JsonNode unknown = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(List.of(), false,
        false, false, false, Optional.empty())));
    assertThat(find(unknown, "Secrets").get("Resource").toString())
        .isEqualTo("[\"arn:aws:ssm:*:*:parameter/compose2eb/*/*\"]");
  }

  @Test
  void ecrIsScopedToTheProjectsRepositoriesAndRoleCreationNeedsTheFlag() throws IOException {
    JsonNode policy = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(
        List.of("shop-api", "shop-web"), false, false, false, false, Optional.empty())));
    JsonNode push = find(policy, "EcrPush");
    assertThat(push.get("Resource").toString()).isEqualTo("[\"arn:aws:ecr:*:*:repository/shop-api\","
        + "\"arn:aws:ecr:*:*:repository/shop-web\"]");
    assertThat(actions(policy)).doesNotContain("iam:CreateRole", "rds:CreateDBInstance");
    JsonNode none = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(
        List.of(), false, false, false, false, Optional.empty())));
    assertThat(find(none, "EcrPush")).isNull();
  }

  @Test
  void theDockerPlatformNeedsNoEcsRoleOrPolicyAndOnlyTheManagedPoliciesDeployAttaches()
      throws IOException {
    JsonNode ecs = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(List.of(), false, true,
        false, false, Optional.empty(), Optional.empty(), false, Platform.ECS)));
    JsonNode docker = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(List.of(), false,
        true, false, false, Optional.empty(), Optional.empty(), false, Platform.DOCKER)));
    assertThat(find(ecs, "SecretRoles").get("Resource").toString())
        .contains(SecretAccess.EXECUTION_ROLE);
    assertThat(find(docker, "SecretRoles").get("Resource").toString())
        .isEqualTo("[\"arn:aws:iam::*:role/aws-elasticbeanstalk-ec2-role\"]");
    assertThat(find(docker, "SecretRoles").get("Action").toString()).doesNotContain("CreateRole");
    String ecsArns = find(ecs, "EbRolePolicies").at("/Condition/ArnLike/iam:PolicyARN").toString();
    String dockerArns = find(docker, "EbRolePolicies").at("/Condition/ArnLike/iam:PolicyARN")
        .toString();
    assertThat(ecsArns).contains("arn:*:iam::aws:policy/AWSElasticBeanstalkMulticontainerDocker",
        "arn:*:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly",
        "arn:*:iam::aws:policy/service-role/AWSElasticBeanstalkEnhancedHealth");
    // the instance profile still reads ECR; nothing of ECS
    assertThat(dockerArns).contains("arn:*:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly")
        .doesNotContain("Multicontainer");
    assertThat(docker.toString()).doesNotContain("ecs:", "ecs-task");
    // without --create-roles deploy attaches only ECR read, to the existing instance role
    JsonNode plain = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(List.of(), false,
        false, false, false, Optional.empty(), Optional.empty(), false, Platform.DOCKER)));
    assertThat(find(plain, "EbRolePolicies").at("/Condition/ArnLike/iam:PolicyARN").toString())
        .isEqualTo("[\"arn:*:iam::aws:policy/AmazonEC2ContainerRegistryReadOnly\"]");
  }

  @Test
  void managedServicesAreAllowedOnlyThroughCloudFormation() throws IOException {
    JsonNode policy = MAPPER.readTree(IamPolicy.document(new IamPolicy.Request(
        List.of(), false, false, true, true, Optional.of("/compose2eb/shop/shop-prod"))));
    for (String sid : List.of("ManagedRds", "ManagedElastiCache", "ManagedSecurityGroups")) {
      assertThat(find(policy, sid).get("Condition").toString()).as(sid).isEqualTo(
          "{\"ForAnyValue:StringEquals\":{\"aws:CalledVia\":[\"cloudformation.amazonaws.com\"]}}");
    }
    assertThat(find(policy, "ManagedPasswords").get("Resource").get(0).asText())
        .isEqualTo("arn:aws:ssm:*:*:parameter/compose2eb/shop/shop-prod/*");
    // CloudFormation reads the master passwords; deploy creates them (MasterPasswords)
    assertThat(find(policy, "ManagedPasswords").get("Action").toString())
        .isEqualTo("[\"ssm:GetParameters\",\"ssm:PutParameter\"]");
    assertThat(find(policy, "ManagedServiceLinkedRoles").at("/Condition/StringEquals/iam:AWSServiceName")
        .toString()).isEqualTo("[\"rds.amazonaws.com\",\"elasticache.amazonaws.com\"]");
  }

  private static JsonNode find(JsonNode policy, String sid) {
    for (JsonNode s : policy.get("Statement")) {
      if (s.get("Sid").asText().equals(sid)) {
        return s;
      }
    }
    return null;
  }
}
