package dev.mljobs.local.aws;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Waits for services started side by side: each spends most of its start-up loading classes of its
 * own (Jetty, Pekko, SQLite, an SDK module), so together they take about as long as the slowest.
 */
final class ParallelStart {

  private ParallelStart() {}

  /**
   * Waits for every start to finish.
   *
   * @throws IllegalStateException if any start failed; the services that did start are closed
   */
  static void awaitAll(List<CompletableFuture<? extends AutoCloseable>> starts) {
    IllegalStateException failure = new IllegalStateException("local AWS did not start");
    for (CompletableFuture<? extends AutoCloseable> start : starts) {
      try {
        start.join();
      } catch (CompletionException e) {
        failure.addSuppressed(e.getCause());
      }
    }
    if (failure.getSuppressed().length > 0) {
      for (CompletableFuture<? extends AutoCloseable> start : starts) {
        if (!start.isCompletedExceptionally()) {
          closeAll(List.of(start.join()), failure);
        }
      }
      throw failure;
    }
  }

  /** Closes each resource, recording what fails on {@code failure} instead of stopping there. */
  static void closeAll(List<? extends AutoCloseable> resources, Exception failure) {
    for (AutoCloseable resource : resources) {
      try {
        resource.close();
      } catch (Exception e) {
        failure.addSuppressed(e);
      }
    }
  }
}
