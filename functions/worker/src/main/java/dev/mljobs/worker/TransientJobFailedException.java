package dev.mljobs.worker;

import dev.mljobs.core.job.FailureKind;

/**
 * The attempt failed for a reason that may pass (S3 throttling, a 5xx, an I/O error, the model
 * failing to run): the workflow retries it with backoff while attempts remain.
 */
public class TransientJobFailedException extends JobFailedException {

  private static final long serialVersionUID = 1L;

  public TransientJobFailedException(String message) {
    super(message);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.TRANSIENT;
  }
}
