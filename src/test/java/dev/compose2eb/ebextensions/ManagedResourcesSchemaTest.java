package dev.compose2eb.ebextensions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.dialect.Dialect;
import com.networknt.schema.dialect.Dialects;
import com.networknt.schema.keyword.KeywordType;
import com.networknt.schema.keyword.NonValidationKeyword;
import dev.compose2eb.compose.load.ComposeLoader;
import dev.compose2eb.compose.load.LoadRequest;
import dev.compose2eb.plan.ManagedPlan;
import dev.compose2eb.plan.ManagedPlanner;
import dev.compose2eb.plan.SecretPath;
import dev.compose2eb.translate.LocalProjectFiles;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The Resources of compose2eb-managed.config checked against AWS's CloudFormation resource schemas
 * (src/test/resources/cloudformation, see its README), and the promises of the file: snapshots of
 * databases, a security group admitting only the environment's instances, no password.
 */
class ManagedResourcesSchemaTest {
  static final ObjectMapper MAPPER = new ObjectMapper();
  /**
   * Draft-07 plus the keywords of CloudFormation's resource schemas: {@code dependentRequired}
   * (JSON Schema 2019-09) is checked; the CloudFormation and cfn-lint annotations, which say
   * nothing about a template's values, are known and ignored.
   */
  static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(Dialect.builder(Dialects.getDraft7())
      .keyword(KeywordType.DEPENDENT_REQUIRED)
      .keywords(Stream.of("typeName", "sourceUrl", "handlers", "tagging", "primaryIdentifier",
              "readOnlyProperties", "writeOnlyProperties", "createOnlyProperties",
              "conditionalCreateOnlyProperties", "deprecatedProperties", "propertyTransform",
              "insertionOrder", "awsType", "cfnLint", "cfnSchema", "cfnRegionSchema", "requiredXor")
          .map(NonValidationKeyword::new).toList())
      .build());
  static final Map<String, String> SCHEMAS = Map.of(
      "AWS::RDS::DBInstance", "aws-rds-dbinstance.json",
      "AWS::ElastiCache::CacheCluster", "aws-elasticache-cachecluster.json",
      "AWS::EC2::SecurityGroup", "aws-ec2-securitygroup.json");

  static ManagedPlan plan(String sample, String... managed) {
    var p = ComposeLoader.load(LoadRequest.inDirectory(Path.of("samples", sample), Map.of())).project();
    return ManagedPlanner.plan(p, List.of(managed), new LocalProjectFiles(p.workingDir()));
  }

  static Schema schema(String type) throws IOException {
    String file = SCHEMAS.get(type);
    assertThat(file).as("a schema for " + type).isNotNull();
    try (InputStream in = ManagedResourcesSchemaTest.class.getResourceAsStream("/cloudformation/" + file)) {
      // the schemas' patterns are ECMA-262, where "[" inside a class is a literal; Java needs "\["
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("#,@[\\\\]", "#,@\\\\[\\\\]");
      ObjectNode s = (ObjectNode) MAPPER.readTree(text);
      // two files name CloudFormation's meta-schema, which is not JSON Schema's: read them as draft-07
      s.remove("$schema");
      return REGISTRY.getSchema(s);
    }
  }

  /** The schemas type values literally: an intrinsic function stands for a string it resolves to. */
  static JsonNode resolved(JsonNode n) {
    if (n instanceof ObjectNode o) {
      if (o.size() == 1 && (o.has("Ref") || o.fieldNames().next().startsWith("Fn::"))) {
        return TextNode.valueOf("resolved-" + o.fieldNames().next());
      }
      ObjectNode out = MAPPER.createObjectNode();
      o.fields().forEachRemaining(e -> out.set(e.getKey(), resolved(e.getValue())));
      return out;
    }
    if (n instanceof ArrayNode a) {
      ArrayNode out = MAPPER.createArrayNode();
      a.forEach(x -> out.add(resolved(x)));
      return out;
    }
    return n;
  }

  static List<String> violations(JsonNode resource) throws IOException {
    List<String> out = new ArrayList<>();
    for (Error e : schema(resource.get("Type").asText()).validate(
        MAPPER.writeValueAsString(resolved(resource.get("Properties"))), InputFormat.JSON)) {
      out.add(e.toString());
    }
    return out;
  }

  static JsonNode config(ManagedPlan plan) throws IOException {
    return MAPPER.readTree(ManagedConfigWriter.write(plan, new SecretPath("app", "prod")));
  }

