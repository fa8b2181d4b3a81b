package dev.mljobs.local.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A {@link FireTimer} on real time: one daemon thread that waits until each task is due. Delays are
 * measured when a task is scheduled, so a clock that jumps (or a machine that sleeps) makes later
 * tasks late, never early.
 */
public final class ExecutorFireTimer implements FireTimer, AutoCloseable {

  private static final System.Logger LOG = System.getLogger(ExecutorFireTimer.class.getName());

  private final Clock clock;
  private final ScheduledExecutorService executor =
      Executors.newSingleThreadScheduledExecutor(
          task -> {
            Thread thread = new Thread(task, "local-scheduler-timer");
            thread.setDaemon(true);
            return thread;
          });

  /**
   * @param clock the clock {@code when} is read on, normally {@link Clock#systemUTC()}
   */
  public ExecutorFireTimer(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Cancellable schedule(Instant when, Runnable task) {
    long delayMillis = Math.max(0, Duration.between(clock.instant(), when).toMillis());
    ScheduledFuture<?> future =
        executor.schedule(() -> runLogged(task), delayMillis, TimeUnit.MILLISECONDS);
    return () -> future.cancel(false);
  }

  /** Stops the thread; tasks not yet started never run. */
  @Override
  public void close() {
    executor.shutdownNow();
  }

  // One failing task must not kill the thread every other schedule fires on.
  private static void runLogged(Runnable task) {
    try {
      task.run();
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "scheduler task failed", e);
    }
  }
}
