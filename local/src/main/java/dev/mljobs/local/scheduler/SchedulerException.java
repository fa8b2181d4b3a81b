package dev.mljobs.local.scheduler;

/**
 * An error the emulator answers with, as EventBridge Scheduler would: the {@code x-amzn-ErrorType}
 * the SDK maps to its exception class, the HTTP status, and a message in AWS's words.
 */
public final class SchedulerException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final String errorType;
  private final int httpStatus;

  private SchedulerException(String errorType, int httpStatus, String message) {
    super(message);
    this.errorType = errorType;
    this.httpStatus = httpStatus;
  }

  /** The input breaks a constraint of the API (HTTP 400). */
  public static SchedulerException validation(String message) {
    return new SchedulerException("ValidationException", 400, message);
  }

  /** A constraint of the service model, worded as AWS words it for every such field. */
  static SchedulerException constraint(Object value, String field, String constraint) {
    String shown = value == null ? "null" : "'" + value + "'";
    return validation(
        "1 validation error detected: Value "
            + shown
            + " at '"
            + field
            + "' failed to satisfy constraint: "
            + constraint);
  }

  /** The request names a schedule or group that does not exist (HTTP 404). */
  public static SchedulerException notFound(String message) {
    return new SchedulerException("ResourceNotFoundException", 404, message);
  }

  /** The request clashes with an existing resource (HTTP 409). */
  public static SchedulerException conflict(String message) {
    return new SchedulerException("ConflictException", 409, message);
  }

  /** The error type, e.g. {@code ValidationException}; the SDK picks its exception class by it. */
  public String errorType() {
    return errorType;
  }

  /** The HTTP status the service answers with. */
  public int httpStatus() {
    return httpStatus;
  }
}
