package dev.compose2eb.ebextensions;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.compose2eb.dockerrun.DockerrunWriter;
import dev.compose2eb.plan.ManagedEngine;
import dev.compose2eb.plan.ManagedPlan;
import dev.compose2eb.plan.ManagedService;
import dev.compose2eb.plan.SecretPath;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes {@code .ebextensions/compose2eb-managed.config}: the CloudFormation {@code Resources}
 * Elastic Beanstalk adds to the environment's stack for each managed service (the database or
 * cache, and a security group admitting only the environment's instances, {@code
 * AWSEBSecurityGroup}, on the engine's port), and the {@code option_settings} that point the
 * rewired variables at the resource's endpoint (a CloudFormation function in backticks) and the
 * password variables at the Parameter Store parameter (an environment secret). JSON, which EB
 * reads as YAML; fixed key order, two-space indent, LF: the same plan gives the same bytes.
 * docs/managed.md cites what each construct relies on.
 */
public final class ManagedConfigWriter {
  /** Where the file goes in the bundle (and in the output directory). */
  public static final String PATH = ManagedPlan.CONFIG_PATH;
  static final String ENVIRONMENT = "aws:elasticbeanstalk:application:environment";
  static final String SECRETS = "aws:elasticbeanstalk:application:environmentsecrets";
  /** Days of automated RDS backups. */
  static final int BACKUP_DAYS = 7;

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final ObjectWriter JSON = DockerrunWriter.canonicalJson();

  private ManagedConfigWriter() {}

  /**
   * The file text.
   *
   * @param secrets where the environment's secrets live; the master passwords are there
   */
  public static String write(ManagedPlan plan, SecretPath secrets) {
    ObjectNode root = NODES.objectNode();
    ObjectNode resources = root.putObject("Resources");
    Map<String, ObjectNode> settings = new TreeMap<>();
    for (ManagedService m : plan.services()) {
      resources.set(securityGroup(m), securityGroupResource(m));
      resources.set(resource(m), m.engine().isDatabase() ? database(m, secrets) : cache(m));
      for (ManagedService.Rewrite r : m.rewrites()) {
        ObjectNode s = NODES.objectNode();
        s.put("namespace", r.to() == ManagedService.To.PASSWORD ? SECRETS : ENVIRONMENT);
        s.put("option_name", r.variable());
        s.put("value", value(m, r, secrets));
        settings.put(r.variable(), s);
      }
    }
    ArrayNode options = root.putArray("option_settings");
    settings.values().forEach(options::add);
    try {
      return JSON.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the managed services' config", e);
    }
  }

  /** The logical id of the database or cache of {@code m}. */
  public static String resource(ManagedService m) {
    return m.logicalId() + (m.engine().isDatabase() ? "Database" : "Cache");
  }

  /** The logical id of the security group of {@code m}. */
  public static String securityGroup(ManagedService m) {
    return m.logicalId() + "SecurityGroup";
  }

  /** The {@code ssm-secure} dynamic reference to the master password of {@code m}. */
  public static String passwordReference(ManagedService m, SecretPath secrets) {
    return "{{resolve:ssm-secure:" + secrets.name(m.passwordParameter().orElseThrow()) + "}}";
  }

  private static ObjectNode securityGroupResource(ManagedService m) {
    ObjectNode r = NODES.objectNode();
    r.put("Type", "AWS::EC2::SecurityGroup");
    ObjectNode p = r.putObject("Properties");
    // EC2 allows only [a-zA-Z0-9. _-:/()#,@[]+=&;{}!$*] here: no apostrophe
    p.put("GroupDescription", "compose2eb: " + m.engine().title + " of service " + m.service()
        + ", reachable only from the instances of the environment");
    ObjectNode in = p.putArray("SecurityGroupIngress").addObject();
    in.put("IpProtocol", "tcp");
    in.put("FromPort", m.engine().port);
    in.put("ToPort", m.engine().port);
    in.set("SourceSecurityGroupId", getAtt("AWSEBSecurityGroup", "GroupId"));
    return r;
  }

