package dev.mljobs.core.job;

import java.util.UUID;

/** A run for this attempt of the job is already recorded; runs are written once. */
public class DuplicateJobRunException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public DuplicateJobRunException(UUID jobId, int attempt) {
    super("run of attempt " + attempt + " of job " + jobId + " is already recorded");
  }
}
