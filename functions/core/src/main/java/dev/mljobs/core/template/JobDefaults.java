package dev.mljobs.core.template;

import static dev.mljobs.core.Require.range;

import dev.mljobs.core.job.Job;

/**
 * The job options a template fills in when a job request leaves them out. Each is {@code null} when
 * the template leaves it to the job's own default. The bounds are the job's.
 */
public record JobDefaults(
    Integer priority, Integer maxAttempts, Integer timeoutSeconds, Integer ttlHours) {

  public static final JobDefaults NONE = new JobDefaults(null, null, null, null);

  public JobDefaults {
    if (priority != null) {
      range(priority, 0, 10, "priority");
    }
    if (maxAttempts != null) {
      range(maxAttempts, 1, 10, "max_attempts");
    }
    if (timeoutSeconds != null) {
      range(timeoutSeconds, 1, Job.MAX_TIMEOUT_SECONDS, "timeout_seconds");
    }
    if (ttlHours != null) {
      range(ttlHours, 1, 168, "ttl_hours");
    }
  }

  /** These defaults where {@code request} leaves a field out: the request wins. */
  public JobDefaults under(JobDefaults request) {
    return new JobDefaults(
        request.priority != null ? request.priority : priority,
        request.maxAttempts != null ? request.maxAttempts : maxAttempts,
        request.timeoutSeconds != null ? request.timeoutSeconds : timeoutSeconds,
        request.ttlHours != null ? request.ttlHours : ttlHours);
  }

  public int priorityOrDefault() {
    return priority == null ? Job.DEFAULT_PRIORITY : priority;
  }

  public int maxAttemptsOrDefault() {
    return maxAttempts == null ? Job.DEFAULT_MAX_ATTEMPTS : maxAttempts;
  }

  public int ttlHoursOrDefault() {
    return ttlHours == null ? Job.DEFAULT_TTL_HOURS : ttlHours;
  }
}
