package dev.compose2eb.cli;

import dev.compose2eb.aws.AwsClients;
import dev.compose2eb.compose.load.LoadResult;
import dev.compose2eb.deploy.ImageStep;
import dev.compose2eb.deploy.PushingPublisher;
import dev.compose2eb.push.ImagePusher;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compose2eb push}: the image step of a deploy, alone. */
@Command(name = "push", mixinStandardHelpOptions = true,
    description = {"Push the images of the services built from source to ECR without `docker push`"
        + " (creating each repository when missing), from `docker save` archives or the local Docker"
        + " engine; blobs the registry has are not sent again.",
        "Prints one line per service on stdout: SERVICE IMAGE@DIGEST."})
final class PushCommand implements Callable<Integer> {
  private final Console console;
  @Mixin CommonOptions common;
  @Mixin LoaderOptions loader;
  @Mixin AwsOptions aws;

  @Option(names = "--tag", paramLabel = "TAG", defaultValue = "latest",
      description = "Tag to push (default: ${DEFAULT-VALUE}); deploys pin the digest anyway")
  String tag;

  @Option(names = "--image-archive", paramLabel = "SERVICE=PATH",
      description = "Push this `docker save` archive as the service's image; repeatable")
  java.util.List<String> imageArchives = new java.util.ArrayList<>();

  @Option(names = "--mirror-images", description = "Also copy public images (postgres, redis ...) into ECR")
  boolean mirrorImages;

  @picocli.CommandLine.Spec picocli.CommandLine.Model.CommandSpec spec;

  PushCommand(Console console) {
    this.console = console;
  }

  @Override
  public Integer call() {
    Map<String, Path> archives = OptionValues.archives(spec, imageArchives, console.cwd);
    LoadResult loaded = loader.load();
    console.diagnostics(loaded.diagnostics());
    XEbSettings xeb = XEbSettings.of(loaded.project());
    DeployConsole listener = new DeployConsole(console);
    Map<String, String> images = new java.util.LinkedHashMap<>();
    console.result(g -> {
      g.writeArrayFieldStart("images");
      for (Map.Entry<String, String> e : images.entrySet()) {
        g.writeStartObject();
        g.writeStringField("service", e.getKey());
        g.writeStringField("image", e.getValue());
        g.writeEndObject();
      }
      g.writeEndArray();
      listener.write(g);
    });
    try (AwsClients clients = aws.open(console, xeb.region())) {
      ImagePusher pusher = new ImagePusher(DeployCommand.cacheDirectory(console))
          .withDocker(Optional.empty(), console.env).withNotes(console::note);
      Map<String, String> pinned = new ImageStep(loaded.project(),
          new PushingPublisher(loaded.project(), pusher, archives, false),
          AwsOptions.clients(clients), listener, tag, mirrorImages, false).run();
      images.putAll(pinned);
      if (!console.json()) {
        pinned.forEach((service, image) -> console.out.println(service + " " + image));
      }
      if (pinned.isEmpty()) {
        console.note("nothing to push: no service is built from source"
            + (mirrorImages ? " and no public image to mirror" : " (use --mirror-images to copy public ones)"));
      }
    }
    return ExitCode.OK.code;
  }
}
