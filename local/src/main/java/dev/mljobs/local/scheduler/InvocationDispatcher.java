package dev.mljobs.local.scheduler;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Delivers each fire of a schedule to its target, retrying failures with exponential backoff (1 s,
 * 2 s, 4 s, ... up to a bound) while the retry policy allows, then sending the event to the
 * dead-letter queue, if any, with AWS's message attributes.
 *
 * <p>The input's context attributes ({@code <aws.scheduler.schedule-arn>}, {@code
 * <aws.scheduler.scheduled-time>}, {@code <aws.scheduler.execution-id>}, {@code
 * <aws.scheduler.attempt-number>}) are replaced as AWS replaces them. Without an input the target
 * receives {@code {}}.
 */
final class InvocationDispatcher {

  private static final System.Logger LOG = System.getLogger(InvocationDispatcher.class.getName());
  private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  private final ScheduleTargets targets;
  private final Clock clock;
  private final FireTimer timer;
  private final Duration maxBackoff;
  private volatile boolean stopped;

  /**
   * @param maxBackoff the longest wait between two attempts
   */
  InvocationDispatcher(ScheduleTargets targets, Clock clock, FireTimer timer, Duration maxBackoff) {
    this.targets = targets;
    this.clock = clock;
    this.timer = timer;
    this.maxBackoff = maxBackoff;
  }

  private record Event(StoredSchedule schedule, Instant scheduledTime) {}

  /** Starts delivering the fire of {@code schedule} due at {@code scheduledTime}, on the timer. */
  void dispatch(StoredSchedule schedule, Instant scheduledTime) {
    Event event = new Event(schedule, scheduledTime);
    timer.schedule(clock.instant(), () -> attempt(event, 1));
  }

  /**
   * Drops every attempt not yet made: retries under way are kept in memory only, so a stopped
   * emulator does not retry them, and neither does the next start.
   */
  void stop() {
    stopped = true;
  }

  private void attempt(Event event, int attempt) {
    if (stopped) {
      return;
    }
    ScheduleTarget target = event.schedule().target();
    RetryPolicy policy = target.retryPolicy();
    Instant now = clock.instant();
    if (ageAt(event, now).compareTo(policy.maximumEventAge()) > 0) {
      // Only reachable for a one-time schedule that came due while the emulator was down.
      deadLetter(event, attempt - 1, "MaximumEventAgeInSeconds", Optional.empty());
      return;
    }
    try {
      targets.deliver(
          new TargetInvocation(
              target.arn(),
              input(event, attempt),
              Optional.ofNullable(target.sqsParameters())
                  .map(ScheduleTarget.SqsParameters::messageGroupId),
              Map.of()));
    } catch (RuntimeException e) {
      int retries = attempt - 1;
      Instant next = now.plus(backoff(attempt));
      LOG.log(
          System.Logger.Level.WARNING,
          "schedule {0}: attempt {1} to invoke {2} failed: {3}",
          event.schedule().arn(),
          attempt,
          target.arn(),
          e.toString());
      if (retries >= policy.maximumRetryAttempts()) {
        deadLetter(event, retries, "MaximumRetryAttempts", Optional.of(e));
      } else if (ageAt(event, next).compareTo(policy.maximumEventAge()) > 0) {
        deadLetter(event, retries, "MaximumEventAgeInSeconds", Optional.of(e));
      } else {
        timer.schedule(next, () -> attempt(event, attempt + 1));
      }
    }
  }

  private void deadLetter(Event event, int retries, String condition, Optional<Exception> error) {
    ScheduleTarget target = event.schedule().target();
    Optional<String> queue =
        Optional.ofNullable(target.deadLetterConfig()).map(ScheduleTarget.DeadLetterConfig::arn);
    if (queue.isEmpty()) {
      LOG.log(
          System.Logger.Level.WARNING,
          "schedule {0}: event of {1} dropped ({2}), no dead-letter queue",
          event.schedule().arn(),
          event.scheduledTime(),
          condition);
      return;
    }
    Map<String, String> attributes =
        Map.of(
            "ERROR_CODE", error.map(e -> e.getClass().getSimpleName()).orElse("EventExpired"),
            "ERROR_MESSAGE", error.map(e -> String.valueOf(e.getMessage())).orElse(condition),
            "EXHAUSTED_RETRY_CONDITION", condition,
            "RETRY_ATTEMPTS", Integer.toString(retries),
            "SCHEDULE_ARN", event.schedule().arn(),
            "TARGET_ARN", target.arn());
    try {
      targets.deliver(
          new TargetInvocation(
              queue.get(), input(event, retries + 1), Optional.empty(), attributes));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.ERROR, "cannot send to dead-letter queue " + queue.get(), e);
    }
  }

  private Duration backoff(int attempt) {
    // Doubling past 2^20 s is far beyond any bound; capping the shift keeps it from overflowing.
    Duration doubled = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 20));
    return doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
  }

  private static Duration ageAt(Event event, Instant instant) {
    return Duration.between(event.scheduledTime(), instant);
  }

  private static String input(Event event, int attempt) {
    String input = event.schedule().target().input();
    if (input == null) {
      return "{}";
    }
    return input
        .replace("<aws.scheduler.schedule-arn>", event.schedule().arn())
        .replace(
            "<aws.scheduler.scheduled-time>",
            event.scheduledTime().truncatedTo(ChronoUnit.SECONDS).toString())
        .replace("<aws.scheduler.execution-id>", UUID.randomUUID().toString())
        .replace("<aws.scheduler.attempt-number>", Integer.toString(attempt));
  }
}
