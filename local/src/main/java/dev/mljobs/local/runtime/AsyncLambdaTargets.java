package dev.mljobs.local.runtime;

import dev.mljobs.local.scheduler.ScheduleTargets;
import dev.mljobs.local.scheduler.TargetInvocation;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * How EventBridge Scheduler reaches a Lambda function: an asynchronous invocation ({@code
 * InvocationType=Event}). The Scheduler's delivery ends once Lambda has queued the event; the
 * function then runs on its own threads, and Lambda retries an invocation that throws twice, after
 * a backoff. Delivering on the Scheduler's own timer thread instead would make every firing wait
 * for the previous one's handler.
 */
final class AsyncLambdaTargets implements ScheduleTargets, AutoCloseable {

  /** Lambda's default for asynchronous invocations. */
  private static final int RETRIES = 2;

  private static final int CONCURRENCY = 4;

  private final Functions functions;
  private final ScheduledExecutorService threads;

  AsyncLambdaTargets(Functions functions) {
    this.functions = functions;
    AtomicInteger count = new AtomicInteger();
    this.threads =
        Executors.newScheduledThreadPool(
            CONCURRENCY,
            r -> {
              Thread t = new Thread(r, "scheduler-lambda-" + count.incrementAndGet());
              t.setDaemon(true);
              return t;
            });
  }

  /**
   * Queues the event, as Lambda's Invoke with {@code InvocationType=Event} does.
   *
   * @throws IllegalArgumentException when no such function exists: the Scheduler's delivery fails
   *     (and is retried, then dead-lettered, by the schedule's policy)
   */
  @Override
  public void deliver(TargetInvocation invocation) {
    if (functions.registry().find(invocation.targetArn()).isEmpty()) {
      throw new IllegalArgumentException("Function not found: " + invocation.targetArn());
    }
    submit(invocation, 0, 0);
  }

  private void submit(TargetInvocation invocation, int attempt, long delaySeconds) {
    try {
      threads.schedule(() -> run(invocation, attempt), delaySeconds, TimeUnit.SECONDS);
    } catch (RejectedExecutionException closed) {
      System.err.println("event for " + invocation.targetArn() + " dropped: the runtime stops");
    }
  }

  private void run(TargetInvocation invocation, int attempt) {
    try {
      var answer =
          functions
              .registry()
              .invoke(invocation.targetArn(), invocation.input().getBytes(StandardCharsets.UTF_8));
      if (!answer.failed()) {
        return;
      }
      System.err.println(
          invocation.targetArn()
              + " failed attempt "
              + (attempt + 1)
              + ": "
              + new String(answer.payload(), StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    } catch (RuntimeException e) {
      System.err.println(invocation.targetArn() + " failed attempt " + (attempt + 1) + ": " + e);
    }
    if (attempt < RETRIES) {
      // Lambda waits about a minute, then two; shorter here so that local runs see the retry
      submit(invocation, attempt + 1, 1L << attempt);
    }
  }

  @Override
  public void close() {
    threads.shutdownNow();
  }
}
