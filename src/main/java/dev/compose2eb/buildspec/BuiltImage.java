package dev.compose2eb.buildspec;

/**
 * One image the buildspec builds and pushes.
 *
 * @param repository the ECR repository, as {@code convert --registry} names it
 * @param build the {@code docker build} command line, ready for the shell
 */
record BuiltImage(String service, String repository, String build) {

  /** The image reference, for a double-quoted shell word: registry and tag come from variables. */
  String reference() {
    return "$REGISTRY/" + repository + ":$IMAGE_TAG";
  }
}
