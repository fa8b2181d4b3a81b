package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.Constraints.range;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;

/**
 * How long and how often a failed invocation is retried before it goes to the dead-letter queue.
 * Missing members take AWS's defaults, and are returned filled in, as AWS does.
 *
 * @param maximumEventAgeInSeconds 60 to 86400 (default)
 * @param maximumRetryAttempts 0 to 185 (default)
 */
public record RetryPolicy(
    @JsonProperty("MaximumEventAgeInSeconds") Integer maximumEventAgeInSeconds,
    @JsonProperty("MaximumRetryAttempts") Integer maximumRetryAttempts) {

  /** AWS's policy when a target names none: 24 hours, 185 retries. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(86_400, 185);

  /** Fills in the defaults and checks the ranges. */
  public RetryPolicy {
    maximumEventAgeInSeconds = maximumEventAgeInSeconds == null ? 86_400 : maximumEventAgeInSeconds;
    maximumRetryAttempts = maximumRetryAttempts == null ? 185 : maximumRetryAttempts;
    range(maximumEventAgeInSeconds, "target.retryPolicy.maximumEventAgeInSeconds", 60, 86_400);
    range(maximumRetryAttempts, "target.retryPolicy.maximumRetryAttempts", 0, 185);
  }

  /** The age after which an event is no longer retried. */
  public Duration maximumEventAge() {
    return Duration.ofSeconds(maximumEventAgeInSeconds);
  }
}
