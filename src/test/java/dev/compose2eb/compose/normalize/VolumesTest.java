package dev.compose2eb.compose.normalize;

import static dev.compose2eb.compose.normalize.Fixture.web;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compose2eb.compose.model.ServiceVolume;
import dev.compose2eb.compose.model.ServiceVolume.Type;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VolumesTest {
  private final Fixture f = new Fixture();

  private List<ServiceVolume> volumes(String... items) {
    StringBuilder sb = new StringBuilder(web("image: a", "volumes:"));
    for (String item : items) {
      sb.append("      - ").append(item).append('\n');
    }
    sb.append("volumes:\n  data:\n  cache: {external: true}\n");
    return f.load(sb.toString()).services().get(0).volumes();
  }

  @Test
  void shortFormBindNamedAndAnonymous() {
    List<ServiceVolume> v = volumes("./nginx/default.conf:/etc/nginx/conf.d/default.conf:ro",
        "data:/var/lib/data", "/var/cache", "~/.aws:/root/.aws:ro,z", "../shared:/shared/:rw", "/abs/x:/x");
    assertThat(f.errors()).isEmpty();
    assertThat(v.get(0)).isEqualTo(new ServiceVolume(Type.BIND, Optional.of("/proj/nginx/default.conf"),
        Optional.of("./nginx/default.conf"), "/etc/nginx/conf.d/default.conf", true, List.of("create_host_path"),
        Optional.empty(), v.get(0).location()));
    assertThat(v.get(1).type()).isEqualTo(Type.VOLUME);
    assertThat(v.get(1).source()).contains("data");
    assertThat(v.get(1).readOnly()).isFalse();
    assertThat(v.get(2).type()).isEqualTo(Type.VOLUME);
    assertThat(v.get(2).source()).isEmpty();
    assertThat(v.get(2).target()).isEqualTo("/var/cache");
    assertThat(v.get(3).source()).contains("/home/dev/.aws");
    assertThat(v.get(3).writtenSource()).contains("~/.aws");
    assertThat(v.get(3).options()).containsExactly("z", "create_host_path");
    assertThat(v.get(3).readOnly()).isTrue();
    assertThat(v.get(4).source()).contains("/shared");
    assertThat(v.get(4).target()).isEqualTo("/shared");
    assertThat(v.get(5).source()).contains("/abs/x");
  }

  @Test
  void longForm() {
    List<ServiceVolume> v = volumes(
        "{type: bind, source: ./conf, target: /conf/, read_only: \"true\", bind: {propagation: rshared, create_host_path: false}}",
        "{type: volume, source: cache, target: /cache, volume: {nocopy: true, subpath: sub}}",
        "{type: tmpfs, target: /tmp, tmpfs: {size: 64m, mode: 1777}}");
    assertThat(f.errors()).isEmpty();
    assertThat(v.get(0).source()).contains("/proj/conf");
    assertThat(v.get(0).target()).isEqualTo("/conf");
    assertThat(v.get(0).readOnly()).isTrue();
    assertThat(v.get(0).options()).containsExactly("rshared");
    assertThat(v.get(1).options()).containsExactly("nocopy", "subpath=sub");
    assertThat(v.get(2).type()).isEqualTo(Type.TMPFS);
    assertThat(v.get(2).tmpfsSize()).contains(64L * 1024 * 1024);
    assertThat(v.get(2).options()).containsExactly("mode=1777");
  }

  @Test
  void undeclaredNamedVolumeIsAnError() {
    volumes("logs:/var/log", "{type: volume, source: other, target: /o}");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:5:9: error: services.web.volumes[0]: service \"web\" refers to undefined volume logs; declare it at the top level: volumes: {logs: {}}, or use ./logs for a directory next to the compose file",
        "compose.yaml:6:9: error: services.web.volumes[1]: service \"web\" refers to undefined volume other; declare it at the top level: volumes: {other: {}}, or use ./other for a directory next to the compose file");
  }

  @Test
  void syntaxErrors() {
    volumes("\"ab::/b\"", "\"./a:/b:ro:extra\"", "{type: bind, target: /x}", "{type: blob, target: /x}");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:5:9: error: services.web.volumes[0]: invalid volume \"ab::/b\": empty section between colons; expected [SOURCE:]TARGET[:OPTIONS], e.g. \"./data:/var/lib/data:ro\"",
        "compose.yaml:6:9: error: services.web.volumes[1]: invalid volume \"./a:/b:ro:extra\": too many colons; expected [SOURCE:]TARGET[:OPTIONS], e.g. \"./data:/var/lib/data:ro\"",
        "compose.yaml:7:9: error: services.web.volumes[2]: invalid mount config for type \"bind\": field Source must not be empty; e.g. source: ./data",
        "compose.yaml:8:16: error: services.web.volumes[3].type: invalid volume type \"blob\"; one of bind, volume, tmpfs, npipe, cluster, image");
  }

  @Test
  void parseKeepsWindowsDrivesAndUnknownOptionsForTheReport() {
    Volumes.Parsed p = Volumes.parse("C:\\data:/data:ro,delegated,rslave");
    assertThat(p.source()).isEqualTo("C:\\data");
    assertThat(p.target()).isEqualTo("/data");
    assertThat(p.readOnly()).isTrue();
    assertThat(p.options()).containsExactly("delegated", "rslave"); // compose ignores delegated; we report it
    assertThat(Volumes.isFilePath("C:\\data")).isTrue();
    assertThat(Volumes.isFilePath("data")).isFalse();
  }

  @Test
  void containerTargetsAreCleanedLikeGoPathClean() {
    assertThat(HostPaths.clean("/a/./b/../c//")).isEqualTo("/a/c");
    assertThat(HostPaths.clean("/..")).isEqualTo("/");
    assertThat(HostPaths.clean("a/../../b")).isEqualTo("../b");
  }
}
