package dev.mljobs.local.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.PriorityQueue;

/**
 * Time that moves only when a test moves it: a clock and a {@link FireTimer} in one. Advancing runs
 * every task that falls due, in time order, with the clock set to each task's time, so fires happen
 * exactly when they would in real time, without waiting.
 */
final class ManualTime extends Clock implements FireTimer {

  private final PriorityQueue<Task> tasks = new PriorityQueue<>();
  private Instant now;
  private long sequence;

  private static final class Task implements Comparable<Task> {
    final Instant when;
    final long order;
    final Runnable action;
    boolean cancelled;

    Task(Instant when, long order, Runnable action) {
      this.when = when;
      this.order = order;
      this.action = action;
    }

    @Override
    public int compareTo(Task other) {
      int byTime = when.compareTo(other.when);
      return byTime != 0 ? byTime : Long.compare(order, other.order);
    }
  }

  ManualTime(Instant start) {
    this.now = start;
  }

  @Override
  public synchronized Instant instant() {
    return now;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    throw new UnsupportedOperationException("manual time is always UTC");
  }

  @Override
  public synchronized Cancellable schedule(Instant when, Runnable action) {
    // A task for a past instant runs at the current one, as a late real timer would.
    Task task = new Task(when.isBefore(now) ? now : when, sequence++, action);
    tasks.add(task);
    return () -> cancel(task);
  }

  /** Moves the clock to {@code target}, running every task due up to it (inclusive). */
  void advanceTo(Instant target) {
    while (true) {
      Task next;
      synchronized (this) {
        next = tasks.peek();
        if (next == null || next.when.isAfter(target)) {
          now = target.isAfter(now) ? target : now;
          return;
        }
        tasks.poll();
        now = next.when;
      }
      // Outside the lock: a task may schedule others (the next fire, a retry).
      if (!next.cancelled) {
        next.action.run();
      }
    }
  }

  /** Moves the clock on by {@code duration}, running every task due meanwhile. */
  void advanceBy(Duration duration) {
    advanceTo(instant().plus(duration));
  }

  /** Runs the tasks already due, without moving the clock. */
  void runDue() {
    advanceTo(instant());
  }

  private synchronized void cancel(Task task) {
    task.cancelled = true;
    tasks.remove(task);
  }
}
