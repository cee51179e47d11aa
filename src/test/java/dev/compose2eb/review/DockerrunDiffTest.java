package dev.compose2eb.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.dockerrun.DockerrunReader;
import org.junit.jupiter.api.Test;

class DockerrunDiffTest {
  private static final Dockerrun BEFORE = DockerrunReader.read("a.json", """
      {"AWSEBDockerrunVersion": 2,
       "volumes": [{"name": "conf", "host": {"sourcePath": "/var/app/current/nginx"}},
                   {"name": "old", "host": {"sourcePath": "/tmp/old"}}],
       "containerDefinitions": [
        {"name": "web", "image": "nginx:1.25", "memory": 128, "links": ["api:backend", "redis"],
         "portMappings": [{"containerPort": 80, "hostPort": 80}],
         "mountPoints": [{"sourceVolume": "conf", "containerPath": "/etc/nginx/conf.d", "readOnly": true}]},
        {"name": "api", "image": "api:1", "memoryReservation": 256, "command": ["npm", "start"],
         "environment": [{"name": "A", "value": "1"}, {"name": "B", "value": "2"}]},
        {"name": "redis", "image": "redis:7", "memoryReservation": 64}
      ]}
      """);

  @Test
  void reportsChangesByContainerAndField() {
    Dockerrun after = DockerrunReader.read("b.json", """
        {"containerDefinitions": [
          {"name": "api", "image": "api:1", "memoryReservation": 512, "command": ["npm", "run", "serve"],
           "environment": [{"name": "B", "value": "2"}, {"name": "A", "value": "one"}, {"name": "C", "value": ""}],
           "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}]},
          {"name": "web", "image": "nginx:1.27", "memory": 128, "links": ["api:backend"],
           "portMappings": [{"containerPort": 8080, "hostPort": 80}],
           "mountPoints": [{"sourceVolume": "conf", "containerPath": "/etc/nginx/conf.d", "readOnly": true}]},
          {"name": "db", "image": "postgres:16", "memoryReservation": 256, "essential": false}
        ],
        "volumes": [{"name": "conf", "host": {"sourcePath": "/var/app/current/nginx2"}}, {"name": "data"}],
        "authentication": {"bucket": "b", "key": "k"},
        "AWSEBDockerrunVersion": 2}
        """);
    assertThat(DockerrunDiff.diff(BEFORE, after)).containsExactly(
        "~ volume conf: \"/var/app/current/nginx\" -> \"/var/app/current/nginx2\"",
        "+ volume data",
        "- volume old",
        "+ authentication: s3://b/k",
        "~ api.memoryReservation: 256 -> 512",
        "+ api.dependsOn[db]: HEALTHY",
        "~ api.environment[A]: \"1\" -> \"one\"",
        "+ api.environment[C]: \"\"",
        "~ api.command: [\"npm\", \"start\"] -> [\"npm\", \"run\", \"serve\"]",
        "+ container db",
        "- container redis",
        "~ web.image: \"nginx:1.25\" -> \"nginx:1.27\"",
        "- web.portMappings[80:80/tcp]",
        "+ web.portMappings[80:8080/tcp]",
        "- web.links[redis]");
  }

  @Test
  void ignoresKeyOrderFormattingAndTheOrderOfEnvironmentLinksAndPorts() {
    Dockerrun reordered = DockerrunReader.read("b.json", """
        {
          "containerDefinitions": [
            {"name": "redis", "memoryReservation": 64, "image": "redis:7"},
            {"environment": [{"value": "2", "name": "B"}, {"name": "A", "value": "1"}],
             "command": ["npm", "start"], "memoryReservation": 256, "image": "api:1", "name": "api"},
            {"mountPoints": [{"readOnly": true, "containerPath": "/etc/nginx/conf.d", "sourceVolume": "conf"}],
             "portMappings": [{"hostPort": 80, "containerPort": 80, "protocol": "tcp"}],
             "links": ["redis", "api:backend"], "essential": true, "memory": 128,
             "image": "nginx:1.25", "name": "web"}
          ],
          "volumes": [{"name": "old", "host": {"sourcePath": "/tmp/old"}},
                      {"host": {"sourcePath": "/var/app/current/nginx"}, "name": "conf"}],
          "AWSEBDockerrunVersion": 2
        }
        """);
    assertThat(DockerrunDiff.diff(BEFORE, reordered)).isEmpty();
    assertThat(DockerrunDiff.diff(reordered, BEFORE)).isEmpty();
  }

