package dev.compose2eb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** help, completion, colour, --quiet and --verbose: what users of docker compose and the aws cli expect. */
class CliConventionsTest {
  static final String ESC = "\u001b[";
  /** A Dockerrun file with one error (no image) and one warning-free container. */
  static final String BAD = """
      {
        "AWSEBDockerrunVersion": 2,
        "containerDefinitions": [
          {"name": "web", "essential": true, "memory": 64}
        ]
      }
      """;
  /** Three services without memory: the same warning three times. */
  /** Three services with the same dropped key: one warning said three times. */
  static final String REPEATED = """
      services:
        web:
          image: nginx:1.27
          ports: ["80:80"]
          cpu_count: 2
        api:
          image: example/api:1.0
          cpu_count: 2
        worker:
          image: example/worker:1.0
          cpu_count: 2
      """;

  @TempDir Path dir;

  private Path write(String name, String text) throws IOException {
    return Cli.write(dir, name, text);
  }

  @Test
  void helpCommandPrintsTheCommandsHelp() {
    Cli.Result help = Cli.run(dir, "help", "convert");
    assertThat(help.code()).isZero();
    assertThat(help.out()).startsWith("Usage: compose2eb convert").contains("--format=text|json",
        "--color=auto|always|never", "-q, --quiet", "-v, --verbose", "Exit codes:");
    assertThat(help.out()).isEqualTo(Cli.run(dir, "convert", "--help").out());
    assertThat(Cli.run(dir, "help").out()).startsWith("Usage: compose2eb [-hV] [COMMAND]")
        .containsPattern("(?m)^  completion +Print a completion script")
        .containsPattern("(?m)^  help +Display help information");
    assertThat(Cli.run(dir, "help", "env").out()).startsWith("Usage: compose2eb env [-hV] [COMMAND]");
    assertThat(Cli.run(dir, "help", "nosuch").code()).isEqualTo(2);
  }

  @Test
  void helpFollowsAPathOfNestedCommands() {
    Cli.Result help = Cli.run(dir, "help", "env", "list");
    assertThat(help.code()).isZero();
    assertThat(help.out()).startsWith("Usage: compose2eb env list")
        .isEqualTo(Cli.run(dir, "env", "list", "--help").out());
    Cli.Result unknown = Cli.run(dir, "help", "env", "nosuch");
    assertThat(unknown.code()).isEqualTo(2);
    assertThat(unknown.err()).contains("Unknown subcommand 'nosuch'");
    assertThat(Cli.run(dir, "help", "convert", "env").code()).isEqualTo(2);
    assertThat(Cli.run(dir, "help", "--help").out()).contains("Usage: compose2eb help [-h] [COMMAND...]");
  }

  @Test
  void bashCompletionIsValidAndCompletes() throws Exception {
    Cli.Result r = Cli.run(dir, "completion", "bash");
    assertThat(r.code()).isZero();
    Path script = write("c.bash", r.out());
    assertThat(shell(List.of("bash", "-n", script.toString()))).isEqualTo("");
    // complete "con" after the tool's name, then "--format " after convert, as bash would ask
    // (compopt complains outside a real completion; its stderr is dropped)
    String words = shell(List.of("bash", "-c", "source " + script + "; exec 2>/dev/null; "
        + "COMP_WORDS=(compose2eb con); COMP_CWORD=1; _complete_compose2eb; echo \"${COMPREPLY[*]}\"; "
        + "COMP_WORDS=(compose2eb convert --format ''); COMP_CWORD=3; _complete_compose2eb;"
        + " echo \"${COMPREPLY[*]}\"; "
        + "COMP_WORDS=(compose2eb env ''); COMP_CWORD=2; _complete_compose2eb; echo \"${COMPREPLY[*]}\""));
    assertThat(words.lines().toList()).containsExactly("config convert", "text json",
        "list set unset ebextensions");
  }

  @Test
  void zshLoadsTheSameScript() throws Exception {
    assumeTrue(onPath("zsh"), "zsh is not installed");
    Cli.Result r = Cli.run(dir, "completion", "zsh");
    assertThat(r.out()).isEqualTo(Cli.run(dir, "completion", "bash").out());
    Path script = write("c.zsh", r.out());
    assertThat(shell(List.of("zsh", "-n", script.toString()))).isEqualTo("");
    // sourced by an interactive-less zsh, it defines the completion function through bashcompinit
    assertThat(shell(List.of("zsh", "-c", "source " + script + " && whence -w _complete_compose2eb")))
        .isEqualTo("_complete_compose2eb: function\n");
  }

