package dev.mljobs.core.webhook;

import java.time.Duration;
import java.time.Instant;

/**
 * When a failed webhook try is made again: after {@code base}, doubling each time, at most 15
 * minutes apart (SQS's longest delay), until {@code giveUpAfter} (a day in production) has passed
 * since the first try.
 */
public record WebhookRetries(Duration base, Duration giveUpAfter) {

  public static final Duration MAX_DELAY = Duration.ofMinutes(15);

  public WebhookRetries {
    if (base.isNegative() || base.isZero() || base.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException("the base delay must be 1 s to 15 min");
    }
  }

  /** 5 s doubling to 15 min, for a day. */
  public static WebhookRetries production() {
    return new WebhookRetries(Duration.ofSeconds(5), Duration.ofDays(1));
  }

  /**
   * Reads {@code MLJOBS_WEBHOOK_RETRY_BASE_SECONDS} (default 5) and {@code
   * MLJOBS_WEBHOOK_GIVE_UP_SECONDS} (default 86400).
   */
  public static WebhookRetries fromEnv(java.util.Map<String, String> env) {
    return new WebhookRetries(
        Duration.ofSeconds(
            Long.parseLong(env.getOrDefault("MLJOBS_WEBHOOK_RETRY_BASE_SECONDS", "5"))),
        Duration.ofSeconds(
            Long.parseLong(env.getOrDefault("MLJOBS_WEBHOOK_GIVE_UP_SECONDS", "86400"))));
  }

  /** The wait after failed try number {@code attempt}. */
  public Duration delayAfter(int attempt) {
    Duration delay = base;
    for (int i = 1; i < attempt && delay.compareTo(MAX_DELAY) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(MAX_DELAY) > 0 ? MAX_DELAY : delay;
  }

  /** Whether a try after failed try {@code attempt} would still be within the window. */
  public boolean tryAgain(WebhookTask task, Instant now) {
    return !now.plus(delayAfter(task.attempt())).isAfter(task.firstTryAt().plus(giveUpAfter));
  }
}
