package dev.compose2eb.cli;

import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.diag.Diagnostic;
import dev.compose2eb.dockerrun.DockerrunWriter;
import dev.compose2eb.ebcompose.EbCompose;
import dev.compose2eb.ebcompose.EbComposeWriter;
import dev.compose2eb.plan.ManagedPlan;
import dev.compose2eb.plan.Platform;
import dev.compose2eb.translate.LocalProjectFiles;
import dev.compose2eb.translate.TranslateOptions;
import dev.compose2eb.translate.Translation;
import dev.compose2eb.translate.Translator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a platform's writer made of the project: the file EB reads at the bundle root
 * (Dockerrun.aws.json or docker-compose.yml) and what goes with it, for convert, bundle and
 * buildspec alike; the whole translation too on the ECS platform.
 */
record TargetOutput(Platform platform, String text, Map<String, String> ebEnvironment,
    List<Diagnostic> report, List<String> bundlePaths, ManagedPlan managed,
    Optional<Translation> translation) {

  boolean hasErrors() {
    return report.stream().anyMatch(Diagnostic::isError);
  }

  /** The platform's output for the loaded project, timed with --verbose. */
  static TargetOutput of(Console console, Platform platform, LoadResult loaded,
      TranslateOptions options, List<String> managed) {
    long start = System.nanoTime();
    try {
      return of(platform, loaded, options, managed);
    } finally {
      console.timing("translate", start);
    }
  }

  private static TargetOutput of(Platform platform, LoadResult loaded, TranslateOptions options,
      List<String> managed) {
    LocalProjectFiles files = new LocalProjectFiles(loaded.project().workingDir());
    if (platform == Platform.DOCKER) {
      EbCompose c = EbComposeWriter.write(loaded.project(), managed, options, files, Map.of());
      return new TargetOutput(platform, c.text(), c.ebEnvironment(), c.report(), c.bundlePaths(),
          c.managed(), Optional.empty());
    }
    Translation t = Translator.translate(loaded.project(), options, files, managed);
    String json = DockerrunWriter.write(t.dockerrun());
    // No second pass of the validator over the JSON just written (re-parsing it was a tenth of a
    // cold convert): the translator reports what the validator would, at the compose file's
    // positions, and the tests hold every Dockerrun it writes to the validator (GoldenTest on every
    // case and sample, ConvertPropertyTest on 300 random projects). `validate` stays the check.
    return new TargetOutput(platform, json, t.ebEnvironment(), t.report(), t.bundlePaths(),
        t.managed(), Optional.of(t));
  }
}
