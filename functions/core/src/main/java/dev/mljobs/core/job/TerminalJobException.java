package dev.mljobs.core.job;

import java.util.UUID;

/** The store refused a write because the stored job is already in a terminal state. */
public class TerminalJobException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final UUID jobId;
  private final JobStatus status;

  public TerminalJobException(UUID jobId, JobStatus status) {
    super("job " + jobId + " is " + status + " and can no longer change");
    this.jobId = jobId;
    this.status = status;
  }

  public UUID jobId() {
    return jobId;
  }

  public JobStatus status() {
    return status;
  }
}
