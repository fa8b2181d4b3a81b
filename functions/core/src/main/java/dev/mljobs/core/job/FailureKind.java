package dev.mljobs.core.job;

/**
 * Whether a failed attempt may succeed if tried again. The worker classifies its own errors; the
 * workflow's {@code attempt_failed} step reads the classification from the task's Error Output and
 * retries only a transient failure. The names and exit codes below are the one definition shared by
 * the worker (which produces them) and the steps function (which reads them); see "The worker
 * contract" in docs/jobs.md.
 */
public enum FailureKind {
  /**
   * Can never succeed as submitted: the input does not exist, an item is not an image, bad params,
   * an unknown model, a job type or task no worker runs. The job fails at once.
   */
  PERMANENT(4, "dev.mljobs.worker.JobFailedException"),
  /**
   * May succeed later: S3 throttling, 5xx or I/O errors, timeouts, a crash of unknown cause.
   * Retried with backoff while attempts remain.
   */
  TRANSIENT(1, "dev.mljobs.worker.TransientJobFailedException");

  /** The worker CLI's exit code when its environment is unusable: a permanent failure too. */
  public static final int EXIT_BAD_ENVIRONMENT = 2;

  /** The worker CLI's exit code when the job was cancelled while it ran. */
  public static final int EXIT_CANCELLED = 3;

  private final int exitCode;
  private final String errorName;

  FailureKind(int exitCode, String errorName) {
    this.exitCode = exitCode;
    this.errorName = errorName;
  }

  /** The worker CLI's exit code for a failure of this kind (the AWS Batch path). */
  public int exitCode() {
    return exitCode;
  }

  /**
   * The Error name of a failure of this kind on the Lambda path: Lambda reports an uncaught
   * exception by its class name, so this is the worker's exception class (a worker test checks it).
   */
  public String errorName() {
    return errorName;
  }

  /** The kind of a worker process's exit code: anything not known to be permanent is transient. */
  public static FailureKind ofExitCode(int exitCode) {
    return exitCode == PERMANENT.exitCode || exitCode == EXIT_BAD_ENVIRONMENT
        ? PERMANENT
        : TRANSIENT;
  }

  /**
   * The kind of a Lambda error name ({@code errorType}): only the worker's permanent failure is
   * permanent; timeouts, out-of-memory and any other exception are transient.
   */
  public static FailureKind ofErrorName(String errorName) {
    return PERMANENT.errorName.equals(errorName) ? PERMANENT : TRANSIENT;
  }
}
