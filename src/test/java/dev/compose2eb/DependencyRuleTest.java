package dev.compose2eb;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The package dependency rule of docs/architecture.md, read from the sources' imports and
 * fully qualified names: each top-level package may use only the packages listed for it, nothing
 * uses {@code cli}, and there is no cycle. A new package must be added to {@link #ALLOWED} on
 * purpose, with the packages it may use.
 */
class DependencyRuleTest {
  private static final Path MAIN = Path.of(System.getProperty("basedir", "."))
      .resolve("src/main/java/dev/compose2eb");

  /** Who may use whom; the layering from the bottom (diag) to the top (cli). */
  static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
      Map.entry("diag", Set.of()),
      Map.entry("yaml", Set.of("diag")),
      Map.entry("compose", Set.of("yaml", "diag")),
      Map.entry("plan", Set.of("compose", "yaml", "diag")),
      Map.entry("dockerrun", Set.of("diag")),
      Map.entry("translate", Set.of("plan", "compose", "dockerrun", "yaml", "diag")),
      Map.entry("ebcompose", Set.of("translate", "plan", "compose", "dockerrun", "yaml", "diag")),
      Map.entry("buildspec", Set.of("translate", "plan", "compose", "yaml", "diag")),
      Map.entry("review", Set.of("dockerrun", "diag")),
      Map.entry("ebextensions", Set.of("plan", "dockerrun", "diag")),
      Map.entry("bundle", Set.of("plan", "dockerrun", "diag")),
      Map.entry("aws", Set.of("diag")),
      Map.entry("push", Set.of("aws", "diag")),
      Map.entry("deploy", Set.of("aws", "push", "bundle", "ebcompose", "ebextensions", "translate", "plan",
          "compose",
          "dockerrun", "yaml", "diag")),
      Map.entry("cli", Set.of("deploy", "push", "aws", "bundle", "review", "buildspec",
          "ebcompose", "ebextensions",
          "translate", "plan", "dockerrun", "compose", "yaml", "diag")));

  // An import, a static import or a qualified name in code: dev.compose2eb.<package>.
  private static final Pattern USE = Pattern.compile("\\bdev\\.compose2eb\\.([a-z][a-z0-9]*)\\b");

  private static Map<String, Set<String>> uses;
  private static Map<String, List<String>> evidence;

  @BeforeAll
  static void readSources() throws IOException {
    uses = new TreeMap<>();
    evidence = new TreeMap<>();
    try (Stream<Path> files = Files.walk(MAIN)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        Path rel = MAIN.relativize(f);
        if (rel.getNameCount() < 2) {
          continue; // a class in the root package belongs to no layer
        }
        String from = rel.getName(0).toString();
        uses.computeIfAbsent(from, k -> new TreeSet<>());
        int lineNo = 0;
        for (String line : Files.readAllLines(f)) {
          lineNo++;
          String code = stripComment(line);
          if (code.startsWith("package ")) {
            continue;
          }
          Matcher m = USE.matcher(code);
          while (m.find()) {
            String to = m.group(1);
            if (!to.equals(from)) {
              uses.get(from).add(to);
              evidence.computeIfAbsent(from + " -> " + to, k -> new ArrayList<>())
                  .add(rel + ":" + lineNo);
            }
          }
        }
      }
    }
  }

  /** Drops line comments and javadoc/block comment lines: a mention in prose is no dependency. */
  private static String stripComment(String line) {
    String t = line.strip();
    if (t.startsWith("//") || t.startsWith("*") || t.startsWith("/*")) {
      return "";
    }
    int i = t.indexOf("//");
    return i >= 0 ? t.substring(0, i) : t;
  }

  @Test
  void theSourcesWereRead() {
    // Guards the rule itself: a wrong path would make every other check pass vacuously.
    assertThat(uses).containsKeys("diag", "compose", "translate", "cli");
    assertThat(uses.get("cli")).contains("compose", "translate");
  }

  @Test
  void everyPackageIsInTheRule() {
    assertThat(ALLOWED.keySet())
        .as("add a new top-level package to DependencyRuleTest.ALLOWED with what it may use")
        .containsAll(uses.keySet());
  }

  @Test
  void packagesUseOnlyWhatTheRuleAllows() {
    List<String> broken = new ArrayList<>();
    uses.forEach((from, tos) -> {
      for (String to : tos) {
        if (!ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
          broken.add(from + " -> " + to + " at " + evidence.get(from + " -> " + to));
        }
      }
    });
    assertThat(broken).as("dependencies the rule does not allow").isEmpty();
  }

  @Test
  void nothingUsesCli() {
    assertThat(uses.entrySet().stream()
        .filter(e -> !e.getKey().equals("cli") && e.getValue().contains("cli"))
        .map(Map.Entry::getKey).toList()).isEmpty();
  }

  @Test
  void theRuleItselfHasNoCycle() {
    // Together with packagesUseOnlyWhatTheRuleAllows this makes the real graph acyclic.
    Set<String> done = new TreeSet<>();
    for (String p : ALLOWED.keySet()) {
      assertThat(cycleFrom(p, new ArrayList<>(), done)).as("cycle through " + p).isEmpty();
    }
  }

  private static List<String> cycleFrom(String p, List<String> path, Set<String> done) {
    if (path.contains(p)) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(p), path.size()));
      cycle.add(p);
      return cycle;
    }
    if (done.contains(p)) {
      return List.of();
    }
    path.add(p);
    for (String q : ALLOWED.getOrDefault(p, Set.of())) {
      List<String> c = cycleFrom(q, path, done);
      if (!c.isEmpty()) {
        return c;
      }
    }
    path.remove(path.size() - 1);
    done.add(p);
    return List.of();
  }
}
