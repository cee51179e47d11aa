package dev.compose2eb.compose.normalize;

import dev.compose2eb.compose.model.Healthcheck;
import dev.compose2eb.yaml.MapNode;
import dev.compose2eb.yaml.Node;
import dev.compose2eb.yaml.ScalarNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code healthcheck}: the test in list form, Go durations, {@code disable}. */
final class Healthchecks {
  private final NodeReader in;

  Healthchecks(NodeReader in) {
    this.in = in;
  }

  Optional<Healthcheck> read(Node node, String path) {
    Optional<MapNode> map = in.map(node, path, "healthcheck: {test: [\"CMD\", \"true\"]}");
    if (map.isEmpty()) {
      return Optional.empty();
    }
    MapNode m = map.get();
    in.checkKeys(m, path, Keys.HEALTHCHECK);
    List<String> test = test(m.get("test"), NodeReader.keyPath(m, path, "test"));
    boolean disable = in.bool(m.get("disable"), NodeReader.keyPath(m, path, "disable"), "disable: true").orElse(false);
    if (disable && !test.isEmpty() && !test.get(0).equals("NONE")) {
      in.warning(m.get("disable"), NodeReader.keyPath(m, path, "disable"), "the test is ignored because disable is true", "remove one of them");
    }
    if (disable) {
      test = List.of("NONE");
    }
    Optional<Long> retries = in.integer(m.get("retries"), NodeReader.keyPath(m, path, "retries"), "retries: 3");
    retries.filter(r -> r < 0 || r > Integer.MAX_VALUE).ifPresent(r ->
        in.error(m.get("retries"), NodeReader.keyPath(m, path, "retries"), "invalid retries " + r + ": must not be negative", "e.g. retries: 3"));
    return Optional.of(new Healthcheck(
        test,
        duration(m.get("interval"), NodeReader.keyPath(m, path, "interval")),
        duration(m.get("timeout"), NodeReader.keyPath(m, path, "timeout")),
        retries.filter(r -> r >= 0 && r <= Integer.MAX_VALUE).map(Long::intValue),
        duration(m.get("start_period"), NodeReader.keyPath(m, path, "start_period")),
        duration(m.get("start_interval"), NodeReader.keyPath(m, path, "start_interval")),
        disable || (!test.isEmpty() && test.get(0).equals("NONE"))));
  }

  private List<String> test(Node node, String path) {
    if (NodeReader.isNull(node)) {
      return List.of();
    }
    if (node instanceof ScalarNode s && s.isString()) {
      String cmd = (String) s.value();
      return cmd.equals("NONE") ? List.of("NONE") : List.of("CMD-SHELL", cmd);
    }
    List<String> list = new ArrayList<>(in.stringList(node, path, "test: [\"CMD\", \"curl\", \"-f\", \"http://localhost\"]"));
    if (list.isEmpty()) {
      return list;
    }
    String first = list.get(0);
    if (!first.equals("CMD") && !first.equals("CMD-SHELL") && !first.equals("NONE")) {
      in.error(node, path, "a healthcheck test list must start with CMD, CMD-SHELL or NONE, found " + NodeReader.quote(first),
          "e.g. [\"CMD\", \"curl\", \"-f\", \"http://localhost\"] or a string for the shell");
      return List.of();
    }
    if (first.equals("CMD-SHELL") && list.size() != 2) {
      in.error(node, path, "CMD-SHELL takes exactly one command string, found " + (list.size() - 1),
          "e.g. [\"CMD-SHELL\", \"curl -f http://localhost || exit 1\"]");
    }
    return list;
  }

  Optional<Duration> duration(Node node, String path) {
    return readDuration(in, node, path);
  }

  static Optional<Duration> readDuration(NodeReader in, Node node, String path) {
    Optional<String> text = in.string(node, path, "\"1m30s\"");
    if (text.isEmpty()) {
      return Optional.empty();
    }
    Optional<Duration> d = Durations.parse(text.get());
    if (d.isEmpty()) {
      in.error(node, path, "invalid duration " + NodeReader.quote(text.get()),
          "a number with a unit ns, us, ms, s, m or h, e.g. \"1m30s\" or \"500ms\"");
    }
    return d;
  }
}