  @Test
  void everyGeneratedResourceMatchesItsCloudFormationSchema() throws IOException {
    int checked = 0;
    for (ManagedPlan plan : List.of(plan("multi-docker", "postgres", "redis"),
        plan("nest-postgres", "postgresdb"))) {
      for (Iterator<Map.Entry<String, JsonNode>> it = config(plan).get("Resources").fields();
          it.hasNext(); ) {
        Map.Entry<String, JsonNode> r = it.next();
        assertThat(violations(r.getValue())).as(r.getKey()).isEmpty();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(6);
  }

  @Test
  void theValidatorRejectsAnInvalidResource() throws IOException {
    JsonNode cache = config(plan("multi-docker", "redis")).get("Resources").get("Compose2ebRedisCache");
    ObjectNode broken = cache.deepCopy();
    ((ObjectNode) broken.get("Properties")).remove("CacheNodeType");
    ((ObjectNode) broken.get("Properties")).put("NumCacheNodes", "one");
    ((ObjectNode) broken.get("Properties")).put("Colour", "blue");
    assertThat(violations(broken)).hasSize(3).anyMatch(v -> v.contains("CacheNodeType"))
        .anyMatch(v -> v.contains("NumCacheNodes")).anyMatch(v -> v.contains("Colour"));
    ObjectNode db = config(plan("nest-postgres", "postgresdb")).get("Resources")
        .get("Compose2ebPostgresdbDatabase").deepCopy();
    ((ObjectNode) db.get("Properties")).put("BackupRetentionPeriod", 90);
    assertThat(violations(db)).singleElement().asString().contains("BackupRetentionPeriod");
    // dependentRequired (2019-09) is checked, not merely known: egress rules need the VPC named
    ObjectNode group = config(plan("multi-docker", "redis")).get("Resources")
        .get("Compose2ebRedisSecurityGroup").deepCopy();
    ObjectNode props = (ObjectNode) group.get("Properties");
    props.remove("VpcId");
    props.putArray("SecurityGroupEgress").addObject().put("IpProtocol", "-1").put("CidrIp", "0.0.0.0/0");
    assertThat(violations(group)).singleElement().asString().contains("VpcId");
  }

  @Test
  void databasesSnapshotOnDeleteAndOnlyTheEnvironmentsInstancesReachThem() throws IOException {
    JsonNode res = config(plan("multi-docker", "postgres", "redis")).get("Resources");
    JsonNode db = res.get("Compose2ebPostgresDatabase");
    assertThat(db.get("DeletionPolicy").asText()).isEqualTo("Snapshot");
    assertThat(db.get("UpdateReplacePolicy").asText()).isEqualTo("Snapshot");
    assertThat(db.at("/Properties/PubliclyAccessible").asBoolean()).isFalse();
    assertThat(db.at("/Properties/MasterUserPassword").asText()).isEqualTo(
        "{{resolve:ssm-secure:/compose2eb/app/prod/COMPOSE2EB_POSTGRES_MASTER_PASSWORD}}");
    for (String name : List.of("Compose2ebPostgresSecurityGroup", "Compose2ebRedisSecurityGroup")) {
      JsonNode ingress = res.get(name).at("/Properties/SecurityGroupIngress");
      assertThat(ingress).hasSize(1);
      assertThat(ingress.get(0).get("SourceSecurityGroupId").toString())
          .isEqualTo("{\"Fn::GetAtt\":[\"AWSEBSecurityGroup\",\"GroupId\"]}");
      assertThat(ingress.get(0).has("CidrIp")).isFalse();
    }
    assertThat(res.at("/Compose2ebPostgresSecurityGroup/Properties/SecurityGroupIngress/0/FromPort")
        .asInt()).isEqualTo(5432);
    assertThat(res.at("/Compose2ebRedisSecurityGroup/Properties/SecurityGroupIngress/0/ToPort")
        .asInt()).isEqualTo(6379);
  }

  @Test
  void theFileIsTheSameBytesEveryTimeAndHoldsNoPassword() {
    String a = ManagedConfigWriter.write(plan("multi-docker", "postgres", "redis"), new SecretPath("a", "b"));
    String b = ManagedConfigWriter.write(plan("multi-docker", "redis", "postgres"), new SecretPath("a", "b"));
    assertThat(a).isEqualTo(b).endsWith("}\n").doesNotContain("\r", "postgres_password");
    String nest = ManagedConfigWriter.write(plan("nest-postgres", "postgresdb"), new SecretPath("a", "b"));
    assertThat(nest).doesNotContain("\"example\"", ":example@", "example-jwt-secret");
    assertThat(new String(nest.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8))
        .contains("\"option_name\": \"DB_HOST\"",
            "\"value\": \"`{\\\"Fn::GetAtt\\\":[\\\"Compose2ebPostgresdbDatabase\\\",\\\"Endpoint.Address\\\"]}`\"");
  }
}
