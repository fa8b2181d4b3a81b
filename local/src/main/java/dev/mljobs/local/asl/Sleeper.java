package dev.mljobs.local.asl;

import java.time.Duration;

/**
 * How the interpreter waits for Wait states and between retries. Real runs sleep; tests pass one
 * that records the durations and returns at once.
 */
@FunctionalInterface
public interface Sleeper {
  /**
   * Waits for {@code duration}.
   *
   * @throws InterruptedException when the execution is stopped meanwhile
   */
  void sleep(Duration duration) throws InterruptedException;

  /** Sleeps on the calling thread. */
  static Sleeper system() {
    return duration -> Thread.sleep(Math.max(0, duration.toMillis()));
  }
}