  private static ObjectNode database(ManagedService m, SecretPath secrets) {
    ObjectNode r = NODES.objectNode();
    r.put("Type", ManagedEngine.Service.RDS.resourceType);
    // terminating the environment or replacing the instance leaves a final snapshot, never nothing
    r.put("DeletionPolicy", "Snapshot");
    r.put("UpdateReplacePolicy", "Snapshot");
    ObjectNode p = r.putObject("Properties");
    p.put("Engine", m.engine().cfnEngine);
    p.put("EngineVersion", m.engineVersion());
    p.put("DBInstanceClass", m.instanceClass());
    p.put("AllocatedStorage", Integer.toString(m.storageGib()));
    p.put("StorageType", "gp3");
    p.put("StorageEncrypted", true);
    p.put("MasterUsername", m.username());
    p.put("MasterUserPassword", passwordReference(m, secrets));
    m.database().ifPresent(d -> p.put("DBName", d));
    p.put("BackupRetentionPeriod", BACKUP_DAYS);
    p.put("MultiAZ", false);
    p.put("PubliclyAccessible", false);
    p.putArray("VPCSecurityGroups").add(getAtt(securityGroup(m), "GroupId"));
    tags(p, m);
    return r;
  }

  private static ObjectNode cache(ManagedService m) {
    ObjectNode r = NODES.objectNode();
    r.put("Type", ManagedEngine.Service.ELASTICACHE.resourceType);
    ObjectNode p = r.putObject("Properties");
    p.put("Engine", m.engine().cfnEngine);
    p.put("EngineVersion", m.engineVersion());
    p.put("CacheNodeType", m.instanceClass());
    p.put("NumCacheNodes", 1);
    p.putArray("VpcSecurityGroupIds").add(getAtt(securityGroup(m), "GroupId"));
    tags(p, m);
    return r;
  }

  private static void tags(ObjectNode p, ManagedService m) {
    ObjectNode t = p.putArray("Tags").addObject();
    t.put("Key", "compose2eb:service");
    t.put("Value", m.service());
  }

  /** The endpoint attribute of the resource: RDS's, a Redis OSS or Valkey node's, Memcached's. */
  static String addressAttribute(ManagedEngine e) {
    return switch (e) {
      case POSTGRES, MYSQL, MARIADB -> "Endpoint.Address";
      case REDIS, VALKEY -> "RedisEndpoint.Address";
      case MEMCACHED -> "ConfigurationEndpoint.Address";
    };
  }

  /**
   * An option value: a literal, or a CloudFormation function in backticks, which Elastic Beanstalk
   * evaluates in option_settings as it does in Resources.
   */
  private static String value(ManagedService m, ManagedService.Rewrite r, SecretPath secrets) {
    return switch (r.to()) {
      case USERNAME -> r.before();
      case ENDPOINT -> {
        JsonNode address = getAtt(resource(m), addressAttribute(m.engine()));
        yield backticks(r.before().isEmpty() && r.after().isEmpty() ? address
            : join(text(r.before()), address, text(r.after())));
      }
      case PASSWORD -> backticks(join(text("arn:"), ref("AWS::Partition"), text(":ssm:"),
          ref("AWS::Region"), text(":"), ref("AWS::AccountId"),
          text(":parameter" + secrets.name(m.passwordParameter().orElseThrow()))));
    };
  }

  private static JsonNode text(String s) {
    return NODES.textNode(s);
  }

  private static ObjectNode ref(String name) {
    ObjectNode o = NODES.objectNode();
    o.put("Ref", name);
    return o;
  }

  private static ObjectNode getAtt(String resource, String attribute) {
    ObjectNode o = NODES.objectNode();
    o.putArray("Fn::GetAtt").add(resource).add(attribute);
    return o;
  }

  private static ObjectNode join(JsonNode... parts) {
    ObjectNode o = NODES.objectNode();
    ArrayNode args = o.putArray("Fn::Join");
    args.add("");
    ArrayNode list = args.addArray();
    for (JsonNode p : parts) {
      if (!(p.isTextual() && p.asText().isEmpty())) {
        list.add(p);
      }
    }
    return o;
  }

  private static String backticks(JsonNode function) {
    try {
      return "`" + MAPPER.writeValueAsString(function) + "`";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise a function", e);
    }
  }
}
