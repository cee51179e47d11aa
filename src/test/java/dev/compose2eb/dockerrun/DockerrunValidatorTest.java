package dev.compose2eb.dockerrun;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One test per rule of eb-target.md section 2: each text breaks exactly that rule and expects exactly
 * its diagnostic. The containers sit one per line so that columns are easy to check by eye.
 */
class DockerrunValidatorTest {
  private static final String WEB = "{\"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 128,"
      + " \"portMappings\": [{\"containerPort\": 80, \"hostPort\": 80}]}";

  private static List<String> validate(String json) {
    return DockerrunValidator.validate("Dockerrun.aws.json", json).stream()
        .map(Diagnostic::render).toList();
  }

  private static String withContainers(List<String> containers) {
    return "{\"AWSEBDockerrunVersion\": 2, \"containerDefinitions\": [\n"
        + String.join(",\n", containers) + "\n]}\n";
  }

  @Test
  void validFileHasNoDiagnostics() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "volumes": [{"name": "conf", "host": {"sourcePath": "/var/app/current/conf"}}],
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "123456789012.dkr.ecr.eu-west-1.amazonaws.com/team/api:1.0", "memory": 512, "memoryReservation": 256, "links": ["db:database"], "dependsOn": [{"containerName": "db", "condition": "HEALTHY"}], "environment": [{"name": "A", "value": "1"}], "mountPoints": [{"sourceVolume": "awseb-logs-api", "containerPath": "/var/log/app"}, {"sourceVolume": "conf", "containerPath": "/conf", "readOnly": true}]},
        {"name": "db", "image": "postgres:16", "memoryReservation": 256, "essential": false, "healthCheck": {"command": ["CMD-SHELL", "pg_isready"]}, "portMappings": [{"containerPort": 5432, "hostPort": 5432, "protocol": "tcp"}, {"containerPort": 53, "hostPort": 5432, "protocol": "udp"}], "volumesFrom": [{"sourceContainer": "api"}]}
        ]}
        """))
        .containsExactly();
  }

  @Test
  void versionMissing() {
    assertThat(validate("""
        {"containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:1:1: error: AWSEBDockerrunVersion: required key is missing; the ECS platform reads Dockerrun version 2; add \"AWSEBDockerrunVersion\": 2");
  }

  @Test
  void versionAsStringIsAWarning() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": "2", "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:1:27: warning: AWSEBDockerrunVersion: version \"2\" is a string; EB's current documentation gives the integer 2; write \"AWSEBDockerrunVersion\": 2");
  }

  @Test
  void versionOtherThanTwo() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 3, "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:1:27: error: AWSEBDockerrunVersion: version 3 is not 2; the ECS platform reads Dockerrun v2 only (v1 is single-container, v3 only carries registry auth for docker-compose.yml); write \"AWSEBDockerrunVersion\": 2");
  }

  @Test
  void containerDefinitionsMissing() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2}
        """))
        .containsExactly("Dockerrun.aws.json:1:1: error: containerDefinitions: required key is missing; a Dockerrun v2 file runs 1 to 10 containers; e.g. \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 128}]");
  }

  @Test
  void containerDefinitionsEmpty() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2, "containerDefinitions": []}
        """))
        .containsExactly("Dockerrun.aws.json:1:54: error: containerDefinitions: no containers; a Dockerrun v2 file runs 1 to 10 containers; e.g. \"containerDefinitions\": [{\"name\": \"web\", \"image\": \"nginx:1.27\", \"memory\": 128}]");
  }

  @Test
  void containerNameMissing() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"image": "busybox:1", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:1: error: containerDefinitions[1].name: container has no name; every container needs a unique name; e.g. \"name\": \"web\"");
  }

  @Test
  void containerNameWithDot() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "my.app", "image": "busybox:1", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:10: error: containerDefinitions[1].name: invalid container name \"my.app\"; names use only letters, digits, '_' and '-' (1-255 characters); e.g. \"my-app\"");
  }

  @Test
  void containerNameDuplicate() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "web", "image": "busybox:1", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:10: error: containerDefinitions[1].name: duplicate container name \"web\" (also at containerDefinitions[0].name); names must be unique; rename one, e.g. \"web-2\"");
  }

  @Test
  void imageMissing() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:1: error: containerDefinitions[1].image: container \"api\" has no image; the ECS platform pulls images and cannot build them; e.g. \"image\": \"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0\"");
  }

  @Test
  void imageEmpty() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:26: error: containerDefinitions[1].image: empty image; the ECS platform pulls images and cannot build them; e.g. \"image\": \"nginx:1.27\"");
  }

  @Test
  void imageWithSpace() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "my api:1", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:26: error: containerDefinitions[1].image: invalid image \"my api:1\"; an image reference has no spaces; e.g. \"image\": \"nginx:1.27\"");
  }

  @Test
  void ecrAccountNotTwelveDigits() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "12345.dkr.ecr.us-east-1.amazonaws.com/api:1", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:26: error: containerDefinitions[1].image: invalid ECR image \"12345.dkr.ecr.us-east-1.amazonaws.com/api:1\": the account id \"12345\" must be 12 digits; ECR images look like \"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0\" or \".../web@sha256:<64 hex digits>\"");
  }

  @Test
  void ecrRegionInvalid() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "123456789012.dkr.ecr.useast.amazonaws.com/api:1", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:26: error: containerDefinitions[1].image: invalid ECR image \"123456789012.dkr.ecr.useast.amazonaws.com/api:1\": the region \"useast\" is not an AWS region name; ECR images look like \"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0\" or \".../web@sha256:<64 hex digits>\"");
  }

  @Test
  void ecrDigestInvalid() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:abc", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:26: error: containerDefinitions[1].image: invalid ECR image \"123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:abc\": the digest \"sha256:abc\" must be sha256: followed by 64 lowercase hex digits; ECR images look like \"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0\" or \".../web@sha256:<64 hex digits>\"");
  }

  @Test
  void ecrRepositoryUppercase() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/Api:1", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:26: error: containerDefinitions[1].image: invalid ECR image \"123456789012.dkr.ecr.us-east-1.amazonaws.com/Api:1\": the repository \"Api\" must be 2-256 lowercase letters, digits and . _ - / separators; ECR images look like \"123456789012.dkr.ecr.us-east-1.amazonaws.com/web:1.0\" or \".../web@sha256:<64 hex digits>\"");
  }

  @Test
  void ecrWithoutTagIsAWarning() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api", "memory": 16}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:26: warning: containerDefinitions[1].image: ECR image \"123456789012.dkr.ecr.us-east-1.amazonaws.com/api\" has no tag; ECS pulls :latest whenever a task starts, so instances may run different images; pin a tag, e.g. \"123456789012.dkr.ecr.us-east-1.amazonaws.com/api:1.0\" or the commit id");
  }

  @Test
  void ecrWithDigestIsFine() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "123456789012.dkr.ecr.us-east-1.amazonaws.com/api@sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", "memory": 16}
        ]}
        """))
        .containsExactly();
  }

  @Test
  void memoryAndReservationBothMissing() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1"}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:1: error: containerDefinitions[1]: container \"api\" sets neither memory nor memoryReservation; ECS needs one of them (MiB); e.g. \"memoryReservation\": 128");
  }

  @Test
  void memoryBelowSix() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 4}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:45: error: containerDefinitions[1].memory: memory 4 is below 6 MiB; ECS needs at least 6 MiB per container; e.g. \"memory\": 128");
  }

  @Test
  void memoryReservationZero() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memoryReservation": 0}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:56: error: containerDefinitions[1].memoryReservation: memoryReservation 0 is below 6 MiB; ECS needs at least 6 MiB per container; e.g. \"memoryReservation\": 128");
  }

  @Test
  void memoryNotAboveReservation() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 256, "memoryReservation": 512}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:45: error: containerDefinitions[1].memory: memory 256 must be greater than memoryReservation 512 (the hard limit is above the soft one); e.g. \"memory\": 1024, \"memoryReservation\": 512");
  }

  @Test
  void noEssentialContainer() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "essential": false, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:2:25: error: containerDefinitions: no container is essential; ECS needs at least one (essential defaults to true); set \"essential\": true on the main container, e.g. the web server");
  }

  @Test
  void containerPortMissing() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}, {"hostPort": 81}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:3:111: error: containerDefinitions[0].portMappings[1].containerPort: port mapping has no containerPort; containerPort is required; e.g. {\"containerPort\": 80, \"hostPort\": 80}");
  }

  @Test
  void containerPortOutOfRange() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 70000, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:3:90: error: containerDefinitions[0].portMappings[0].containerPort: containerPort 70000 is out of range 1-65535; e.g. \"containerPort\": 80");
  }

  @Test
  void containerPortAsString() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": "80", "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:3:90: error: containerDefinitions[0].portMappings[0].containerPort: expected an integer, got string \"80\"; e.g. \"containerPort\": 80");
  }

  @Test
  void hostPortOutOfRange() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "portMappings": [{"containerPort": 80, "hostPort": 65536}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:100: error: containerDefinitions[1].portMappings[0].hostPort: hostPort 65536 is out of range 0-65535; e.g. \"hostPort\": 80");
  }

  @Test
  void protocolNotTcpOrUdp() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80, "protocol": "TCP"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:3:122: error: containerDefinitions[0].portMappings[0].protocol: protocol \"TCP\" is not tcp or udp (lowercase); e.g. \"protocol\": \"udp\"");
  }

  @Test
  void hostPortMissingIsDynamic() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "portMappings": [{"containerPort": 3000}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:66: warning: containerDefinitions[1].portMappings[0]: no hostPort for containerPort 3000 means a dynamic host port, which EB's load balancer does not route to; set \"hostPort\" for a container the load balancer or clients must reach, e.g. \"hostPort\": 80; links reach the container without a mapping");
  }

  @Test
  void hostPortZeroIsDynamic() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "portMappings": [{"containerPort": 3000, "hostPort": 0}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:102: warning: containerDefinitions[1].portMappings[0].hostPort: hostPort 0 for containerPort 3000 means a dynamic host port, which EB's load balancer does not route to; set \"hostPort\" for a container the load balancer or clients must reach, e.g. \"hostPort\": 80; links reach the container without a mapping");
  }

  @Test
  void hostPortTwiceAcrossContainers() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "portMappings": [{"containerPort": 3000, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:102: error: containerDefinitions[1].portMappings[0].hostPort: hostPort 80/tcp is already published at containerDefinitions[0].portMappings[0].hostPort; a host port can be used once per protocol; pick another host port, e.g. \"hostPort\": 8080");
  }

  @Test
  void sameHostPortOnOtherProtocolIsFine() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "dns", "image": "dns:1", "memory": 64, "portMappings": [{"containerPort": 53, "hostPort": 80, "protocol": "udp"}]}
        ]}
        """))
        .containsExactly();
  }

  @Test
  void reservedHostPort() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "ssh", "image": "ssh:1", "memory": 64, "portMappings": [{"containerPort": 22, "hostPort": 22}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:100: error: containerDefinitions[1].portMappings[0].hostPort: hostPort 22 is reserved on ECS instances (22, 2375, 2376, 51678-51680); publish another host port, e.g. \"hostPort\": 8080");
  }

  @Test
  void reservedAgentHostPort() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "portMappings": [{"containerPort": 80, "hostPort": 51679}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:100: error: containerDefinitions[1].portMappings[0].hostPort: hostPort 51679 is reserved on ECS instances (22, 2375, 2376, 51678-51680); publish another host port, e.g. \"hostPort\": 8080");
  }

  @Test
  void ephemeralHostPortIsAWarning() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "portMappings": [{"containerPort": 80, "hostPort": 40000}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:100: warning: containerDefinitions[1].portMappings[0].hostPort: hostPort 40000 is in the ephemeral range 32768-65535, where dynamic ports are assigned; pick a port below 32768, e.g. \"hostPort\": 8080");
  }

  @Test
  void noHostPortEightyIsInfo() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 8080}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:2:25: info: containerDefinitions: no container publishes host port 80; EB's load balancer sends traffic to instance port 80 by default; map the entry container, e.g. {\"containerPort\": 8080, \"hostPort\": 80}");
  }

  @Test
  void linkMalformed() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "links": ["web:a:b"]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:59: error: containerDefinitions[1].links[0]: invalid link \"web:a:b\"; a link is \"name\" or \"name:alias\"; e.g. \"api\" or \"api:backend\"");
  }

  @Test
  void linkToAContainerOthersWaitForToCompleteIsAnErrorAtTheLink() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}], "links": ["migrate"], "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]},
        {"name": "migrate", "image": "api:1", "memory": 64, "essential": false},
        {"name": "seed", "image": "api:1", "memory": 64, "essential": false},
        {"name": "worker", "image": "api:1", "memory": 64, "links": ["seed:data"], "dependsOn": [{"containerName": "seed", "condition": "COMPLETE"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:3:122: error: containerDefinitions[0].links[0]: link \"migrate\" to a container that has exited: web waits for it with SUCCESS, and Docker refuses a link to a container that is not running (\"Cannot link to a non running container\"); remove the link; dependsOn keeps the order",
            "Dockerrun.aws.json:6:62: error: containerDefinitions[3].links[0]: link \"seed:data\" to a container that has exited: worker waits for it with COMPLETE, and Docker refuses a link to a container that is not running (\"Cannot link to a non running container\"); remove the link; dependsOn keeps the order");
  }

  @Test
  void linkToAContainerOthersWaitForToStartIsFine() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}], "links": ["api"], "dependsOn": [{"containerName": "api", "condition": "START"}]},
        {"name": "api", "image": "api:1", "memory": 64}
        ]}
        """)).isEmpty();
  }

  @Test
  void linkToUnknownContainer() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "links": ["redis"]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:59: error: containerDefinitions[1].links[0]: link \"redis\" names no container of this file; links join containers of the same task; containers are: web, api");
  }

  @Test
  void linkToSelf() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "links": ["api"]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:59: error: containerDefinitions[1].links[0]: container \"api\" links to itself; remove \"api\" from its links");
  }

  @Test
  void linkCycle() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "links": ["api:backend"], "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "links": ["worker"]},
        {"name": "worker", "image": "worker:1", "memory": 64, "links": ["web"]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:5:65: error: containerDefinitions[2].links[0]: link cycle web -> api -> worker -> web; ECS rejects it (\"Container links should not have a cycle\"); keep the link only on the container that calls the other one");
  }

  @Test
  void mountPointUndeclaredVolume() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "mountPoints": [{"sourceVolume": "data", "containerPath": "/data"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:82: error: containerDefinitions[1].mountPoints[0].sourceVolume: sourceVolume \"data\" is not declared in volumes (nor an awseb-logs-<container> volume); declare it, e.g. \"volumes\": [{\"name\": \"data\", \"host\": {\"sourcePath\": \"/var/app/current/data\"}}]");
  }

  @Test
  void mountPointLogVolumeOfUnknownContainer() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "mountPoints": [{"sourceVolume": "awseb-logs-nginx", "containerPath": "/var/log/nginx"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:82: error: containerDefinitions[1].mountPoints[0].sourceVolume: sourceVolume \"awseb-logs-nginx\" names no container; EB creates awseb-logs-<container> only for containers of this file; one of: awseb-logs-web, awseb-logs-api");
  }

  @Test
  void mountPointRelativeContainerPath() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "mountPoints": [{"sourceVolume": "awseb-logs-api", "containerPath": "logs"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:117: error: containerDefinitions[1].mountPoints[0].containerPath: containerPath \"logs\" is not absolute; mount points need an absolute path in the container; e.g. \"/logs\"");
  }

  @Test
  void logVolumeDeclared() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "volumes": [{"name": "awseb-logs-web", "host": {"sourcePath": "/var/log/containers/web"}}],
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:2:22: error: volumes[0].name: volume \"awseb-logs-web\" must not be declared; EB creates awseb-logs-<container> volumes itself (host /var/log/containers/<container>); remove this volume and keep the mount point");
  }

  @Test
  void volumeNameDuplicate() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "volumes": [{"name": "conf", "host": {"sourcePath": "/var/app/current/a"}}, {"name": "conf", "host": {"sourcePath": "/var/app/current/b"}}],
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:2:86: error: volumes[1].name: duplicate volume name \"conf\" (also at volumes[0].name); volume names must be unique; rename one, e.g. \"conf-2\"");
  }

  @Test
  void volumeSourcePathRelative() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "volumes": [{"name": "conf", "host": {"sourcePath": "./nginx"}}],
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:2:53: error: volumes[0].host.sourcePath: sourcePath \"./nginx\" is not absolute; bundle files are under /var/app/current on the instance; e.g. \"/var/app/current/nginx\"");
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "volumes": [{"name": "conf", "host": {"sourcePath": "../../etc"}}],
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:2:53: error: volumes[0].host.sourcePath: sourcePath \"../../etc\" is not absolute; bundle files are under /var/app/current on the instance; \"..\" cannot leave the bundle: give an absolute directory on the instance, e.g. \"/var/app/current/data\" for bundle files");
  }

  @Test
  void volumesFromUnknownContainer() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "volumesFrom": [{"sourceContainer": "data"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:85: error: containerDefinitions[1].volumesFrom[0].sourceContainer: volumesFrom \"data\" names no container of this file; containers are: web, api");
  }

  @Test
  void environmentValueNotAString() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "environment": [{"name": "PORT", "value": 3000}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:91: error: containerDefinitions[1].environment[0].value: expected a string, got number 3000; e.g. \"value\": \"80\"");
  }

  @Test
  void environmentValueMissing() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "environment": [{"name": "PORT"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:65: error: containerDefinitions[1].environment[0].value: environment variable \"PORT\" has no value; entries are {name, value} strings; e.g. {\"name\": \"PORT\", \"value\": \"\"}");
  }

  @Test
  void environmentNameDuplicate() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "environment": [{"name": "A", "value": "1"}, {"name": "A", "value": "2"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:103: error: containerDefinitions[1].environment[1].name: duplicate environment variable \"A\" (also at containerDefinitions[1].environment[0].name); names must be unique per container; keep one entry");
  }

  @Test
  void environmentAsObject() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "environment": {"PORT": "3000"}}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:64: error: containerDefinitions[1].environment: expected an array, got an object; e.g. \"environment\": [{\"name\": \"PORT\", \"value\": \"80\"}]");
  }

  @Test
  void dependsOnUnknownContainer() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "dependsOn": [{"containerName": "db", "condition": "START"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:81: error: containerDefinitions[1].dependsOn[0].containerName: dependsOn \"db\" names no container of this file; containers are: web, api");
  }

  @Test
  void dependsOnInvalidCondition() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "dependsOn": [{"containerName": "web", "condition": "READY"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:101: error: containerDefinitions[1].dependsOn[0].condition: condition \"READY\" is not START, COMPLETE, SUCCESS or HEALTHY; e.g. \"condition\": \"HEALTHY\"");
  }

  @Test
  void dependsOnHealthyWithoutHealthCheck() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "api", "image": "api:1", "memory": 64, "dependsOn": [{"containerName": "web", "condition": "HEALTHY"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:4:101: error: containerDefinitions[1].dependsOn[0].condition: condition HEALTHY needs a healthCheck on container \"web\", which has none; add to \"web\" e.g. \"healthCheck\": {\"command\": [\"CMD-SHELL\", \"curl -f http://localhost/ || exit 1\"]}, or use \"START\"");
  }

  @Test
  void dependsOnSuccessOfEssentialContainer() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "migrate", "image": "api:1", "memory": 64, "essential": true},
        {"name": "api", "image": "api:1", "memory": 64, "dependsOn": [{"containerName": "migrate", "condition": "SUCCESS"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:5:105: error: containerDefinitions[2].dependsOn[0].condition: condition SUCCESS waits for container \"migrate\" to exit, but it is essential, and ECS refuses SUCCESS on an essential container; set \"essential\": false on \"migrate\"");
  }

  @Test
  void dependsOnCycle() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]},
        {"name": "a", "image": "a:1", "memory": 64, "dependsOn": [{"containerName": "b", "condition": "START"}]},
        {"name": "b", "image": "b:1", "memory": 64, "dependsOn": [{"containerName": "a", "condition": "START"}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:5:77: error: containerDefinitions[2].dependsOn[0].containerName: dependsOn cycle a -> b -> a; none of these containers could ever start; remove one of the dependencies");
  }

  @Test
  void unknownTopLevelKey() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "Authentication": {"bucket": "b", "key": "k"},
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:2:1: warning: Authentication: unknown key \"Authentication\", not a Dockerrun v2 top-level key; did you mean \"authentication\"?");
  }

  @Test
  void unknownContainerKey() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMapping": [{"containerPort": 80, "hostPort": 80}], "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:3:55: warning: containerDefinitions[0].portMapping: unknown key \"portMapping\", not an ECS container definition field; did you mean \"portMappings\"?");
  }

  @Test
  void unknownContainerKeyWithoutSuggestion() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "build": ".", "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:3:55: warning: containerDefinitions[0].build: unknown key \"build\", not an ECS container definition field; see the ECS container definition reference for the field names");
  }

  @Test
  void essentialAsString() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "essential": "true", "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:3:68: error: containerDefinitions[0].essential: expected a boolean, got string \"true\"; e.g. \"essential\": true");
  }

  @Test
  void authenticationWithoutKey() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "authentication": {"bucket": "my-bucket"},
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:2:19: error: authentication.key: authentication needs a non-empty key: the S3 location of a .dockercfg file in the environment's region; e.g. \"authentication\": {\"bucket\": \"my-bucket\", \"key\": \"docker/.dockercfg\"}");
  }

  @Test
  void duplicateKey() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 128, "memory": 256, "portMappings": [{"containerPort": 80, "hostPort": 80}]}
        ]}
        """))
        .containsExactly("Dockerrun.aws.json:3:55: error: containerDefinitions[0].memory: duplicate key \"memory\" (first at line 3, column 40); JSON readers disagree on which one wins; keep one");
  }

  @Test
  void syntaxErrorHasPosition() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 2,
          "containerDefinitions": [],
        }
        """))
        .containsExactly("Dockerrun.aws.json:3:1: error: invalid JSON: Unexpected character ('}' (code 125)): was expecting double-quote to start field name; the file must be plain JSON: double-quoted keys, no comments, no trailing commas");
  }


  @Test
  void moreThanTenContainers() {
    List<String> containers = new ArrayList<>(List.of(WEB));
    for (int i = 1; i <= 10; i++) {
      containers.add("{\"name\": \"c" + i + "\", \"image\": \"busybox:1\", \"memory\": 16}");
    }
    assertThat(validate(withContainers(containers))).containsExactly(
        "Dockerrun.aws.json:1:54: error: containerDefinitions: 11 containers; a task holds at most 10;"
            + " move services out (a database to RDS, a cache to ElastiCache) or split the application");
  }

  @Test
  void sizeOver32KibIsAWarning() {
    StringBuilder env = new StringBuilder();
    for (int i = 0; i < 700; i++) {
      env.append(i == 0 ? "" : ", ").append("{\"name\": \"VARIABLE_").append(i)
          .append("\", \"value\": \"some-value-").append(i).append("\"}");
    }
    String web = WEB.substring(0, WEB.length() - 1) + ", \"environment\": [" + env + "]}";
    String json = withContainers(List.of(web));
    assertThat(validate(json)).containsExactly("Dockerrun.aws.json:1:1: warning: the file is "
        + json.length() + " bytes, over 32 KiB; ECS limits the task definition size (the exact"
        + " limit, 32 or 64 KiB, is unconfirmed); move long values (large environments) into EB"
        + " environment properties");
  }

  @Test
  void hugeGeneratedFilesAreCheckedWithoutWalkingLinkCycles() {
    List<String> containers = new ArrayList<>(List.of(WEB));
    for (int i = 0; i < 5000; i++) {
      containers.add("{\"name\": \"c" + i + "\", \"image\": \"busybox:1\", \"memory\": 16,"
          + " \"links\": [\"c" + ((i + 1) % 5000) + "\"]}");
    }
    String json = withContainers(containers);
    assertThat(validate(json)).containsExactly(
        "Dockerrun.aws.json:1:1: warning: the file is " + json.length() + " bytes, over 32 KiB;"
            + " ECS limits the task definition size (the exact limit, 32 or 64 KiB, is"
            + " unconfirmed); move long values (large environments) into EB environment properties",
        "Dockerrun.aws.json:1:54: error: containerDefinitions: 5001 containers; a task holds at"
            + " most 10; move services out (a database to RDS, a cache to ElastiCache) or split the"
            + " application");
  }

  @Test
  void hintsNameAtMostTenContainers() {
    List<String> containers = new ArrayList<>(List.of(WEB));
    for (int i = 1; i <= 10; i++) {
      containers.add("{\"name\": \"c" + i + "\", \"image\": \"busybox:1\", \"memory\": 16"
          + (i == 10 ? ", \"links\": [\"ghost\"]" : "") + "}");
    }
    assertThat(validate(withContainers(containers))).contains("Dockerrun.aws.json:12:63: error:"
        + " containerDefinitions[10].links[0]: link \"ghost\" names no container of this file;"
        + " links join containers of the same task; containers are: web, c1, c2, c3, c4, c5, c6,"
        + " c7, c8, c9, ...");
  }

  @Test
  void emptyFile() {
    assertThat(validate("  \n")).containsExactly("Dockerrun.aws.json: error: the file is empty;"
        + " expected a JSON object; e.g. {\"AWSEBDockerrunVersion\": 2, \"containerDefinitions\": []}");
  }

  @Test
  void collectsEveryProblemInFileOrder() {
    assertThat(validate("""
        {"AWSEBDockerrunVersion": 1, "containerDefinitions": [
        {"name": "web", "image": "nginx:1.27", "memory": 4, "links": ["cache"], "portMappings": [{"containerPort": 80, "hostPort": 22}]}
        ]}
        """)).containsExactly(
        "Dockerrun.aws.json:1:27: error: AWSEBDockerrunVersion: version 1 is not 2; the ECS platform"
            + " reads Dockerrun v2 only (v1 is single-container, v3 only carries registry auth for"
            + " docker-compose.yml); write \"AWSEBDockerrunVersion\": 2",
        "Dockerrun.aws.json:1:54: info: containerDefinitions: no container publishes host port 80;"
            + " EB's load balancer sends traffic to instance port 80 by default; map the entry"
            + " container, e.g. {\"containerPort\": 8080, \"hostPort\": 80}",
        "Dockerrun.aws.json:2:50: error: containerDefinitions[0].memory: memory 4 is below 6 MiB;"
            + " ECS needs at least 6 MiB per container; e.g. \"memory\": 128",
        "Dockerrun.aws.json:2:63: error: containerDefinitions[0].links[0]: link \"cache\" names no"
            + " container of this file; links join containers of the same task; containers are: web",
        "Dockerrun.aws.json:2:124: error: containerDefinitions[0].portMappings[0].hostPort: hostPort 22"
            + " is reserved on ECS instances (22, 2375, 2376, 51678-51680); publish another host"
            + " port, e.g. \"hostPort\": 8080");
  }
}
