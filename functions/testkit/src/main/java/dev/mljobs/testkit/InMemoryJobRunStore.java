package dev.mljobs.testkit;

import dev.mljobs.core.job.DuplicateJobRunException;
import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.JobRunStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** A {@link JobRunStore} in a map. It passes the same contract test as the DynamoDB store. */
public final class InMemoryJobRunStore implements JobRunStore {

  private final Map<UUID, TreeMap<Integer, JobRun>> runs = new HashMap<>();

  @Override
  public synchronized void record(JobRun run) {
    TreeMap<Integer, JobRun> ofJob = runs.computeIfAbsent(run.jobId(), id -> new TreeMap<>());
    if (ofJob.putIfAbsent(run.attempt(), run) != null) {
      throw new DuplicateJobRunException(run.jobId(), run.attempt());
    }
  }

  @Override
  public synchronized List<JobRun> runsOf(UUID jobId) {
    if (jobId == null) {
      throw new IllegalArgumentException("job_id is required");
    }
    TreeMap<Integer, JobRun> ofJob = runs.get(jobId);
    return ofJob == null ? List.of() : List.copyOf(ofJob.values());
  }
}
