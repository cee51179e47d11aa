package dev.compose2eb.compose.load;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import dev.compose2eb.yaml.SeqNode;
import dev.compose2eb.yaml.YamlReader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One test per merge rule of the compose specification, with the cases of compose-go's
 * {@code override/merge_*_test.go} and {@code loader/reset_test.go}: a base file, an override
 * file and the merged tree (after unicity and {@code !reset} clean-up), compared as plain values.
 */
class TreeMergerTest {
  private final Diagnostics diags = new Diagnostics();
  private final TreeMerger merger = new TreeMerger(diags);

  @Test
  void mappingsMergeKeyByKeyAndTheLaterScalarWins() {
    assertMerge("""
        services:
          web: {image: a, restart: always, deploy: {replicas: 1, mode: replicated}}
        """, """
        services:
          web: {image: b, deploy: {replicas: 3}}
          db: {image: postgres}
        """, """
        services:
          web: {image: b, restart: always, deploy: {replicas: 3, mode: replicated}}
          db: {image: postgres}
        """);
  }

  @Test
  void plainSequencesAppend() {
    assertMerge("""
        services:
          web: {security_opt: [label=a], volumes_from: [x]}
        """, """
        services:
          web: {security_opt: [label=b], volumes_from: [x]}
        """, """
        services:
          web: {security_opt: [label=a, label=b], volumes_from: [x, x]}
        """);
  }

  @Test
  void commandEntrypointAndHealthcheckTestAreReplacedWholesale() {
    assertMerge("""
        services:
          web:
            command: [a, b]
            entrypoint: /bin/sh -c
            healthcheck: {test: [CMD, a], interval: 10s}
        """, """
        services:
          web:
            command: [c]
            entrypoint: [/entry]
            healthcheck: {test: CMD-SHELL b}
        """, """
        services:
          web:
            command: [c]
            entrypoint: [/entry]
            healthcheck: {test: CMD-SHELL b, interval: 10s}
        """);
  }

  @Test
  void environmentMergesByKeyAcrossMapAndListFormsAndTheLaterValueWins() {
    // a mapping becomes sorted KEY=VALUE entries (a null value stays key-only), then the later
    // definition of a key replaces the earlier one in place
    assertMerge("""
        services:
          web:
            environment: {B: "2", A: "1", ONLY_KEY: null, PORT: 5432}
        """, """
        services:
          web:
            environment: [B=3, C=4, ONLY_KEY=set, A]
        """, """
        services:
          web:
            environment: [A, B=3, ONLY_KEY=set, PORT=5432, C=4]
        """);
  }

  @Test
  void labelsBuildArgsSysctlsTmpfsAndDnsMergeByKey() {
    assertMerge("""
        services:
          web:
            labels: [com.example.a=1, com.example.b=2]
            build: {context: ., args: {VERSION: "1", DEBUG: "false"}}
            sysctls: {net.core.somaxconn: 1024}
            tmpfs: /run
            dns: 8.8.8.8
        """, """
        services:
          web:
            labels: {com.example.b: "3"}
            build: {args: [DEBUG=true, EXTRA=x]}
            sysctls: [net.core.somaxconn=2048, net.ipv4.tcp_syncookies=0]
            tmpfs: [/run, /tmp]
            dns: [1.1.1.1, 8.8.8.8]
        """, """
        services:
          web:
            labels: [com.example.a=1, com.example.b=3]
            build: {context: ., args: [DEBUG=true, VERSION=1, EXTRA=x]}
            sysctls: [net.core.somaxconn=2048, net.ipv4.tcp_syncookies=0]
            tmpfs: [/run, /tmp]
            dns: [8.8.8.8, 1.1.1.1]
        """);
  }

  @Test
  void envFileAppendsAndIsUniqueByPathWhateverTheForm() {
    assertMerge("""
        services:
          web: {env_file: foo.env}
        """, """
        services:
          web:
            env_file:
              - bar.env
              - {path: foo.env, required: false}
        """, """
        services:
          web:
            env_file:
              - {path: foo.env, required: false}
              - bar.env
        """);
  }

  @Test
  void extraHostsAppendWithoutDuplicates() {
    assertMerge("""
        services:
          web: {extra_hosts: ["db:10.0.0.1", "cache:10.0.0.2"]}
        """, """
        services:
          web: {extra_hosts: ["cache:10.0.0.2", "api:10.0.0.3"]}
        """, """
        services:
          web: {extra_hosts: ["db:10.0.0.1", "cache:10.0.0.2", "api:10.0.0.3"]}
        """);
  }

  @Test
  void dependsOnListFormBecomesAMappingWithDefaultsBeforeMerging() {
    assertMerge("""
        services:
          web: {depends_on: [db, cache]}
        """, """
        services:
          web:
            depends_on:
              db: {condition: service_healthy}
        """, """
        services:
          web:
            depends_on:
              db: {condition: service_healthy, required: true}
              cache: {condition: service_started, required: true}
        """);
  }

