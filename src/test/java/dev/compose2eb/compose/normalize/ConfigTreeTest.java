package dev.compose2eb.compose.normalize;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.compose2eb.compose.model.Project;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigTreeTest {

  @Test
  void printsTheResolvedProjectLikeComposeConfig() throws Exception {
    Fixture f = new Fixture();
    f.env.put("TAG", "from-host");
    Project p = f.load("""
        services:
          web:
            image: nginx
            ports: ["8080:80"]
            volumes: ["./conf:/etc/nginx/conf.d:ro", "data:/data"]
            environment: [B=2, A=1, TAG]
            depends_on: [db]
            healthcheck: {test: curl -f http://localhost, interval: 90s, retries: 3}
            mem_limit: 512m
            cpus: 0.5
            command: nginx -g 'daemon off;'
            x-eb: {tier: web}
          db:
            build: ./db
            stop_grace_period: 1m30s
            deploy: {replicas: 1}
        volumes:
          data:
        """);
    assertThat(f.errors()).isEmpty();
    Map<String, Object> tree = ConfigTree.of(p);
    String json = new ObjectMapper().writeValueAsString(tree);
    assertThat(json).isEqualTo("{\"name\":\"demo\",\"services\":{"
        + "\"db\":{\"build\":{\"context\":\"/proj/db\",\"dockerfile\":\"Dockerfile\"},\"deploy\":{\"replicas\":1},"
        + "\"stop_grace_period\":\"1m30s\"},"
        + "\"web\":{\"command\":[\"nginx\",\"-g\",\"daemon off;\"],\"cpus\":\"0.5\","
        + "\"depends_on\":{\"db\":{\"condition\":\"service_started\",\"required\":true}},"
        + "\"environment\":{\"A\":\"1\",\"B\":\"2\",\"TAG\":\"from-host\"},"
        + "\"healthcheck\":{\"interval\":\"1m30s\",\"retries\":3,\"test\":[\"CMD-SHELL\",\"curl -f http://localhost\"]},"
        + "\"image\":\"nginx\",\"mem_limit\":536870912,"
        + "\"ports\":[{\"mode\":\"ingress\",\"target\":80,\"published\":\"8080\",\"protocol\":\"tcp\"}],"
        + "\"volumes\":[{\"type\":\"bind\",\"source\":\"/proj/conf\",\"target\":\"/etc/nginx/conf.d\",\"read_only\":true,"
        + "\"bind\":{\"create_host_path\":true}},{\"type\":\"volume\",\"source\":\"data\",\"target\":\"/data\"}],"
        + "\"x-eb\":{\"tier\":\"web\"}}},"
        + "\"volumes\":{\"data\":{\"name\":\"demo_data\"}}}");
  }

  @Test
  void sameProjectSameTree() {
    String yaml = "services:\n  b: {image: x, labels: {z: 1, a: 2}}\n  a: {image: y}\n";
    Map<String, Object> one = ConfigTree.of(new Fixture().load(yaml));
    Map<String, Object> two = ConfigTree.of(new Fixture().load(yaml));
    assertThat(one).isEqualTo(two);
    @SuppressWarnings("unchecked")
    Map<String, Object> services = (Map<String, Object>) one.get("services");
    assertThat(List.copyOf(services.keySet())).containsExactly("a", "b");
  }

  @Test
  void deployHoldingOnlyResourcesAndEmptyLoggingAreNotPrinted() throws Exception {
    Project p = new Fixture().load("""
        services:
          web:
            image: nginx
            deploy: {resources: {limits: {memory: 256M}}}
            logging: {}
        """);
    String json = new ObjectMapper().writeValueAsString(ConfigTree.of(p));
    assertThat(json).isEqualTo("{\"name\":\"demo\",\"services\":{\"web\":{\"image\":\"nginx\","
        + "\"mem_limit\":268435456}}}");
  }
}
