package dev.mljobs.local.scheduler;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Targets that remember every delivery, fail the first deliveries to ARNs told to, and pass the
 * others on downstream.
 */
final class RecordingTargets implements ScheduleTargets {

  /** One delivery and when it happened. */
  record Delivery(Instant at, TargetInvocation invocation) {
    String input() {
      return invocation.input();
    }
  }

  private final Clock clock;
  private final ScheduleTargets downstream;
  private final List<Delivery> deliveries = new ArrayList<>();
  private final Map<String, Integer> failuresLeft = new ConcurrentHashMap<>();

  RecordingTargets(Clock clock, ScheduleTargets downstream) {
    this.clock = clock;
    this.downstream = downstream;
  }

  /** Makes the next {@code count} deliveries to {@code arn} fail. */
  void failNext(String arn, int count) {
    failuresLeft.put(arn, count);
  }

  @Override
  public void deliver(TargetInvocation invocation) {
    synchronized (this) {
      deliveries.add(new Delivery(clock.instant(), invocation));
      int left = failuresLeft.getOrDefault(invocation.targetArn(), 0);
      if (left > 0) {
        failuresLeft.put(invocation.targetArn(), left - 1);
        throw new IllegalStateException("target unavailable");
      }
    }
    downstream.deliver(invocation);
  }

  /** Every delivery to {@code arn}, in order, failed ones included. */
  synchronized List<Delivery> to(String arn) {
    return deliveries.stream().filter(d -> d.invocation().targetArn().equals(arn)).toList();
  }

  /** The times of every delivery to {@code arn}. */
  synchronized List<Instant> timesTo(String arn) {
    return to(arn).stream().map(Delivery::at).toList();
  }
}
