package dev.mljobs.handlers.api;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobStore;

/**
 * Where a queued job stands: 1 + the queued jobs that go before it (higher priority, or the same
 * priority and queued earlier). Counting stops at {@link #HORIZON} jobs, past which the position is
 * reported as that horizon.
 */
public final class QueuePositions {

  static final int HORIZON = 100;
  private final JobStore store;

  public QueuePositions(JobStore store) {
    this.store = store;
  }

  /** The position of a queued job, or {@code null} for any other status. */
  Long of(Job job) {
    if (job.status() != JobStatus.QUEUED) {
      return null;
    }
    return (long) Math.min(store.countQueuedAhead(job, HORIZON) + 1, HORIZON);
  }
}
