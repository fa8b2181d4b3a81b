package dev.mljobs.core.job;

import java.util.UUID;

/** A lifecycle move that the transition table forbids, e.g. completing a cancelled job. */
public class IllegalJobTransitionException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final UUID jobId;
  private final JobStatus from;
  private final JobStatus to;

  public IllegalJobTransitionException(UUID jobId, JobStatus from, JobStatus to) {
    super("job " + jobId + " cannot move from " + from + " to " + to);
    this.jobId = jobId;
    this.from = from;
    this.to = to;
  }

  public IllegalJobTransitionException(UUID jobId, JobStatus from, String reason) {
    super("job " + jobId + " (" + from + "): " + reason);
    this.jobId = jobId;
    this.from = from;
    this.to = null;
  }

  public UUID jobId() {
    return jobId;
  }

  public JobStatus from() {
    return from;
  }

  /** The refused target status, or {@code null} when the move was refused for another reason. */
  public JobStatus to() {
    return to;
  }
}
