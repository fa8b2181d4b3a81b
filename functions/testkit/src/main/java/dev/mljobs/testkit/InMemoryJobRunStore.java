package dev.mljobs.testkit;

import dev.mljobs.core.job.DuplicateJobRunException;
import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.JobRunStore;
import dev.mljobs.core.job.RunPage;
import dev.mljobs.core.job.RunQuery;
import java.util.Comparator;
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

  @Override
  public synchronized RunPage list(RunQuery query) {
    String after = query.cursor() == null ? null : query.cursor().sortKey();
    List<JobRun> matching =
        runs.values().stream()
            .flatMap(ofJob -> ofJob.values().stream())
            .filter(r -> r.owner() != null && query.matches(r))
            .filter(r -> after == null || sortKey(r).compareTo(after) < 0)
            .sorted(Comparator.comparing(InMemoryJobRunStore::sortKey).reversed())
            .limit(query.limit() + 1L)
            .toList();
    if (matching.size() <= query.limit()) {
      return new RunPage(matching, null);
    }
    List<JobRun> page = matching.subList(0, query.limit());
    return new RunPage(page, RunQuery.cursorAfter(page.get(page.size() - 1)));
  }

  private static String sortKey(JobRun run) {
    return RunQuery.cursorAfter(run).sortKey();
  }
}
