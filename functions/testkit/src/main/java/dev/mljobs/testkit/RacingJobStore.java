package dev.mljobs.testkit;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobPage;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobStore;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;

/**
 * A {@link JobStore} where another writer gets in first: before each of the next {@code n} updates
 * of a job, the rival's change of the stored job is written, so the update finds a newer version
 * than it read and loses the race, as it would against a concurrent request or step.
 */
public final class RacingJobStore implements JobStore {

  private final JobStore store;
  private final AtomicInteger racesLeft = new AtomicInteger();
  private volatile UnaryOperator<Job> rival = UnaryOperator.identity();

  public RacingJobStore(JobStore store) {
    this.store = store;
  }

  /** The next {@code times} updates each lose to {@code rival}'s write of the stored job. */
  public void rivalWritesFirst(int times, UnaryOperator<Job> rival) {
    this.rival = rival;
    racesLeft.set(times);
  }

  /** How many of the races set up are still to come. */
  public int racesLeft() {
    return racesLeft.get();
  }

  @Override
  public Job update(Job job) {
    if (racesLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      store.update(rival.apply(store.find(job.jobId()).orElseThrow()));
    }
    return store.update(job);
  }

  @Override
  public Created create(Job job) {
    return store.create(job);
  }

  @Override
  public boolean recordCallback(UUID jobId, dev.mljobs.core.job.Callback callback) {
    return store.recordCallback(jobId, callback);
  }

  @Override
  public Optional<Job> find(UUID jobId) {
    return store.find(jobId);
  }

  @Override
  public JobPage list(JobQuery query) {
    return store.list(query);
  }

  @Override
  public Optional<Job> findByIdempotencyKey(String owner, String idempotencyKey) {
    return store.findByIdempotencyKey(owner, idempotencyKey);
  }

  @Override
  public int count(JobStatus status, String owner, int upTo) {
    return store.count(status, owner, upTo);
  }

  @Override
  public Running countRunning(String owner, int upTo) {
    return store.countRunning(owner, upTo);
  }

  @Override
  public List<QueuedJob> queueHead(int n) {
    return store.queueHead(n);
  }

  @Override
  public void park(UUID jobId) {
    store.park(jobId);
  }

  @Override
  public int countQueuedAhead(Job job, int upTo) {
    return store.countQueuedAhead(job, upTo);
  }
}
