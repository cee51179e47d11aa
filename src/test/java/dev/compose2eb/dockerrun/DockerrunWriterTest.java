package dev.compose2eb.dockerrun;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DockerrunWriterTest {

  static Dockerrun sample() {
    ContainerDefinition api = ContainerDefinition.builder("api", "api:1")
        .memoryReservation(256)
        .environment(List.of(new KeyValue("PORT", "3000"), new KeyValue("DB_HOST", "db")))
        .links(List.of("db"))
        .command(List.of())
        .dockerLabels(Map.of("b", "2", "a", "1"))
        .build();
    ContainerDefinition web = ContainerDefinition.builder("web", "nginx:1.27")
        .memory(128)
        .portMappings(List.of(PortMapping.tcp(80, 80)))
        .links(List.of("api:backend"))
        .mountPoints(List.of(new MountPoint("conf", "/etc/nginx/conf.d", true)))
        .healthCheck(new HealthCheck(List.of("CMD", "true"), Optional.of(30), Optional.empty(),
            Optional.of(3), Optional.empty()))
        .build();
    return new Dockerrun(List.of(Volume.host("conf", "/var/app/current/nginx")), List.of(api, web));
  }

  @Test
  void writesCanonicalJsonInFixedKeyOrder() {
    assertThat(DockerrunWriter.write(sample())).isEqualTo("""
        {
          "AWSEBDockerrunVersion": 2,
          "volumes": [
            {
              "name": "conf",
              "host": {
                "sourcePath": "/var/app/current/nginx"
              }
            }
          ],
          "containerDefinitions": [
            {
              "name": "api",
              "image": "api:1",
              "essential": true,
              "memoryReservation": 256,
              "links": [
                "db"
              ],
              "environment": [
                {
                  "name": "PORT",
                  "value": "3000"
                },
                {
                  "name": "DB_HOST",
                  "value": "db"
                }
              ],
              "command": [],
              "dockerLabels": {
                "a": "1",
                "b": "2"
              }
            },
            {
              "name": "web",
              "image": "nginx:1.27",
              "essential": true,
              "memory": 128,
              "portMappings": [
                {
                  "containerPort": 80,
                  "hostPort": 80,
                  "protocol": "tcp"
                }
              ],
              "links": [
                "api:backend"
              ],
              "mountPoints": [
                {
                  "sourceVolume": "conf",
                  "containerPath": "/etc/nginx/conf.d",
                  "readOnly": true
                }
              ],
              "healthCheck": {
                "command": [
                  "CMD",
                  "true"
                ],
                "interval": 30,
                "retries": 3
              }
            }
          ]
        }
        """);
  }

  @Test
  void leavesOutEmptySettingsAndWritesTheRestAfterTheCoreFields() {
    ContainerDefinition worker = ContainerDefinition.builder("worker", "worker:1")
        .essential(false)
        .memory(64)
        .entryPoint(List.of())
        .user("1000")
        .privileged(false)
        .dnsServers(List.of())
        .logConfiguration(new LogConfiguration("awslogs", Map.of("awslogs-region", "eu-west-1",
            "awslogs-group", "app")))
        .stopTimeout(10)
        .linuxParameters(new LinuxParameters(List.of("NET_ADMIN"), List.of(), Optional.of(true),
            Optional.empty(), List.of(new Tmpfs("/run", 64, List.of()))))
        .systemControls(List.of(new SystemControl("net.core.somaxconn", "1024")))
        .build();
    Dockerrun d = new Dockerrun(List.of(), List.of(worker),
        Optional.of(new Authentication("bucket", "docker/.dockercfg")));
    assertThat(DockerrunWriter.write(d)).isEqualTo("""
        {
          "AWSEBDockerrunVersion": 2,
          "containerDefinitions": [
            {
              "name": "worker",
              "image": "worker:1",
              "essential": false,
              "memory": 64,
              "entryPoint": [],
              "user": "1000",
              "privileged": false,
              "logConfiguration": {
                "logDriver": "awslogs",
                "options": {
                  "awslogs-group": "app",
                  "awslogs-region": "eu-west-1"
                }
              },
              "stopTimeout": 10,
              "linuxParameters": {
                "capabilities": {
                  "add": [
                    "NET_ADMIN"
                  ]
                },
                "initProcessEnabled": true,
                "tmpfs": [
                  {
                    "containerPath": "/run",
                    "size": 64
                  }
                ]
              },
              "systemControls": [
                {
                  "namespace": "net.core.somaxconn",
                  "value": "1024"
                }
              ]
            }
          ],
          "authentication": {
            "bucket": "bucket",
            "key": "docker/.dockercfg"
          }
        }
        """);
  }

  @Test
  void sameModelGivesSameBytesWithLfOnly() {
    String first = DockerrunWriter.write(sample());
    assertThat(DockerrunWriter.write(sample())).isEqualTo(first);
    assertThat(first).doesNotContain("\r").endsWith("}\n");
  }

  @Test
  void writtenFileReadsBackToTheSameModelAndValidates() {
    String text = DockerrunWriter.write(sample());
    assertThat(DockerrunReader.read("Dockerrun.aws.json", text)).isEqualTo(sample());
    // db is missing from the sample on purpose: the validator must notice the dangling link
    assertThat(DockerrunValidator.validate("Dockerrun.aws.json", text))
        .extracting(d -> d.path() + ": " + d.message())
        .containsExactly("containerDefinitions[0].links[0]: link \"db\" names no container of"
            + " this file; links join containers of the same task");
  }
}