  @Test
  void volumesAreUniqueByTargetInShortAndLongForm() {
    assertMerge("""
        services:
          web:
            volumes: ["./html:/usr/share/nginx/html:ro", "data:/data", "/cache"]
        """, """
        services:
          web:
            volumes:
              - ./other:/usr/share/nginx/html
              - {type: volume, source: more, target: /data}
              - logs:/logs
        """, """
        services:
          web:
            volumes:
              - ./other:/usr/share/nginx/html
              - {type: volume, source: more, target: /data}
              - /cache
              - logs:/logs
        """);
  }

  @Test
  void portsAreUniqueByTheWholeMappingSoTwoHostPortsForOneTargetStay() {
    assertMerge("""
        services:
          web: {ports: ["8080:80", "443:443"]}
        """, """
        services:
          web: {ports: ["8081:80", "8080:80"]}
        """, """
        services:
          web: {ports: ["8080:80", "443:443", "8081:80"]}
        """);
  }

  @Test
  void aShortPortAndTheSameLongPortAreOneMapping() {
    // compose-go compares ports in canonical (long) form: host_ip:published:target/protocol
    assertMerge("""
        services:
          web: {ports: ["80:80", "127.0.0.1:9000:9000/udp"]}
        """, """
        services:
          web:
            ports:
              - {target: 80, published: "80", protocol: tcp, mode: host}
              - {target: 9000, published: "9000", host_ip: 127.0.0.1, protocol: udp}
        """, """
        services:
          web:
            ports:
              - {target: 80, published: "80", protocol: tcp, mode: host}
              - {target: 9000, published: "9000", host_ip: 127.0.0.1, protocol: udp}
        """);
  }

  @Test
  void exposeCapAddLinksAndProfilesAreUniqueByValue() {
    assertMerge("""
        services:
          web: {expose: [80, "443"], cap_add: [NET_ADMIN], links: [db], profiles: [debug]}
        """, """
        services:
          web: {expose: ["80", 8080], cap_add: [NET_ADMIN, SYS_TIME], links: [db, cache], profiles: [debug, ops]}
        """, """
        services:
          web: {expose: ["80", "443", 8080], cap_add: [NET_ADMIN, SYS_TIME], links: [db, cache], profiles: [debug, ops]}
        """);
  }

  @Test
  void loggingOptionsMergeOnlyWhenTheDriverIsTheSameOrMissing() {
    String base = """
        services:
          web: {logging: {driver: json-file, options: {max-size: 10m, max-file: "3"}}}
        """;
    assertMerge(base, """
        services:
          web: {logging: {driver: json-file, options: {max-size: 20m}}}
        """, """
        services:
          web: {logging: {driver: json-file, options: {max-size: 20m, max-file: "3"}}}
        """);
    assertMerge(base, """
        services:
          web: {logging: {options: {frequency: "2000"}}}
        """, """
        services:
          web: {logging: {driver: json-file, options: {max-size: 10m, max-file: "3", frequency: "2000"}}}
        """);
    assertMerge(base, """
        services:
          web: {logging: {driver: syslog, options: {syslog-address: "tcp://192.168.0.42:123"}}}
        """, """
        services:
          web: {logging: {driver: syslog, options: {syslog-address: "tcp://192.168.0.42:123"}}}
        """);
  }

  @Test
  void eachUlimitIsReplacedNotMerged() {
    // compose-go merge_ulimits_test: locks {hard: 65535} replaces {soft: 20000, hard: 40000}
    assertMerge("""
        services:
          web:
            ulimits:
              nofile: {soft: 20000, hard: 40000}
              nproc: 65535
              locks: {soft: 20000, hard: 40000}
        """, """
        services:
          web:
            ulimits:
              nofile: {soft: 10000, hard: 40000}
              nproc: {soft: 65535}
              locks: {hard: 65535}
        """, """
        services:
          web:
            ulimits:
              nofile: {soft: 10000, hard: 40000}
              nproc: {soft: 65535}
              locks: {hard: 65535}
        """);
  }

  @Test
  void buildStringIsShortForContextAndNetworksListIsShortForAMapping() {
    assertMerge("""
        services:
          web: {build: ./app, networks: [front, back]}
        """, """
        services:
          web:
            build: {dockerfile: Dockerfile.prod}
            networks: {back: {aliases: [api]}}
        """, """
        services:
          web:
            build: {context: ./app, dockerfile: Dockerfile.prod}
            networks: {front: null, back: {aliases: [api]}}
        """);
  }

