package dev.mljobs.handlers.observe;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.handlers.observe.MetricsSink.Metric;
import dev.mljobs.handlers.observe.MetricsSink.Unit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts status changes by job type and logs each one, then passes it on: every change goes through
 * {@link JobEvents}, whichever handler made it, so counting here misses none and counts none twice
 * (a transition is written once, conditionally). Metrics: {@code JobsCreated}, {@code JobsStarted},
 * {@code JobsRetried}, {@code JobsCompleted}, {@code JobsFailed}, {@code JobsCancelled}, and {@code
 * RunDuration} (ms, from the attempt's start) of completed and failed jobs.
 */
public final class JobMetrics implements JobEvents {

  private static final Logger LOG = LoggerFactory.getLogger(JobMetrics.class);
  private final MetricsSink sink;
  private final JobEvents next;

  public JobMetrics(MetricsSink sink, JobEvents next) {
    this.sink = sink;
    this.next = next;
  }

  @Override
  public void statusChanged(Job job) {
    Map<String, Object> fields = JobFields.of(job);
    JobFields.logged(
        fields,
        () -> {
          LOG.info("job {} is {}", job.jobId(), job.status().wireName());
          return null;
        });
    List<Metric> metrics = metrics(job);
    if (!metrics.isEmpty()) {
      sink.emit(Map.of("JobType", job.jobType()), metrics, fields);
    }
    next.statusChanged(job);
  }

  /** What a change to the job's current status counts as. */
  static List<Metric> metrics(Job job) {
    List<Metric> metrics = new ArrayList<>();
    String counter =
        switch (job.status()) {
          case QUEUED -> job.attempts() == 0 ? "JobsCreated" : "JobsRetried";
          case RUNNING -> "JobsStarted";
          case COMPLETED -> "JobsCompleted";
          case FAILED -> "JobsFailed";
          case CANCELLED -> "JobsCancelled";
          case PENDING, SKIPPED -> null;
        };
    if (counter != null) {
      metrics.add(new Metric(counter, 1, Unit.COUNT));
    }
    if ((job.status() == JobStatus.COMPLETED || job.status() == JobStatus.FAILED)
        && job.currentAttemptStart() != null
        && job.completedAt() != null) {
      long ms = Duration.between(job.currentAttemptStart(), job.completedAt()).toMillis();
      metrics.add(new Metric("RunDuration", Math.max(0, ms), Unit.MILLISECONDS));
    }
    return metrics;
  }
}
