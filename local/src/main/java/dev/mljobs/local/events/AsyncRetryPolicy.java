package dev.mljobs.local.events;

import java.time.Duration;
import java.util.Objects;

/**
 * How Lambda retries an asynchronous invocation whose handler fails: up to {@code
 * maximumRetryAttempts} more attempts, waiting {@code firstDelay} before the first and twice as
 * long before each next one.
 *
 * @param maximumRetryAttempts Lambda's {@code MaximumRetryAttempts}, 0 to 2
 * @param firstDelay the wait before the first retry
 */
public record AsyncRetryPolicy(int maximumRetryAttempts, Duration firstDelay) {

  /** Lambda's default: two retries, one minute and then two minutes after a failure. */
  public static final AsyncRetryPolicy LAMBDA = new AsyncRetryPolicy(2, Duration.ofMinutes(1));

  /**
   * Checks the values.
   *
   * @throws NullPointerException if the delay is missing
   * @throws IllegalArgumentException if the attempts are outside 0..2 or the delay is negative
   */
  public AsyncRetryPolicy {
    Objects.requireNonNull(firstDelay, "firstDelay");
    if (maximumRetryAttempts < 0 || maximumRetryAttempts > 2) {
      throw new IllegalArgumentException(
          "maximumRetryAttempts must be 0 to 2, got " + maximumRetryAttempts);
    }
    if (firstDelay.isNegative()) {
      throw new IllegalArgumentException("firstDelay must not be negative, got " + firstDelay);
    }
  }

  /** The wait before retry {@code retry} (1 for the first). */
  Duration delayBefore(int retry) {
    return firstDelay.multipliedBy(1L << (retry - 1));
  }
}
