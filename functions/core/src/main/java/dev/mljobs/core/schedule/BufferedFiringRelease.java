package dev.mljobs.core.schedule;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobStore;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * Starts the firing a {@code buffer_one} schedule keeps waiting: when a job of a schedule ends and
 * none of its jobs is queued or running any more, its oldest held (pending) job is queued. Hooked
 * into the job status events, so it sees every end (completed, failed, cancelled, skipped) however
 * it came; seeing one twice queues nothing twice ({@link JobService#release} is conditional).
 */
public final class BufferedFiringRelease implements JobEvents {

  private final JobEvents next;
  private final JobStore store;
  private final Supplier<JobService> jobs;

  /**
   * @param next where the events go on to
   * @param jobs the job service (supplied late: it publishes through this)
   */
  public BufferedFiringRelease(JobEvents next, JobStore store, Supplier<JobService> jobs) {
    this.next = next;
    this.store = store;
    this.jobs = jobs;
  }

  @Override
  public void statusChanged(Job job) {
    next.statusChanged(job);
    if (job.scheduleId() == null || !job.isTerminal()) {
      return;
    }
    List<Job> recent =
        store
            .list(
                JobQuery.bySchedule(job.scheduleId())
                    .withOwner(job.owner())
                    .withLimit(JobQuery.MAX_LIMIT))
            .jobs();
    boolean busy =
        recent.stream()
            .anyMatch(j -> j.status() == JobStatus.QUEUED || j.status() == JobStatus.RUNNING);
    if (!busy) {
      recent.stream()
          .filter(j -> j.status() == JobStatus.PENDING)
          .min(Comparator.comparing(Job::createdAt))
          .ifPresent(waiting -> jobs.get().release(waiting.jobId()));
    }
  }
}
