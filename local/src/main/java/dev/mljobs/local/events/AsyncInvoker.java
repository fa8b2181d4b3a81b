package dev.mljobs.local.events;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import dev.mljobs.local.lambda.LocalContext;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Lambda's asynchronous invocation ({@code InvocationType=Event}): the caller only queues the
 * event; handlers run on their own threads, and one that throws is retried after a backoff until
 * the policy's attempts are spent, after which the event is dropped with a log line.
 */
final class AsyncInvoker implements AutoCloseable {

  private static final int MEMORY_MB = 1024;

  private final AsyncRetryPolicy retry;
  private final ScheduledExecutorService threads;
  private final AtomicInteger pending = new AtomicInteger();

  AsyncInvoker(AsyncRetryPolicy retry, int concurrency) {
    this.retry = retry;
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newScheduledThreadPool(
            concurrency,
            r -> {
              Thread t = new Thread(r, "s3-notifications-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /** Queues the event and returns at once. */
  void invoke(LambdaTarget target, S3Event event) {
    pending.incrementAndGet();
    schedule(new Invocation(target, event, UUID.randomUUID().toString()), 0, Duration.ZERO);
  }

  private record Invocation(LambdaTarget target, S3Event event, String requestId) {}

  private void schedule(Invocation invocation, int attempt, Duration delay) {
    try {
      threads.schedule(() -> run(invocation, attempt), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closed) {
      pending.decrementAndGet();
      System.err.println(
          "S3 notification to " + invocation.target().functionName() + " dropped: closed");
    }
  }

  private void run(Invocation invocation, int attempt) {
    LambdaTarget target = invocation.target();
    boolean retried = false;
    try {
      target
          .handler()
          .handleRequest(
              invocation.event(),
              new LocalContext(
                  invocation.requestId(),
                  target.functionName(),
                  target.timeout().toMillis(),
                  MEMORY_MB));
    } catch (RuntimeException e) {
      retried = attempt < retry.maximumRetryAttempts();
      System.err.printf(
          "%s failed attempt %d on S3 event %s (%s): %s%n",
          target.functionName(),
          attempt + 1,
          invocation.requestId(),
          retried ? "will retry" : "dropped",
          e);
      if (retried) {
        schedule(invocation, attempt + 1, retry.delayBefore(attempt + 1));
      }
    } finally {
      if (!retried) {
        pending.decrementAndGet();
      }
    }
  }

  /**
   * Events queued, running or waiting for a retry: 0 once every event so far was delivered or
   * dropped, so that a test can tell "no more calls will come" from "none came yet".
   */
  int pending() {
    return pending.get();
  }

  /** Stops at once: invocations still queued or waiting for a retry are lost. */
  @Override
  public void close() {
    threads.shutdownNow();
    try {
      threads.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
