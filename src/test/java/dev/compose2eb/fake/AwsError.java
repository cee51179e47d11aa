package dev.compose2eb.fake;

/** An AWS error answer: HTTP status, error code and message, thrown by the service handlers. */
final class AwsError extends RuntimeException {
  private final int status;
  private final String code;

  AwsError(int status, String code, String message) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
  }

  static AwsError sender(String code, String message) {
    return new AwsError(400, code, message);
  }

  static AwsError invalidParameter(String message) {
    return sender("InvalidParameterValue", message);
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  boolean senderFault() {
    return status < 500;
  }
}
