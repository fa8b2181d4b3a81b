package dev.mljobs.local.asl;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadFactory;
import java.util.function.DoubleSupplier;

/**
 * What executions share: the task seam, time, threads and randomness.
 *
 * @param cancelGrace how long a cancelled task handler gets to finish before the interpreter moves
 *     on without it
 * @param random values in [0, 1), for retry jitter
 */
record RunServices(
    TaskHandler tasks,
    Sleeper sleeper,
    Clock clock,
    ThreadFactory threads,
    Duration cancelGrace,
    DoubleSupplier random) {
  RunServices {
    if (tasks == null || sleeper == null || clock == null || threads == null || random == null) {
      throw new IllegalArgumentException("all services are required");
    }
    if (cancelGrace == null || cancelGrace.isNegative()) {
      throw new IllegalArgumentException("cancelGrace must be zero or more");
    }
  }
}
