package dev.compose2eb.push;

import dev.compose2eb.aws.AwsFailure;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ecr.EcrClient;
import software.amazon.awssdk.services.ecr.model.AuthorizationData;
import software.amazon.awssdk.services.ecr.model.ImageTagMutability;
import software.amazon.awssdk.services.ecr.model.Repository;
import software.amazon.awssdk.services.ecr.model.RepositoryAlreadyExistsException;
import software.amazon.awssdk.services.ecr.model.RepositoryNotFoundException;

/**
 * The ECR calls a push needs. Repositories are created MUTABLE (a redeploy may push the same tag
 * again; the Dockerrun pins digests, so a moved tag cannot change what runs) with ECR's default
 * encryption, and without the repository-level scan-on-push flag, which AWS deprecated in favour of
 * the registry-wide scanning configuration the account owner controls.
 */
public final class EcrRegistry {
  /** ECR's documented repository name pattern; 2 to 256 characters. */
  private static final Pattern NAME = Pattern.compile(
      "(?:[a-z0-9]+(?:[._-][a-z0-9]+)*/)*[a-z0-9]+(?:[._-][a-z0-9]+)*");

  private EcrRegistry() {}

  /** Basic credentials for the account's registry, from GetAuthorizationToken (valid 12 hours). */
  public static RegistryCredentials registryCredentials(EcrClient ecr) {
    String action = "get an ECR login (GetAuthorizationToken)";
    AuthorizationData data;
    try {
      data = ecr.getAuthorizationToken(r -> {}).authorizationData().stream().findFirst()
          .orElseThrow(() -> new AwsFailure(action, "ECR returned no authorization data",
              "run again; if it persists, check the ECR service health", null));
    } catch (SdkException e) {
      throw AwsFailure.of(action, e);
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(nonNull(data.authorizationToken())),
          StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw new AwsFailure(action, "the authorization token is not base64", "run again", null);
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0 || colon == decoded.length() - 1) {
      throw new AwsFailure(action, "the authorization token is not \"user:password\"", "run again",
          null);
    }
    String endpoint = nonNull(data.proxyEndpoint());
    String host = endpoint.contains("://") ? URI.create(endpoint).getRawAuthority() : endpoint;
    if (host == null || host.isBlank()) {
      throw new AwsFailure(action, "ECR returned no registry address (proxyEndpoint)", "run again",
          null);
    }
    return new RegistryCredentials(host, decoded.substring(0, colon), decoded.substring(colon + 1));
  }

  /** The repository when it exists. */
  public static Optional<EcrRepository> describeRepository(EcrClient ecr, String name) {
    checkName(name);
    try {
      return ecr.describeRepositories(r -> r.repositoryNames(name)).repositories().stream()
          .findFirst().map(r -> of(r, false));
    } catch (RepositoryNotFoundException e) {
      return Optional.empty();
    } catch (SdkException e) {
      throw AwsFailure.of("look up the ECR repository " + name, e);
    }
  }

  /** The repository, created when missing; one created meanwhile by someone else counts as existing. */
  public static EcrRepository ensureRepository(EcrClient ecr, String name) {
    Optional<EcrRepository> existing = describeRepository(ecr, name);
    if (existing.isPresent()) {
      return existing.get();
    }
    try {
      Repository created = ecr.createRepository(r -> r.repositoryName(name)
          .imageTagMutability(ImageTagMutability.MUTABLE)).repository();
      return of(created, true);
    } catch (RepositoryAlreadyExistsException e) {
      return describeRepository(ecr, name).orElseThrow(() -> AwsFailure.of(
          "create the ECR repository " + name, e));
    } catch (SdkException e) {
      throw AwsFailure.of("create the ECR repository " + name, e);
    }
  }

  private static void checkName(String name) {
    if (name.length() < 2 || name.length() > 256 || !NAME.matcher(name).matches()) {
      throw new AwsFailure("use the ECR repository name \"" + name + "\"", "ECR names are 2-256"
          + " lowercase letters, digits and . _ - separators, with / between parts",
          "rename the service or set its image: to a valid name", null);
    }
  }

  private static EcrRepository of(Repository r, boolean created) {
    return new EcrRepository(r.repositoryName(), r.repositoryUri(), created);
  }

  private static String nonNull(String s) {
    return s == null ? "" : s;
  }
}
