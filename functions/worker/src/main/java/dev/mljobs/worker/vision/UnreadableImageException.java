package dev.mljobs.worker.vision;

import dev.mljobs.core.job.FailureKind;

/** One input image cannot be used; the message says why, for the submitter. */
public class UnreadableImageException extends Exception {

  private static final long serialVersionUID = 1L;
  private final FailureKind kind;

  /** An image that can never be used as given (missing, not an image, corrupt). */
  public UnreadableImageException(String message) {
    this(message, FailureKind.PERMANENT);
  }

  /**
   * @param kind {@code TRANSIENT} when reading it may succeed later (S3 throttled, a 5xx)
   */
  public UnreadableImageException(String message, FailureKind kind) {
    super(message);
    this.kind = kind;
  }

  /** Whether reading the image again may succeed. */
  public FailureKind kind() {
    return kind;
  }
}
