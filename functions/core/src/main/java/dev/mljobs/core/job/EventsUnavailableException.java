package dev.mljobs.core.job;

import java.util.UUID;

/**
 * The job's change is written; publishing it failed where a failure must not be swallowed (the
 * first try of its webhook could not be scheduled). Repeat the call that made the change: a step
 * retried after its write publishes again, and so does a repeated cancel. The ASL's {@code Retry}
 * names this class by string.
 */
public class EventsUnavailableException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final UUID jobId;

  /**
   * @param cause why publishing failed (the queue's error)
   */
  public EventsUnavailableException(UUID jobId, Throwable cause) {
    super(
        "job "
            + jobId
            + ": the change is written; publishing it failed, retry the step ("
            + cause.getClass().getSimpleName()
            + ")",
        cause);
    this.jobId = jobId;
  }

  public UUID jobId() {
    return jobId;
  }
}