  @Test
  void aNullOverrideKeepsTheBaseValue() {
    assertMerge("""
        services:
          web: {image: a, environment: {A: "1"}, volumes: [/data]}
        """, """
        services:
          web: {image: null, volumes: null}
        """, """
        services:
          web: {image: a, environment: {A: "1"}, volumes: [/data]}
        """);
  }

  @Test
  void resetRemovesAValueFromEarlierFiles() {
    assertMerge("""
        services:
          web: {image: a, ports: ["80:80"], environment: {A: "1"}, build: ., command: [x]}
        networks:
          test: {name: test, external: true}
        """, """
        services:
          web: {ports: !reset [], environment: !reset {}, build: !reset null, command: !reset []}
        networks:
          test: !reset {}
        """, """
        services:
          web: {image: a}
        networks: {}
        """);
  }

  @Test
  void resetInTheFirstFileLeavesNothingBehind() {
    assertMerge("""
        services:
          web: {image: a, ports: !reset ["80:80"]}
        """, """
        services:
          web: {restart: always}
        """, """
        services:
          web: {image: a, restart: always}
        """);
  }

  @Test
  void overrideReplacesMappingsAndSequencesInsteadOfMerging() {
    assertMerge("""
        services:
          web: {ports: ["80:80", "443:443"], labels: {a: "1"}, environment: [A=1]}
        networks:
          test: {name: test, external: true}
        """, """
        services:
          web: {ports: !override ["8080:80"], labels: !override {b: "2"}, environment: !override {B: "2"}}
        networks:
          test: !override {}
        """, """
        services:
          web: {ports: ["8080:80"], labels: {b: "2"}, environment: {B: "2"}}
        networks:
          test: {}
        """);
  }

  @Test
  void extensionFieldsMergeLikeAnyMapping() {
    // compose-go merges x- keys since compose-spec/compose-go#768 (docker compose 2.36); before
    // that a top-level x- key was replaced
    assertMerge("""
        x-eb: {instance_type: t3.small, tags: {team: a}}
        services:
          web: {image: a, x-note: {a: 1}}
        """, """
        x-eb: {tags: {cost: b}}
        services:
          web: {x-note: {b: 2}}
        """, """
        x-eb: {instance_type: t3.small, tags: {team: a, cost: b}}
        services:
          web: {image: a, x-note: {a: 1, b: 2}}
        """);
  }

  @Test
  void aMappingOverriddenByAnotherKindIsAnErrorThatKeepsTheBase() {
    merged("""
        services:
          web: {deploy: {replicas: 2}}
        """, """
        services:
          web: {deploy: [x]}
        """);
    assertThat(diags.list()).extracting(Diagnostic::render).containsExactly(
        "t2.yaml:2:17: error: services.web.deploy: cannot override a mapping with a sequence;"
            + " an override file must give the same kind of value, or tag it !override");
  }

  @Test
  void mergingAServiceOntoTheOneItExtendsUsesTheServiceRules() {
    MapNode base = yaml("b.yaml", "{image: a, command: [x], environment: {A: \"1\"}, ports: [\"80:80\"]}");
    MapNode local = yaml("l.yaml", "{command: [y], environment: [B=2], ports: [\"80:80\"]}");
    Object merged = plain(TreeMerger.enforceUnicity(
        new MapNode.Builder(MapNode.empty(base.location()))
            .put("services", new MapNode.Builder(base.location())
                .put("s", merger.mergeService(base, local)).build()).build()));
    assertThat(merged).isEqualTo(plain(yaml("e.yaml",
        "services: {s: {image: a, command: [y], environment: [A=1, B=2], ports: [\"80:80\"]}}")));
  }

  // --- helpers ---------------------------------------------------------------------------------

  private void assertMerge(String base, String override, String expected) {
    Object actual = merged(base, override);
    assertThat(diags.list()).isEmpty();
    assertThat(actual).isEqualTo(plain(yaml("expected.yaml", expected)));
  }

  private Object merged(String base, String override) {
    MapNode m = merger.merge(yaml("t1.yaml", base), yaml("t2.yaml", override));
    m = TreeMerger.enforceUnicity(m);
    return plain(TreeMerger.stripResets(m));
  }

  private static MapNode yaml(String name, String text) {
    Diagnostics d = new Diagnostics();
    List<Node> docs = YamlReader.read(name, text, d);
    assertThat(d.list()).isEmpty();
    return (MapNode) docs.get(0);
  }

  /** Plain values: mapping order is ignored by equals, sequence order is not. */
  private static Object plain(Node n) {
    if (n instanceof MapNode m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach((k, v) -> out.put(k, plain(v)));
      return out;
    }
    if (n instanceof SeqNode s) {
      List<Object> out = new ArrayList<>();
      s.items().forEach(i -> out.add(plain(i)));
      return out;
    }
    return ((ScalarNode) n).value();
  }
}
