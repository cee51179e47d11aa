package dev.compose2eb.cli;

import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.diag.Diagnostics;
import dev.compose2eb.diag.InvalidInputException;
import dev.compose2eb.dockerrun.Dockerrun;
import dev.compose2eb.dockerrun.DockerrunReader;
import dev.compose2eb.review.ContainerGraph;
import dev.compose2eb.review.MermaidGraph;
import dev.compose2eb.ebcompose.ComposeSketch;
import dev.compose2eb.plan.Plans;
import dev.compose2eb.plan.Platform;
import dev.compose2eb.translate.LocalProjectFiles;
import dev.compose2eb.translate.TranslateOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code compose2eb graph}: containers, links, ports and volumes as a Mermaid diagram. */
@Command(name = "graph", mixinStandardHelpOptions = true,
    description = {"Print the containers, links, published ports and volumes as a Mermaid"
        + " flowchart, to paste into a pull request.",
        "Draws the translation of the compose project (with --platform docker: the services of the"
            + " compose file, depends_on instead of links), or an existing file with --dockerrun."})
final class GraphCommand implements Callable<Integer> {
  private final Console console;
  @Mixin CommonOptions common;
  @Spec CommandSpec spec;
  @Mixin LoaderOptions loader;
  @Mixin ConvertCommand.TranslateMixin translate;

  @Option(names = "--dockerrun", paramLabel = "FILE",
      description = "Draw this Dockerrun.aws.json instead of translating the compose project")
  Path dockerrun;

  GraphCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Dockerrun model;
    if (dockerrun != null) {
      Diagnostics diags = new Diagnostics();
      String text = ValidateCommand.readText(console.cwd.resolve(dockerrun), dockerrun.toString(), diags);
      if (text == null) {
        throw new InvalidInputException(diags.list());
      }
      model = DockerrunReader.read(dockerrun.toString(), text);
    } else {
      TranslateOptions options = translate.options(spec); // a usage error before any file is read
      LoadResult loaded = loader.load();
      Platform platform = translate.platform(spec, loaded.project());
      TargetOutput t = TargetOutput.of(console, platform, loaded, options, translate.managed);
      List<Diagnostic> errors = new ArrayList<>(loaded.diagnostics());
      errors.addAll(t.report());
      if (t.hasErrors()) {
        throw new InvalidInputException(errors);
      }
      // the Docker platform has no links: services reach each other by name, after depends_on
      model = platform == Platform.DOCKER
          ? ComposeSketch.of(Plans.of(loaded.project(), translate.managed, options.plan(),
              new LocalProjectFiles(loaded.project().workingDir())), options)
          : t.translation().orElseThrow().dockerrun();
    }
    if (console.json()) {
      ContainerGraph graph = MermaidGraph.graph(model);
      console.result(g -> {
        g.writeArrayFieldStart("nodes");
        for (ContainerGraph.Node n : graph.nodes()) {
          g.writeStartObject();
          g.writeStringField("id", n.id());
          g.writeStringField("kind", n.kind());
          g.writeStringField("name", n.name());
          g.writeStringField("detail", n.detail());
          g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("edges");
        for (ContainerGraph.Edge e : graph.edges()) {
          g.writeStartObject();
          g.writeStringField("from", e.from());
          g.writeStringField("to", e.to());
          g.writeStringField("kind", e.kind());
          g.writeStringField("label", e.label());
          g.writeEndObject();
        }
        g.writeEndArray();
      });
    } else {
      console.out.print(MermaidGraph.render(model));
    }
    return ExitCode.OK.code;
  }
}
