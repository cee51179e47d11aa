package dev.compose2eb.compose.normalize;

import static dev.compose2eb.compose.normalize.Fixture.web;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CommandTest {

  private static List<String> words(String line) {
    return ShellWords.split(line).orElseThrow().words();
  }

  @Test
  void splitsLikeGoShellwords() {
    assertThat(words("npm run start")).containsExactly("npm", "run", "start");
    assertThat(words("sh -c 'echo $HOME && ls'")).containsExactly("sh", "-c", "echo $HOME && ls");
    assertThat(words("echo \"a \\\"b\\\" c\" d\\ e")).containsExactly("echo", "a \"b\" c", "d e");
    assertThat(words("python -m http.server  8000\t")).containsExactly("python", "-m", "http.server", "8000");
    assertThat(words("echo '' x")).containsExactly("echo", "", "x");
    assertThat(words("echo $(date) `id`")).containsExactly("echo", "$(date)", "`id`");
    assertThat(words("")).isEmpty();
  }

  @Test
  void anUnquotedOperatorEndsTheCommand() {
    ShellWords.Result r = ShellWords.split("echo a && echo b").orElseThrow();
    assertThat(r.words()).containsExactly("echo", "a");
    assertThat(r.cutAt()).contains(7);
    ShellWords.Result redirect = ShellWords.split("run x 2>&1").orElseThrow();
    assertThat(redirect.words()).containsExactly("run", "x");
    assertThat(redirect.cutAt()).contains(6);
  }

  @Test
  void unbalancedQuotesFail() {
    assertThat(ShellWords.split("echo 'a")).isEmpty();
    assertThat(ShellWords.split("echo \"a")).isEmpty();
    assertThat(ShellWords.split("echo (a)")).isEmpty();
    assertThat(ShellWords.split("echo a\\")).isEmpty();
  }

  @Test
  void serviceCommandAndEntrypoint() {
    Fixture f = new Fixture();
    var s = f.service(web("image: a", "command: bundle exec 'rails s'", "entrypoint: []"));
    assertThat(s.command()).contains(List.of("bundle", "exec", "rails s"));
    assertThat(s.entrypoint()).contains(List.of());
    var absent = new Fixture().service(web("image: a", "command: [\"a b\", c]"));
    assertThat(absent.command()).contains(List.of("a b", "c"));
    assertThat(absent.entrypoint()).isEqualTo(Optional.empty());
  }

  @Test
  void cutCommandIsWarnedAndBadOnesAreErrors() {
    Fixture f = new Fixture();
    var s = f.service(web("image: a", "command: echo a; echo b", "entrypoint: sh -c 'x", "cap_add: ALL"));
    assertThat(s.command()).contains(List.of("echo", "a"));
    assertThat(f.warnings()).containsExactly(
        "compose.yaml:4:14: warning: services.web.command: compose stops reading the command at \"; echo b\" and ignores the rest; the container gets [echo, a]; to run it in a shell write [\"sh\", \"-c\", \"echo a; echo b\"]");
    assertThat(f.errors()).containsExactly(
        "compose.yaml:5:17: error: services.web.entrypoint: invalid command line \"sh -c 'x\": unbalanced quotes or parentheses; close every quote, or write the entrypoint as a list, e.g. [\"sh\", \"-c\", \"...\"]",
        "compose.yaml:6:14: error: services.web.cap_add: expected a list, found the string \"ALL\"; e.g. cap_add: [NET_ADMIN]");
  }
}