  @Test
  void anExplicitEmptyCommandDiffersFromNone() {
    Dockerrun withEmpty = DockerrunReader.read("b.json", """
        {"AWSEBDockerrunVersion": 2, "containerDefinitions": [
          {"name": "redis", "image": "redis:7", "memoryReservation": 64, "command": []}]}
        """);
    Dockerrun without = DockerrunReader.read("a.json", """
        {"AWSEBDockerrunVersion": 2, "containerDefinitions": [
          {"name": "redis", "image": "redis:7", "memoryReservation": 64}]}
        """);
    assertThat(DockerrunDiff.diff(without, withEmpty)).containsExactly("+ redis.command: []");
    assertThat(DockerrunDiff.diff(withEmpty, without)).containsExactly("- redis.command: []");
  }

  @Test
  void fieldsOutsideTheModelAreComparedToo() {
    String a = """
        {"AWSEBDockerrunVersion": 2, "executionRoleArn": "arn:aws:iam::1:role/a",
         "volumes": [{"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-1"}}],
         "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128,
          "secrets": [{"name": "DB_PASSWORD", "valueFrom": "arn:aws:ssm:eu-west-1:1:parameter/db"}],
          "dockerSecurityOptions": ["no-new-privileges"],
          "repositoryCredentials": {"credentialsParameter": "arn:a"},
          "environmentFiles": [{"value": "arn:aws:s3:::b/a.env", "type": "s3"}],
          "disableNetworking": false, "firelensConfiguration": {"type": "fluentbit"},
          "resourceRequirements": [{"type": "GPU", "value": "1"}], "startTimeout": 30}]}
        """;
    String b = """
        {"AWSEBDockerrunVersion": 2, "executionRoleArn": "arn:aws:iam::1:role/b",
         "volumes": [{"name": "efs", "efsVolumeConfiguration": {"fileSystemId": "fs-2"}}],
         "containerDefinitions": [{"name": "web", "image": "nginx", "memory": 128,
          "secrets": [{"valueFrom": "arn:aws:ssm:eu-west-1:1:parameter/other", "name": "DB_PASSWORD"}],
          "dockerSecurityOptions": ["label:disable"],
          "repositoryCredentials": {"credentialsParameter": "arn:b"},
          "environmentFiles": [{"type": "s3", "value": "arn:aws:s3:::b/b.env"}],
          "disableNetworking": true, "firelensConfiguration": {"type": "fluentd"},
          "resourceRequirements": [{"type": "GPU", "value": "2"}], "startTimeout": 60}]}
        """;
    var docA = DockerrunReader.parse("a.json", a);
    var docB = DockerrunReader.parse("b.json", b);
    assertThat(DockerrunDiff.changes(DockerrunReader.model(docA), DockerrunReader.model(docB),
        docA.root(), docB.root())).extracting(DockerrunDiff.Change::render).containsExactly(
        "~ executionRoleArn: \"arn:aws:iam::1:role/a\" -> \"arn:aws:iam::1:role/b\"",
        "~ volume efs.efsVolumeConfiguration: {\"fileSystemId\":\"fs-1\"} -> {\"fileSystemId\":\"fs-2\"}",
        "~ web.disableNetworking: false -> true",
        "~ web.dockerSecurityOptions: [\"no-new-privileges\"] -> [\"label:disable\"]",
        "~ web.environmentFiles: [{\"type\":\"s3\",\"value\":\"arn:aws:s3:::b/a.env\"}] ->"
            + " [{\"type\":\"s3\",\"value\":\"arn:aws:s3:::b/b.env\"}]",
        "~ web.firelensConfiguration: {\"type\":\"fluentbit\"} -> {\"type\":\"fluentd\"}",
        "~ web.repositoryCredentials: {\"credentialsParameter\":\"arn:a\"} ->"
            + " {\"credentialsParameter\":\"arn:b\"}",
        "~ web.resourceRequirements: [{\"type\":\"GPU\",\"value\":\"1\"}] ->"
            + " [{\"type\":\"GPU\",\"value\":\"2\"}]",
        "~ web.secrets: [{\"name\":\"DB_PASSWORD\",\"valueFrom\":\"arn:aws:ssm:eu-west-1:1:parameter/db\"}]"
            + " -> [{\"name\":\"DB_PASSWORD\",\"valueFrom\":\"arn:aws:ssm:eu-west-1:1:parameter/other\"}]",
        "~ web.startTimeout: 30 -> 60");
    assertThat(DockerrunDiff.changes(DockerrunReader.model(docA), DockerrunReader.model(docA),
        docA.root(), DockerrunReader.parse("a2.json", a.replace("\n", " ")).root())).isEmpty();
  }
}
