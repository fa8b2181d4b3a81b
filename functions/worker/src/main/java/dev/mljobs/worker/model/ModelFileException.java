package dev.mljobs.worker.model;

import dev.mljobs.core.job.FailureKind;

/** A model or tokenizer file that cannot be fetched: no such object, no access, a bad URI. */
public final class ModelFileException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final FailureKind kind;

  /** A file that can never be fetched as named (missing, denied, not an S3 object). */
  public ModelFileException(String message) {
    this(message, FailureKind.PERMANENT);
  }

  /**
   * @param kind {@code TRANSIENT} when S3 could not answer now (throttled, a 5xx, changed
   *     meanwhile)
   */
  public ModelFileException(String message, FailureKind kind) {
    super(message);
    this.kind = kind;
  }

  /** Whether fetching it again may succeed. */
  public FailureKind kind() {
    return kind;
  }
}