  @Test
  void fishCompletionIsValidAndCompletes() throws Exception {
    assumeTrue(onPath("fish"), "fish is not installed");
    Cli.Result r = Cli.run(dir, "completion", "fish");
    assertThat(r.code()).isZero();
    Path script = write("c.fish", r.out());
    assertThat(shell(List.of("fish", "-n", script.toString()))).isEqualTo("");
    String out = shell(List.of("fish", "-c", "source " + script
        + "; complete -C 'compose2eb con'; complete -C 'compose2eb convert --format '"
        + "; complete -C 'compose2eb env '; complete -C 'compose2eb completion '"));
    assertThat(out.lines().map(l -> l.split("\t")[0]).toList()).containsExactly(
        "config", "convert", "json", "text", "ebextensions", "list", "set", "unset", "bash", "fish", "zsh");
  }

  @Test
  void completionOfAnUnknownShellIsAUsageError() {
    Cli.Result r = Cli.run(dir, "completion", "tcsh");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("error: unknown shell \"tcsh\"; expected bash, zsh or fish\n");
  }

  @Test
  void colourOnATerminalOnly() throws IOException {
    write("bad.json", BAD);
    String plain = Cli.run(dir, Map.of(), false, "validate", "bad.json").err();
    assertThat(plain).doesNotContain(ESC).contains("bad.json:4:5: error: ");
    String coloured = Cli.run(dir, Map.of(), true, "validate", "bad.json").err();
    assertThat(coloured).contains(ESC + "1mbad.json:4:5" + ESC + "0m: " + ESC + "31merror" + ESC + "0m: ");
    // without the escapes it is the same text
    assertThat(coloured.replaceAll("\u001b\\[[0-9;]*m", "")).isEqualTo(plain);
    assertThat(Cli.run(dir, Map.of("TERM", "dumb"), true, "validate", "bad.json").err()).isEqualTo(plain);
  }

