package dev.compose2eb.ebcompose;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.Diagnostic;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What breaks a docker-compose.yml on EB's Docker platform, at the line and column it is written. */
class EbComposeValidatorTest {

  private static List<String> check(String yaml) {
    return EbComposeValidator.validate("docker-compose.yml", yaml).stream()
        .map(Diagnostic::toString).toList();
  }

  @Test
  void aProductionFileIsClean() {
    assertThat(check("""
        services:
          web:
            image: 123456789012.dkr.ecr.eu-west-1.amazonaws.com/web:v1
            ports: ["80:3000"]
            env_file: [.env]
            volumes:
              - ./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro
              - /var/log/eb-docker/containers/web:/var/log/app
          db:
            image: postgres:16
            environment:
              POSTGRES_PASSWORD: ${POSTGRES_PASSWORD}
            volumes: [pgdata:/var/lib/postgresql/data]
        volumes:
          pgdata:
        """)).isEmpty();
  }

  @Test
  void reportsBuildPort80SecretsAndHostPaths() {
    assertThat(check("""
        services:
          web:
            build: .
            ports: ["8080:3000"]
            environment:
              - API_TOKEN=abc123
            volumes:
              - ../shared:/shared
              - type: bind
                source: /srv/data
                target: /data
        """)).containsExactly(
        "docker-compose.yml:3:5: warning: services.web.build: build: makes every instance build the"
            + " image when it starts (slow, and small instances run out of memory); push the image"
            + " to ECR and name it in image: (compose2eb convert --platform docker --registry ..."
            + " does)",
        "docker-compose.yml:6:9: warning: services.web.environment.API_TOKEN: the value of"
            + " API_TOKEN looks secret and is stored in the file, inside the source bundle; set it"
            + " as an Elastic Beanstalk environment property and read it with env_file: [.env]",
        "docker-compose.yml:8:9: error: services.web.volumes: bind source \"../shared\" is outside"
            + " the bundle, whose root is the compose file's directory on the instance"
            + " (/var/app/current); put the files in the bundle and mount ./relative/path",
        "docker-compose.yml:9:9: warning: services.web.volumes: host path /srv/data is outside the"
            + " bundle: it must exist on every Elastic Beanstalk instance; put the files in the"
            + " bundle and mount ./relative/path, or create the path with .ebextensions or a"
            + " .platform hook",
        "docker-compose.yml:1:1: warning: services: no service publishes host port 80, where"
            + " Elastic Beanstalk's load balancer sends the traffic; publish the entry service's"
            + " port as \"80:<port>\"");
  }

  @Test
  void longPortsAndRangesCountForPort80AndFileSecretsAreErrors() {
    assertThat(check("""
        services:
          web:
            image: nginx
            ports:
              - target: 80
                published: "80"
            secrets: [pw]
        secrets:
          pw:
            file: ./pw.txt
        """)).containsExactly("docker-compose.yml:10:5: error: secrets.pw.file: secret pw is read"
            + " from a file, which must then be in the source bundle; set it as an Elastic Beanstalk"
            + " environment property and read it from .env");
    assertThat(check("services:\n  web:\n    image: nginx\n    ports: [\"127.0.0.1:79-81:80\"]\n"))
        .isEmpty();
  }

  @Test
  void notAComposeFile() {
    assertThat(check("- a\n- b\n")).containsExactly("docker-compose.yml: error: not a compose file:"
        + " the top level must be a mapping with services; e.g. services: {web: {image: nginx,"
        + " ports: [\"80:80\"]}}");
  }
}
