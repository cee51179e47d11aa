package dev.compose2eb.translate;

import dev.compose2eb.plan.PlanOptions;
import java.util.Optional;

/**
 * Choices the user makes on the command line.
 *
 * @param registry the registry host images built from source are pushed to, e.g. an ECR registry
 * @param tag the tag of images built from source
 * @param plan the choices of the deployment plan (instance type, entry, development mounts, the
 *     memory of containers that state none), used when the caller does not pass a plan
 * @param envToEb move environment values out of the Dockerrun file into EB environment properties
 */
public record TranslateOptions(
    Optional<String> registry, String tag, PlanOptions plan, boolean envToEb) {

  public static TranslateOptions defaults() {
    return new TranslateOptions(Optional.empty(), "latest", PlanOptions.defaults(), false);
  }
}
