package dev.mljobs.core.group;

import static dev.mljobs.core.Require.present;

import dev.mljobs.core.job.JobStatus;
import java.util.UUID;

/**
 * A member job as its group last saw it.
 *
 * @param jobVersion the job's stored version this status was read at: a change is taken only from a
 *     newer version, so a change handled twice, or late, is taken once
 */
public record GroupMember(UUID jobId, JobStatus status, long jobVersion) {

  public GroupMember {
    present(jobId, "job_id");
    present(status, "status");
  }

  /** Whether this member's job was released to the queue (or ran, or ended). */
  public boolean started() {
    return status != JobStatus.PENDING;
  }
}
