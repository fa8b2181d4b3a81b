package dev.mljobs.core.job;

import java.util.List;
import java.util.UUID;

/** The history of execution attempts. Runs are immutable once written. */
public interface JobRunStore {

  /**
   * Writes the run of one attempt.
   *
   * @throws DuplicateJobRunException when a run of the same job and attempt is already recorded
   */
  void record(JobRun run);

  /**
   * Returns the runs of a job in attempt order; empty for an unknown job.
   *
   * @throws IllegalArgumentException when {@code jobId} is null
   */
  List<JobRun> runsOf(UUID jobId);

  /**
   * Lists an owner's runs across jobs, newest first (by finished_at, then run_id), narrowed by the
   * query's criteria. Runs recorded without an owner are not listed.
   *
   * @throws IllegalArgumentException when the query cannot be answered
   */
  RunPage list(RunQuery query);
}
