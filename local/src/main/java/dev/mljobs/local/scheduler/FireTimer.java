package dev.mljobs.local.scheduler;

import java.time.Instant;

/**
 * Runs tasks at instants of the emulator's clock: the seam that lets tests move time by hand while
 * the runtime uses real time ({@link ExecutorFireTimer}).
 */
public interface FireTimer {

  /**
   * Runs {@code task} at {@code when}, or as soon as possible if that has passed.
   *
   * @return a handle that stops the task if it has not started
   */
  Cancellable schedule(Instant when, Runnable task);

  /** A scheduled task that can still be called off. */
  @FunctionalInterface
  interface Cancellable {

    /** Stops the task if it has not started; does nothing otherwise. */
    void cancel();
  }
}
