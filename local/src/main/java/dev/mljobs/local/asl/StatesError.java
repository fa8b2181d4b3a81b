package dev.mljobs.local.asl;

/**
 * An error in the sense of the Amazon States Language: a name such as {@code States.Timeout} or
 * {@code MyApp.NotFound}, and a human-readable cause. Task handlers throw it to fail a task; the
 * interpreter matches its name against Retry and Catch rules.
 */
public class StatesError extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** Matches every error except {@link #RUNTIME}. */
  public static final String ALL = "States.ALL";

  /** Matches every error except {@link #TIMEOUT} and {@link #RUNTIME}. */
  public static final String TASK_FAILED = "States.TaskFailed";

  public static final String TIMEOUT = "States.Timeout";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";

  /** A bad path or type at run time: never retried and never caught, not even by States.ALL. */
  public static final String RUNTIME = "States.Runtime";

  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";

  private final String error;
  private final String cause;

  /**
   * @param error the error name, not blank
   * @param cause the cause, may be null when there is none
   */
  public StatesError(String error, String cause) {
    super(cause);
    if (error == null || error.isBlank()) {
      throw new IllegalArgumentException("an error needs a name");
    }
    this.error = error;
    this.cause = cause;
  }

  private StatesError(String cause) {
    super(cause);
    this.error = null;
    this.cause = cause;
  }

  /** The error of a Fail state that gives no Error: only States.ALL and TaskFailed match it. */
  static StatesError unnamed(String cause) {
    return new StatesError(cause);
  }

  public static StatesError runtime(String cause) {
    return new StatesError(RUNTIME, cause);
  }

  /** The error name; null only for a Fail state that names none. */
  public String error() {
    return error;
  }

  /** The cause text, or null. */
  public String cause() {
    return cause;
  }

  boolean isRuntime() {
    return RUNTIME.equals(error);
  }

  /** Whether a Retry or Catch rule that lists {@code name} applies to this error. */
  boolean matches(String name) {
    if (isRuntime()) {
      return false;
    }
    return switch (name) {
      case ALL -> true;
      case TASK_FAILED -> !TIMEOUT.equals(error);
      default -> name.equals(error);
    };
  }

  @Override
  public String toString() {
    return (error == null ? "(no error name)" : error) + (cause == null ? "" : ": " + cause);
  }
}
