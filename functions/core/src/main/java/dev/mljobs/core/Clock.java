package dev.mljobs.core;

import java.time.Instant;

/**
 * The source of the current time. The core never reads the system clock itself, so that tests can
 * move time explicitly and every timestamp of one operation comes from one reading.
 */
@FunctionalInterface
public interface Clock {

  /**
   * Returns the current instant.
   *
   * @return now, never {@code null}
   */
  Instant now();
}
