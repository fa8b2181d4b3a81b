package dev.mljobs.core.webhook;

import java.time.Duration;

/** Where webhook tries wait for their turn (an SQS queue with delays). */
public interface WebhookQueue {

  /**
   * Schedules a try.
   *
   * @param delay how long to wait first, 0 to 15 minutes
   * @throws IllegalArgumentException when the delay is out of range
   * @throws RuntimeException when the queue cannot take it (the caller retries the whole step)
   */
  void schedule(WebhookTask task, Duration delay);
}
