package dev.compose2eb.aws;

import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.Set;
import javax.net.ssl.SSLException;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.ApiCallAttemptTimeoutException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * A failed AWS call, told in one line: {@code Tried to <action> but failed because: <reason>;
 * <what to do>}. Built from SDK exceptions by {@link #of}; the message never carries credentials
 * (the SDK's own messages do not, and anything shaped like an access key is masked anyway).
 */
public final class AwsFailure extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_DETAIL = 300;

  private static final Set<String> EXPIRED = Set.of("ExpiredToken", "ExpiredTokenException",
      "RequestExpired", "TokenRefreshRequired");
  private static final Set<String> BAD_CREDENTIALS = Set.of("InvalidClientTokenId",
      "UnrecognizedClientException", "SignatureDoesNotMatch", "InvalidSignatureException",
      "InvalidAccessKeyId", "AuthFailure", "IncompleteSignature", "MissingAuthenticationToken",
      "MissingAuthenticationTokenException");
  private static final Set<String> DENIED = Set.of("AccessDenied", "AccessDeniedException",
      "UnauthorizedOperation", "UnauthorizedAccess", "AuthorizationError",
      "InsufficientPrivilegesException");

  private final String action;
  private final String reason;
  private final String fix;

  /** A failure with a known reason and remedy. */
  public AwsFailure(String action, String reason, String fix, Throwable cause) {
    super("Tried to " + action + " but failed because: " + reason + "; " + fix, cause, false, false);
    this.action = action;
    this.reason = reason;
    this.fix = fix;
  }

  public String action() {
    return action;
  }

  public String reason() {
    return reason;
  }

  public String fix() {
    return fix;
  }

  /** The failure of {@code action} (for example "create the ECR repository app-web") told in one line. */
  public static AwsFailure of(String action, Throwable error) {
    if (error instanceof AwsFailure f) {
      return f;
    }
    if (error instanceof AwsServiceException e) {
      return service(action, e);
    }
    if (error instanceof SdkException e) {
      return client(action, e);
    }
    return new AwsFailure(action, "an unexpected " + error.getClass().getSimpleName() + " ("
        + detail(error.getMessage()) + ")", "run again; if it persists, report it", error);
  }

  private static AwsFailure service(String action, AwsServiceException e) {
    AwsErrorDetails details = e.awsErrorDetails();
    String code = details == null || details.errorCode() == null ? "" : details.errorCode();
    String message = details == null ? "" : detail(details.errorMessage());
    String said = code.isEmpty() ? "HTTP " + e.statusCode() : code;
    if (!message.isEmpty()) {
      said += ": " + message;
    }
    if (e.isThrottlingException()) {
      return new AwsFailure(action, "AWS throttled the requests (" + said + ")" + attempts(e),
          "wait a minute and run again, or slow down other tools using this account", e);
    }
    if (EXPIRED.contains(code)) {
      return new AwsFailure(action, "the AWS credentials have expired (" + said + ")",
          "refresh them (for SSO: aws sso login) and run again", e);
    }
    if (BAD_CREDENTIALS.contains(code) || e.isClockSkewException()) {
      return new AwsFailure(action, "AWS rejected the credentials (" + said + ")",
          "check --aws-profile (or AWS_PROFILE) or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY and the system clock", e);
    }
    if (DENIED.contains(code) || e.statusCode() == 403) {
      return new AwsFailure(action, "access was denied (" + said + ")",
          "grant the deploying identity this permission (see the IAM permissions in README.md)", e);
    }
    if (e.statusCode() >= 500) {
      return new AwsFailure(action, "AWS answered with a server error (HTTP " + e.statusCode()
          + (code.isEmpty() ? "" : ", " + said) + ")" + attempts(e),
          "run again later; if it persists, check https://health.aws.amazon.com", e);
    }
    return new AwsFailure(action, "AWS refused the request (" + said + ")",
        "fix what the message names and run again", e);
  }

  private static AwsFailure client(String action, SdkException e) {
    String message = e.getMessage() == null ? "" : e.getMessage();
    if (message.startsWith("Unable to load credentials")) {
      return new AwsFailure(action, "no AWS credentials were found",
          "set AWS_PROFILE (or pass --aws-profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY", e);
    }
    if (message.startsWith("Unable to load region")) {
      return new AwsFailure(action, "no AWS region is configured",
          "pass --region, set AWS_REGION, or set region in the AWS profile", e);
    }
    if (message.startsWith("Profile file contained no credentials for profile")) {
      String profile = message.replaceFirst("(?s)^Profile file contained no credentials for profile"
          + " '([^']*)'.*", "$1");
      return new AwsFailure(action, "the AWS profile '" + detail(profile) + "' has no credentials",
          "check the profile name (--profile, AWS_PROFILE) and ~/.aws/config", e);
    }
    if (e instanceof ApiCallTimeoutException && message.startsWith(CallWatch.NO_ANSWER)) {
      return new AwsFailure(action, detail(message), "check the network and any AWS_ENDPOINT_URL*"
          + " setting, then run again (--timeout and --call-timeout give the calls more time)", e);
    }
    if (e instanceof ApiCallTimeoutException || e instanceof ApiCallAttemptTimeoutException
        || has(e, SocketTimeoutException.class)) {
      return new AwsFailure(action, "the AWS endpoint did not answer in time" + attempts(e),
          "check the network and run again", e);
    }
    UnknownHostException unknown = find(e, UnknownHostException.class);
    if (unknown != null) {
      return new AwsFailure(action, "the host " + detail(unknown.getMessage()) + " is unknown",
          "check the region, any AWS_ENDPOINT_URL* setting and the network", e);
    }
    if (has(e, ConnectException.class)) {
      return new AwsFailure(action, "the AWS endpoint could not be reached ("
          + detail(find(e, ConnectException.class).getMessage()) + ")" + attempts(e),
          "check the network and any AWS_ENDPOINT_URL* setting", e);
    }
    SSLException tls = find(e, SSLException.class);
    if (tls != null) {
      return new AwsFailure(action, "the TLS connection failed (" + detail(tls.getMessage()) + ")",
          "check proxies and the endpoint certificate", e);
    }
    if (has(e, InterruptedIOException.class)) {
      return new AwsFailure(action, "the call was interrupted", "run again", e);
    }
    String kind = e instanceof SdkClientException ? "the AWS SDK failed" : "the AWS call failed";
    return new AwsFailure(action, kind + " (" + detail(message) + ")", "run again; if it persists,"
        + " check the network and the AWS settings", e);
  }

  private static String attempts(SdkException e) {
    Integer n = e.numAttempts();
    return n != null && n > 1 ? " after " + n + " attempts" : "";
  }

  private static boolean has(Throwable t, Class<? extends Throwable> type) {
    return find(t, type) != null;
  }

  private static <T extends Throwable> T find(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }

  /** One line, bounded, with anything shaped like an AWS access key or secret masked. */
  static String detail(String text) {
    if (text == null) {
      return "";
    }
    String line = text.replaceAll("\\s+", " ").trim()
        .replaceAll("\\b(AKIA|ASIA)[A-Z0-9]{16}\\b", "$1****")
        .replaceAll("(?i)(secret[_ ]?(access[_ ]?)?key|session[_ ]?token|password)([\"']?\\s*[=:]\\s*)"
            + "[^\\s,;\"']+", "$1$3****");
    if (line.endsWith(".")) {
      line = line.substring(0, line.length() - 1);
    }
    return line.length() <= MAX_DETAIL ? line : line.substring(0, MAX_DETAIL) + "...";
  }
}
