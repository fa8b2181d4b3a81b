package dev.mljobs.worker;

import dev.mljobs.core.job.FailureKind;

/**
 * The job cannot succeed, for a reason its submitter should read: bad parameters, missing or
 * unreadable input, an unknown model. The message becomes the job's {@code error_message}. It is
 * {@linkplain FailureKind#PERMANENT permanent}: trying again cannot help, so the job fails at once.
 * A failure that may pass is a {@link TransientJobFailedException}. On Lambda the class name is the
 * Error name the workflow classifies by ({@link FailureKind#errorName()}); the CLI exits with
 * {@link FailureKind#exitCode()}.
 */
public class JobFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public JobFailedException(String message) {
    super(message);
  }

  /** A failure of {@code kind}: this class when permanent, the transient subclass otherwise. */
  public static JobFailedException of(FailureKind kind, String message) {
    return kind == FailureKind.PERMANENT
        ? new JobFailedException(message)
        : new TransientJobFailedException(message);
  }

  /** Whether trying again may help. */
  public FailureKind kind() {
    return FailureKind.PERMANENT;
  }
}
