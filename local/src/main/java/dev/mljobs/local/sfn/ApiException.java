package dev.mljobs.local.sfn;

/**
 * An error the API answers with HTTP 400 and {@code {"__type": code, "message": ...}}: the SDK maps
 * the code to its modelled exception ({@code InvalidArn} to {@code InvalidArnException}).
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String code;

  ApiException(String code, String message) {
    // a client error, not a defect: the stack trace would only cost time
    super(message, null, false, false);
    this.code = code;
  }

  String code() {
    return code;
  }

  static ApiException validation(String message) {
    return new ApiException("ValidationException", message);
  }

  static ApiException invalidArn(String arn) {
    return new ApiException("InvalidArn", "Invalid Arn: '" + arn + "'");
  }

  static ApiException stateMachineDoesNotExist(String arn) {
    return new ApiException(
        "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
  }

  static ApiException executionDoesNotExist(String arn) {
    return new ApiException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
  }
}
