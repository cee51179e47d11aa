package dev.compose2eb.cli;

import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.compose.normalize.ConfigTree;
import dev.compose2eb.yaml.YamlWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code compose2eb config}: the resolved, normalised project, like {@code docker compose config}. */
@Command(name = "config", mixinStandardHelpOptions = true,
    description = {"Print the resolved compose project (files merged, variables interpolated,"
        + " extends and profiles applied, every key in canonical form) as YAML.",
        "Warnings go to stderr; the YAML to stdout. A literal $ is printed as $$ (as docker compose"
            + " does), so the output is itself a valid compose file."})
final class ConfigCommand implements Callable<Integer> {
  private final Console console;
  @Mixin CommonOptions common;
  @Mixin LoaderOptions loader;

  ConfigCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    LoadResult result = loader.load();
    console.diagnostics(result.diagnostics());
    if (console.json()) {
      // the same tree as the YAML; the values of secret-looking variables are not shown
      Object tree = ConfigTree.of(result.project());
      console.result(g -> {
        g.writeFieldName("project");
        JsonDocument.writeTree(g, tree, false);
      });
    } else if (!console.quiet) { // like docker compose config -q: only validate
      // like docker compose: the output stays a valid compose file, so a literal $ is written $$
      console.out.print(YamlWriter.write(ConfigTree.of(result.project())).replace("$", "$$"));
    }
    return ExitCode.OK.code;
  }
}