  @Test
  void colourFollowsTheVariablesAndTheOptionWins() throws IOException {
    write("bad.json", BAD);
    assertThat(run(Map.of("NO_COLOR", "1"), true)).doesNotContain(ESC);
    assertThat(run(Map.of("NO_COLOR", "1", "FORCE_COLOR", "1"), true)).doesNotContain(ESC);
    assertThat(run(Map.of("FORCE_COLOR", "1"), false)).contains(ESC + "31merror");
    assertThat(run(Map.of("CLICOLOR_FORCE", "1"), false)).contains(ESC + "31merror");
    assertThat(run(Map.of("CLICOLOR_FORCE", "0"), false)).doesNotContain(ESC);
    assertThat(run(Map.of("NO_COLOR", ""), true)).contains(ESC); // set but empty: not set
    assertThat(run(Map.of("NO_COLOR", "1"), false, "--color", "always")).contains(ESC + "31merror");
    assertThat(run(Map.of("FORCE_COLOR", "1"), true, "--color", "never")).doesNotContain(ESC);
    // stdout (results) is never coloured
    assertThat(Cli.run(dir, Map.of(), true, "validate", "--color", "always", "bad.json").out())
        .isEqualTo("bad.json: 1 error(s)\n");
    Cli.Result bad = Cli.run(dir, Map.of(), false, "validate", "--color", "sometimes", "bad.json");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).startsWith("error: invalid --color \"sometimes\"; expected auto, always or never\n");
  }

  @Test
  void warningsAreYellow() throws IOException {
    write("compose.yaml", REPEATED);
    String err = Cli.run(dir, Map.of(), true, "convert", "-o", "out").err();
    assertThat(err).contains(ESC + "33mwarning" + ESC + "0m: services.web.cpu_count: cpu_count ignored");
  }

  /** The real process on a pseudo-terminal (util-linux script), then with stderr on a pipe. */
  @Test
  void aRealTerminalIsDetected() throws Exception {
    assumeTrue(onPath("script"), "script (util-linux) is not installed");
    write("bad.json", BAD);
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd = java + " -cp " + System.getProperty("java.class.path") + " " + Main.class.getName()
        + " validate bad.json";
    String onTerminal = shell(List.of("script", "-qec", cmd, "/dev/null"));
    assertThat(onTerminal).contains(ESC + "31merror" + ESC + "0m");
    String onPipe = shell(List.of("bash", "-c", cmd + " 2>&1"));
    assertThat(onPipe).doesNotContain(ESC).contains("bad.json:4:5: error: ");
  }

  private String run(Map<String, String> env, boolean terminal, String... more) {
    List<String> args = new ArrayList<>(List.of("validate", "bad.json"));
    args.addAll(List.of(more));
    return Cli.run(dir, env, terminal, args.toArray(String[]::new)).err();
  }

  @Test
  void repeatsAreFoldedUnlessVerbose() throws IOException {
    write("compose.yaml", REPEATED);
    Cli.Result r = Cli.run(dir, "convert", "-o", "out");
    assertThat(r.code()).isZero();
    List<String> lines = r.err().lines().toList();
    assertThat(lines).filteredOn(l -> l.contains("cpu_count ignored")).singleElement().asString()
        .startsWith("compose.yaml:5:5: warning: services.web.cpu_count: cpu_count ignored")
        .endsWith(" (and 2 more like this: services.api.cpu_count, services.worker.cpu_count;"
            + " --verbose lists each)");
    assertThat(lines).last().isEqualTo("converted 3 service(s): 3 warning(s)");

    Cli.Result verbose = Cli.run(dir, "convert", "-o", "out", "--verbose");
    assertThat(verbose.err().lines().filter(l -> l.contains("cpu_count ignored"))).hasSize(3);
    assertThat(verbose.err()).containsPattern("(?m)^time: load \\d+ ms$")
        .containsPattern("(?m)^time: translate \\d+ ms$")
        .containsPattern("(?m)^time: total \\d+ ms$").doesNotContain("more like this");
    assertThat(verbose.out()).isEqualTo(r.out());
  }

  @Test
  void quietPrintsOnlyErrors() throws IOException {
    write("compose.yaml", REPEATED);
    Cli.Result ok = Cli.run(dir, "convert", "-o", "out", "--quiet");
    assertThat(ok).isEqualTo(new Cli.Result(0, "out/Dockerrun.aws.json\nout/buildspec.yml\n", ""));
    write("compose.yaml", REPEATED.replace("\"80:80\"", "\"80:80\", \"22:22\""));
    Cli.Result failed = Cli.run(dir, "convert", "-o", "out", "-q");
    assertThat(failed.code()).isEqualTo(3);
    assertThat(failed.err()).doesNotContain("warning:").startsWith("compose.yaml:4:22: error: ")
        .endsWith("error: 1 error(s), 3 warning(s); nothing written\n");
    assertThat(Cli.run(dir, "config", "-q")).isEqualTo(new Cli.Result(0, "", ""));
    Cli.Result both = Cli.run(dir, "config", "-q", "-v");
    assertThat(both).isEqualTo(new Cli.Result(2, "", "error: --quiet and --verbose exclude each"
        + " other\nRun 'compose2eb config --help' for usage.\n"));
  }

  @Test
  void everyCommandTakesTheSharedOptions() {
    for (String command : List.of("config", "convert", "buildspec", "validate", "diff", "graph",
        "bundle", "deploy", "push", "env list", "env set", "env unset")) {
      List<String> args = new ArrayList<>(List.of(command.split(" ")));
      args.add("--help");
      assertThat(Cli.run(dir, args.toArray(String[]::new)).out()).as(command)
          .contains("--format=text|json", "--color=auto|always|never", "-q, --quiet", "-v, --verbose");
    }
  }

  static boolean onPath(String program) {
    for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      if (Files.isExecutable(Path.of(d, program))) {
        return true;
      }
    }
    return false;
  }

  /** Runs a program in {@link #dir}, returns stdout and stderr together; fails on a non-zero exit. */
  private String shell(List<String> command) throws Exception {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("%s ended", command).isTrue();
    assertThat(p.exitValue()).as("exit of %s: %s", command, out).isIn(0, 3);
    return out;
  }
}
