package dev.mljobs.worker.batch;

import dev.mljobs.core.job.FailureKind;
import dev.mljobs.worker.s3.S3Objects;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Reads the objects of a batch from S3 in parallel, while the model runs the batch before: a GET
 * costs tens of milliseconds, as much as a small model needs per item, so reading them one after
 * the other would dominate.
 */
final class Fetcher implements AutoCloseable {

  /**
   * One item's bytes, or why it has none.
   *
   * @param kind whether reading it again may succeed, when it has none
   */
  record Fetched(byte[] bytes, String error, FailureKind kind) {}

  private static final int MAX_THREADS = 8;

  private final S3Objects s3;
  private final long maxBytes;
  private final ExecutorService pool;

  Fetcher(S3Objects s3, long maxBytes, int batchSize) {
    this.s3 = s3;
    this.maxBytes = maxBytes;
    this.pool =
        Executors.newFixedThreadPool(
            Math.min(MAX_THREADS, batchSize),
            r -> {
              Thread t = new Thread(r, "s3-fetch");
              t.setDaemon(true);
              return t;
            });
  }

  /** Starts reading these items; {@link #await} gives their bytes. */
  List<Future<Fetched>> start(List<BatchInputs.Item> items) {
    List<Future<Fetched>> pending = new ArrayList<>(items.size());
    for (BatchInputs.Item item : items) {
      pending.add(pool.submit(() -> read(item)));
    }
    return pending;
  }

  /**
   * @return one entry per item started, in order
   * @throws InterruptedException when the worker is stopped while waiting
   */
  List<Fetched> await(List<Future<Fetched>> pending) throws InterruptedException {
    List<Fetched> fetched = new ArrayList<>(pending.size());
    for (Future<Fetched> f : pending) {
      try {
        fetched.add(f.get());
      } catch (ExecutionException e) {
        fetched.add(new Fetched(null, "cannot be read: " + e.getCause(), FailureKind.TRANSIENT));
      }
    }
    return fetched;
  }

  private Fetched read(BatchInputs.Item item) {
    if (item.uri() == null) {
      return new Fetched(null, item.invalid(), FailureKind.PERMANENT);
    }
    try {
      return new Fetched(s3.read(item.uri(), maxBytes), null, null);
    } catch (IOException e) {
      return new Fetched(null, e.getMessage(), S3Objects.kindOf(e));
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
