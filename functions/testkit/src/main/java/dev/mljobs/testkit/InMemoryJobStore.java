package dev.mljobs.testkit;

import dev.mljobs.core.Clock;
import dev.mljobs.core.job.Callback;
import dev.mljobs.core.job.ConcurrentJobModificationException;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobNotFoundException;
import dev.mljobs.core.job.JobPage;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.core.job.PageCursor;
import dev.mljobs.core.job.TerminalJobException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A {@link JobStore} in a map. It passes the same contract test as the DynamoDB store. */
public final class InMemoryJobStore implements JobStore {

  private final Clock clock;
  private final Map<UUID, Job> jobs = new HashMap<>();
  private final Map<String, UUID> idempotencyKeys = new HashMap<>();
  private final Set<UUID> parked = new HashSet<>(); // as DynamoDB: a mark the next write drops

  public InMemoryJobStore(Clock clock) {
    this.clock = clock;
  }

  @Override
  public synchronized Created create(Job job) {
    if (job.version() != 0) {
      throw new IllegalArgumentException("a new job must have version 0, got " + job.version());
    }
    if (job.idempotencyKey() != null) {
      Optional<Job> existing = findByIdempotencyKey(job.owner(), job.idempotencyKey());
      if (existing.isPresent()) {
        return new Created(existing.get(), false);
      }
    }
    if (jobs.containsKey(job.jobId())) {
      throw new ConcurrentJobModificationException(job.jobId(), 0);
    }
    Job stored = job.toBuilder().version(1).build();
    jobs.put(job.jobId(), stored);
    if (job.idempotencyKey() != null) {
      idempotencyKeys.put(key(job.owner(), job.idempotencyKey()), job.jobId());
    }
    return new Created(stored, true);
  }

  @Override
  public synchronized Optional<Job> find(UUID jobId) {
    return Optional.ofNullable(jobs.get(jobId)).filter(j -> !j.isExpiredAt(clock.now()));
  }

  @Override
  public synchronized Job update(Job job) {
    Job stored = jobs.get(job.jobId());
    if (stored == null) {
      throw new JobNotFoundException(job.jobId());
    }
    if (stored.isTerminal()) {
      throw new TerminalJobException(job.jobId(), stored.status());
    }
    if (stored.version() != job.version()) {
      throw new ConcurrentJobModificationException(job.jobId(), job.version());
    }
    Job next = job.toBuilder().version(job.version() + 1).build();
    jobs.put(job.jobId(), next);
    parked.remove(job.jobId());
    return next;
  }

  @Override
  public synchronized boolean recordCallback(UUID jobId, Callback callback) {
    Job stored = jobs.get(jobId);
    if (stored == null) {
      throw new JobNotFoundException(jobId);
    }
    if (!stored.isTerminal()) {
      throw new IllegalArgumentException("job " + jobId + " is not terminal");
    }
    if (stored.callback() != null
        && (stored.callback().isSettled() || stored.callback().attempts() > callback.attempts())) {
      return false;
    }
    jobs.put(jobId, stored.toBuilder().callback(callback).build());
    return true;
  }

  @Override
  public synchronized JobPage list(JobQuery query) {
    String after = query.cursor() == null ? null : query.cursor().sortKey();
    List<Job> matching =
        jobs.values().stream()
            .filter(query::matches)
            .filter(j -> !j.isExpiredAt(clock.now()))
            .filter(j -> after == null || sortKey(j).compareTo(after) < 0)
            .sorted(Comparator.comparing(InMemoryJobStore::sortKey).reversed())
            .limit(query.limit() + 1L)
            .toList();
    if (matching.size() <= query.limit()) {
      return new JobPage(matching, null);
    }
    List<Job> page = matching.subList(0, query.limit());
    return new JobPage(page, PageCursor.after(page.get(page.size() - 1)));
  }

  @Override
  public synchronized int count(JobStatus status, String owner, int upTo) {
    return (int)
        Math.min(
            upTo,
            jobs.values().stream()
                .filter(j -> j.status() == status && (owner == null || owner.equals(j.owner())))
                .filter(j -> !j.isExpiredAt(clock.now()))
                .count());
  }

  @Override
  public synchronized int countQueuedAhead(Job job, int upTo) {
    return (int)
        Math.min(
            upTo,
            jobs.values().stream()
                .filter(j -> j.status() == JobStatus.QUEUED && !j.jobId().equals(job.jobId()))
                .filter(
                    j ->
                        j.priority() > job.priority()
                            || (j.priority() == job.priority()
                                && j.queuedAt().isBefore(job.queuedAt())))
                .count());
  }

  @Override
  public synchronized List<QueuedJob> queueHead(int n) {
    return jobs.values().stream()
        .filter(j -> j.status() == JobStatus.QUEUED && !j.isExpiredAt(clock.now()))
        .sorted(
            Comparator.comparing((Job j) -> -j.priority())
                .thenComparing(Job::queuedAt)
                .thenComparing(j -> j.jobId().toString()))
        .limit(n)
        .map(j -> new QueuedJob(j.jobId(), j.owner(), j.queuedAt(), parked.contains(j.jobId())))
        .toList();
  }

  @Override
  public synchronized void park(UUID jobId) {
    Job job = jobs.get(jobId);
    if (job != null && job.status() == JobStatus.QUEUED) {
      parked.add(jobId);
    }
  }

  @Override
  public synchronized Optional<Job> findByIdempotencyKey(String owner, String idempotencyKey) {
    UUID jobId = idempotencyKeys.get(key(owner, idempotencyKey));
    return jobId == null ? Optional.empty() : find(jobId);
  }

  private static String sortKey(Job job) {
    return PageCursor.sortKey(job.createdAt(), job.jobId());
  }

  private static String key(String owner, String idempotencyKey) {
    return owner + '\n' + idempotencyKey;
  }
}
