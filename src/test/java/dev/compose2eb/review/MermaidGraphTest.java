package dev.compose2eb.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.dockerrun.DockerrunReader;
import org.junit.jupiter.api.Test;

class MermaidGraphTest {

  @Test
  void drawsContainersPortsVolumesLinksAndDependencies() {
    Dockerrun d = DockerrunReader.read("Dockerrun.aws.json", """
        {"AWSEBDockerrunVersion": 2,
         "volumes": [{"name": "conf", "host": {"sourcePath": "/var/app/current/nginx"}}, {"name": "cache"}],
         "containerDefinitions": [
          {"name": "web", "image": "nginx:1.27", "memory": 128, "links": ["api:backend"],
           "dependsOn": [{"containerName": "api", "condition": "START"}],
           "portMappings": [{"containerPort": 443, "hostPort": 443}, {"containerPort": 80, "hostPort": 80},
                            {"containerPort": 9000}],
           "mountPoints": [{"sourceVolume": "conf", "containerPath": "/etc/nginx/conf.d", "readOnly": true},
                           {"sourceVolume": "awseb-logs-web", "containerPath": "/var/log/nginx"}]},
          {"name": "api", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0",
           "memoryReservation": 256, "portMappings": [{"containerPort": 53, "hostPort": 5353, "protocol": "udp"}],
           "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}],
           "mountPoints": [{"sourceVolume": "cache", "containerPath": "/cache"}]},
          {"name": "db", "image": "postgres:16", "memoryReservation": 256, "essential": false,
           "volumesFrom": [{"sourceContainer": "api", "readOnly": true}]}
        ]}
        """);
    assertThat(MermaidGraph.render(d)).isEqualTo("""
        flowchart LR
          c_web["web<br/>nginx:1.27"]
          c_api["api<br/>123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0"]
          c_db["db<br/>postgres:16"]
          p_80((":80"))
          p_443((":443"))
          p_5353_udp((":5353/udp"))
          v_conf[("conf<br/>/var/app/current/nginx")]
          v_cache[("cache")]
          v_awseb_logs_web[("awseb-logs-web<br/>/var/log/containers/web")]
          p_80 --> c_web
          p_443 --> c_web
          p_5353_udp -->|"53"| c_api
          v_conf ---|"/etc/nginx/conf.d (ro)"| c_web
          v_awseb_logs_web ---|"/var/log/nginx"| c_web
          v_cache ---|"/cache"| c_api
          c_web -->|"backend, START"| c_api
          c_api -.->|"HEALTHY"| c_db
          c_db -.->|"volumesFrom (ro)"| c_api
        """);
  }

  @Test
  void sanitisesIdsWithoutCollisionsAndEscapesLabels() {
    Dockerrun d = DockerrunReader.read("Dockerrun.aws.json", """
        {"AWSEBDockerrunVersion": 2, "containerDefinitions": [
          {"name": "a-b", "image": "img\\"<x>", "memory": 64, "links": ["a_b", "ghost"]},
          {"name": "a_b", "image": "busybox", "memory": 64}
        ]}
        """);
    String first = MermaidGraph.render(d);
    assertThat(first).isEqualTo("""
        flowchart LR
          c_a_b["a-b<br/>img#quot;#lt;x#gt;"]
          c_a_b_2["a_b<br/>busybox"]
          c_a_b --> c_a_b_2
        """);
    assertThat(MermaidGraph.render(d)).isEqualTo(first);
  }
}
