package dev.mljobs.local.asl;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;

/**
 * Runs Parallel branches or Map iterations, each on a thread of its own, at most {@code limit} at a
 * time, started in order. The first failure interrupts the others; either way every thread has
 * ended before this returns or throws, so nothing of a failed state keeps running behind it.
 */
final class Fork {
  /** One branch or iteration. */
  @FunctionalInterface
  interface Job {
    JsonNode run() throws InterruptedException;
  }

  private record Outcome(int index, JsonNode value, Throwable failure) {}

  private final ThreadFactory threads;
  private final BlockingQueue<Outcome> finished = new LinkedBlockingQueue<>();
  private final Map<Integer, Thread> running = new HashMap<>();

  private Fork(ThreadFactory threads) {
    this.threads = threads;
  }

  /**
   * @param limit how many jobs may run at once, at least 1
   * @return the jobs' results, in the jobs' order
   * @throws StatesError the first job failure (the others are then stopped)
   * @throws InterruptedException when the forking thread is interrupted (the jobs are then stopped
   *     too)
   */
  static List<JsonNode> all(List<Job> jobs, int limit, ThreadFactory threads)
      throws InterruptedException {
    return new Fork(threads).run(jobs, limit);
  }

  private List<JsonNode> run(List<Job> jobs, int limit) throws InterruptedException {
    JsonNode[] results = new JsonNode[jobs.size()];
    Throwable failure = null;
    int started = 0;
    try {
      while (true) {
        while (failure == null && started < jobs.size() && running.size() < limit) {
          start(started, jobs.get(started));
          started++;
        }
        if (running.isEmpty()) {
          break;
        }
        Outcome outcome = finished.take();
        running.remove(outcome.index());
        if (outcome.failure() == null) {
          results[outcome.index()] = outcome.value();
        } else if (failure == null) { // later ones are mostly the interruptions it caused
          failure = outcome.failure();
          running.values().forEach(Thread::interrupt);
        }
      }
    } catch (InterruptedException e) {
      running.values().forEach(Thread::interrupt);
      drain();
      throw e;
    }
    if (failure instanceof InterruptedException interrupted) {
      throw interrupted;
    }
    if (failure instanceof RuntimeException runtime) {
      throw runtime;
    }
    if (failure instanceof Error error) {
      throw error;
    }
    return Arrays.asList(results);
  }

  private void start(int index, Job job) {
    Thread thread =
        threads.newThread(
            () -> {
              try {
                finished.add(new Outcome(index, job.run(), null));
              } catch (Throwable failure) { // reported to the forking thread, which decides
                finished.add(new Outcome(index, null, failure));
              }
            });
    running.put(index, thread);
    thread.start();
  }

  /** Waits for the interrupted jobs to end, even if interrupted again meanwhile. */
  private void drain() {
    boolean interrupted = false;
    while (!running.isEmpty()) {
      try {
        running.remove(finished.take().index());
      } catch (InterruptedException again) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
