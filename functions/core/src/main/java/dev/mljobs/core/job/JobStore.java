package dev.mljobs.core.job;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Where jobs live. Every write is conditional on the version that was read (optimistic locking),
 * and a job that storage holds in a terminal state refuses any further write. Expired jobs are
 * never returned, even before storage has deleted them.
 */
public interface JobStore {

  /**
   * Stores a new job at version 1. When the job has an idempotency key and the same owner already
   * stored a live job under that key, nothing is written and that job is returned instead.
   *
   * @param job a job that was never stored (version 0)
   * @return the stored job and whether it was created by this call
   * @throws IllegalArgumentException when {@code job} has a version other than 0
   * @throws ConcurrentJobModificationException when a job with this id already exists
   */
  Created create(Job job);

  /**
   * Reads a job.
   *
   * @return the job, or empty when it does not exist or has expired
   */
  Optional<Job> find(UUID jobId);

  /**
   * Replaces a stored job with {@code job}, provided the stored version is still {@code
   * job.version()}.
   *
   * @return the job as stored, with its version incremented
   * @throws ConcurrentJobModificationException when the stored version differs
   * @throws TerminalJobException when the stored job is already terminal
   * @throws JobNotFoundException when no such job is stored
   */
  Job update(Job job);

  /**
   * Records how a terminal job's webhook delivery stands, changing nothing else: no new version, so
   * it never conflicts with a lifecycle write. A record with fewer attempts than the stored one is
   * ignored, and so is any record once the stored one is settled (delivered or failed), so a late
   * or repeated delivery message never moves the outcome backwards.
   *
   * @return whether the record was written
   * @throws JobNotFoundException when no such job is stored
   * @throws IllegalArgumentException when the stored job is not terminal
   */
  boolean recordCallback(UUID jobId, Callback callback);

  /**
   * Lists jobs newest first.
   *
   * @throws IllegalArgumentException when the query cannot be answered
   */
  JobPage list(JobQuery query);

  /**
   * Finds the live job that {@code owner} created with {@code idempotencyKey}.
   *
   * @return the job, or empty when the key is unused, its job has expired, or it is longer than a
   *     key may be ({@link dev.mljobs.core.KeyLimits#IDEMPOTENCY_KEY_BYTES})
   */
  Optional<Job> findByIdempotencyKey(String owner, String idempotencyKey);

  /**
   * Counts jobs in a status, stopping at {@code upTo} so that counting stays cheap.
   *
   * @param owner the owner whose jobs to count, or {@code null} for all owners
   * @return the number of such jobs, at most {@code upTo}
   */
  int count(JobStatus status, String owner, int upTo);

  /** Running jobs in all, and among them one owner's. */
  record Running(int all, int owners) {}

  /**
   * Counts the running jobs of all owners, stopping at {@code upTo}, and among those {@code
   * owner}'s: what the dispatcher's concurrency limits need, in one read where the store can.
   */
  default Running countRunning(String owner, int upTo) {
    return new Running(count(JobStatus.RUNNING, null, upTo), count(JobStatus.RUNNING, owner, upTo));
  }

  /**
   * A queued job as the queue holds it: what choosing the next job to dispatch needs.
   *
   * @param parked whether the dispatcher set it aside at a concurrency limit ({@link #park})
   */
  record QueuedJob(UUID jobId, String owner, Instant queuedAt, boolean parked) {}

  /**
   * The first {@code n} queued jobs of all owners, in dispatch order: higher priority first, then
   * queued earlier.
   */
  List<QueuedJob> queueHead(int n);

  /**
   * Marks a queued job as parked: it waits, with no dispatch message, until capacity frees up. The
   * mark goes with the job's next write; a job that is no longer queued is left as it is.
   */
  void park(UUID jobId);

  /**
   * Counts the queued jobs (of all owners) that go before {@code job}: a higher priority, or the
   * same priority and queued earlier. Stops at {@code upTo}.
   */
  int countQueuedAhead(Job job, int upTo);

  /** The outcome of {@link #create}. */
  record Created(Job job, boolean created) {}
}
