package dev.mljobs.core.job;

import java.util.UUID;

/**
 * A write carried a version that is no longer the stored one: somebody else changed the job since
 * it was read. Read it again and decide anew.
 */
public class ConcurrentJobModificationException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final UUID jobId;
  private final long expectedVersion;

  public ConcurrentJobModificationException(UUID jobId, long expectedVersion) {
    super(
        "job "
            + jobId
            + " was changed by someone else since version "
            + expectedVersion
            + " was read");
    this.jobId = jobId;
    this.expectedVersion = expectedVersion;
  }

  public UUID jobId() {
    return jobId;
  }

  public long expectedVersion() {
    return expectedVersion;
  }
}
