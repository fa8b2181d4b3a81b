package dev.mljobs.handlers.api;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobPage;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.core.job.PageCursor;

/**
 * Where a queued job stands: 1 + the queued jobs that go before it (higher priority, or the same
 * priority and queued earlier). Counting stops at {@link #HORIZON} jobs, past which the position is
 * reported as that horizon.
 */
public final class QueuePositions {

  static final int HORIZON = 1000;
  private final JobStore store;

  public QueuePositions(JobStore store) {
    this.store = store;
  }

  /** The position of a queued job, or {@code null} for any other status. */
  Long of(Job job) {
    if (job.status() != JobStatus.QUEUED) {
      return null;
    }
    long ahead = 0;
    int seen = 0;
    PageCursor cursor = null;
    JobQuery query = JobQuery.byStatus(JobStatus.QUEUED).withLimit(JobQuery.MAX_LIMIT);
    do {
      JobPage page = store.list(query.after(cursor));
      for (Job other : page.jobs()) {
        if (!other.jobId().equals(job.jobId()) && goesBefore(other, job)) {
          ahead++;
        }
      }
      seen += page.jobs().size();
      cursor = page.next();
    } while (cursor != null && seen < HORIZON);
    return Math.min(ahead + 1, HORIZON);
  }

  private static boolean goesBefore(Job other, Job job) {
    if (other.priority() != job.priority()) {
      return other.priority() > job.priority();
    }
    return other.queuedAt() != null
        && job.queuedAt() != null
        && other.queuedAt().isBefore(job.queuedAt());
  }
}
