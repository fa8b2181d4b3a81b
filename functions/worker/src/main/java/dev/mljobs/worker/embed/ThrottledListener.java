package dev.mljobs.worker.embed;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Passes batch progress on at most once per interval. A progress report is an HTTP call: 2,048
 * texts in batches of one would otherwise spend more time reporting than embedding. The cancel
 * signal rides on the report, so the interval is also how long a cancel may take to be seen.
 */
final class ThrottledListener implements BatchListener {

  private final BatchListener target;
  private final long intervalNanos;
  private final LongSupplier nanoTime;
  private long last;

  /**
   * @param nanoTime the clock, {@code System::nanoTime} but in tests
   */
  ThrottledListener(BatchListener target, Duration interval, LongSupplier nanoTime) {
    this.target = target;
    this.intervalNanos = interval.toNanos();
    this.nanoTime = nanoTime;
    this.last = nanoTime.getAsLong();
  }

  @Override
  public void batchDone(int done, int total) throws InterruptedException {
    long now = nanoTime.getAsLong();
    if (now - last >= intervalNanos) {
      last = now;
      target.batchDone(done, total);
    }
  }
}
