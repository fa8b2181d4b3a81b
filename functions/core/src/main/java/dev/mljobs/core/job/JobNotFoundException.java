package dev.mljobs.core.job;

import java.util.UUID;

/** No job with this id exists (or it has expired). */
public class JobNotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final UUID jobId;

  public JobNotFoundException(UUID jobId) {
    super("job " + jobId + " does not exist");
    this.jobId = jobId;
  }

  public UUID jobId() {
    return jobId;
  }
}
