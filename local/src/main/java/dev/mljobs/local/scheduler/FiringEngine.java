package dev.mljobs.local.scheduler;

import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fires every enabled schedule at its next fire time, one timer per schedule, and hands each fire
 * to the {@link InvocationDispatcher}.
 *
 * <p>Fire times come from core's {@code nextFireAfter}: cron in the schedule's zone with AWS's
 * daylight-saving rules, rate from the start date (or the creation), both within the start and end
 * dates. A one-time {@code at()} schedule fires once if its time was still ahead when it was
 * created or last updated; with {@code ActionAfterCompletion=DELETE} it is then deleted.
 *
 * <p>After a restart ({@link #start()}), recurring schedules continue from now: fires missed while
 * the emulator was down are not replayed. A one-time schedule that came due while it was down fires
 * once at start, or goes to its dead-letter queue if older than its maximum event age.
 */
final class FiringEngine {

  private final ScheduleStore store;
  private final Clock clock;
  private final FireTimer timer;
  private final InvocationDispatcher dispatcher;
  private final Map<ScheduleKey, Planned> planned = new HashMap<>();

  /** The next fire of a schedule; {@code token} tells a stale timer task from the current one. */
  private record Planned(Object token, FireTimer.Cancellable handle) {}

  FiringEngine(ScheduleStore store, Clock clock, FireTimer timer, InvocationDispatcher dispatcher) {
    this.store = store;
    this.clock = clock;
    this.timer = timer;
    this.dispatcher = dispatcher;
  }

  /** Plans the next fire of every stored schedule. */
  synchronized void start() {
    store.schedules().forEach(this::plan);
  }

  /** Plans the next fire of a schedule just created or updated, replacing any planned one. */
  synchronized void plan(ScheduleStore.Entry entry) {
    plan(entry, clock.instant());
  }

  /** Calls off the next fire of a schedule being deleted. */
  synchronized void cancel(ScheduleKey key) {
    Optional.ofNullable(planned.remove(key)).ifPresent(p -> p.handle().cancel());
  }

  /** Calls off every planned fire and every retry under way. */
  synchronized void stop() {
    List.copyOf(planned.keySet()).forEach(this::cancel);
    dispatcher.stop();
  }

  private void plan(ScheduleStore.Entry entry, Instant after) {
    StoredSchedule schedule = entry.schedule();
    cancel(schedule.key());
    if (schedule.state() == ScheduleState.DISABLED) {
      return;
    }
    nextFire(entry, after)
        .ifPresent(
            fireTime -> {
              Object token = new Object();
              planned.put(
                  schedule.key(),
                  new Planned(
                      token, timer.schedule(fireTime, () -> fire(schedule, token, fireTime))));
            });
  }

  private static Optional<Instant> nextFire(ScheduleStore.Entry entry, Instant after) {
    StoredSchedule schedule = entry.schedule();
    Optional<Instant> oneTime = schedule.oneTimeFire();
    if (oneTime.isPresent()) {
      // A time already past is pending too if it passed while the emulator was down: the timer
      // then runs it at once.
      boolean pending =
          entry.lastInvocation() == null && oneTime.get().isAfter(schedule.lastModificationDate());
      return oneTime.filter(unused -> pending);
    }
    return schedule.expression().nextFireAfter(after, schedule.zone(), schedule.window());
  }

  private synchronized void fire(StoredSchedule schedule, Object token, Instant fireTime) {
    ScheduleKey key = schedule.key();
    Planned current = planned.get(key);
    if (current == null || current.token() != token) {
      return; // updated or deleted after this task had started
    }
    planned.remove(key);
    dispatcher.dispatch(schedule, fireTime);
    Optional<ScheduleStore.Entry> entry = store.schedule(key);
    if (schedule.oneTimeFire().isPresent()) {
      if (schedule.actionAfterCompletion() == ActionAfterCompletion.DELETE) {
        store.remove(key);
      } else {
        entry.ifPresent(e -> store.put(e.invokedAt(fireTime)));
      }
    } else {
      Instant now = clock.instant();
      // A late timer (a busy or sleeping machine) continues from now rather than replaying.
      entry.ifPresent(e -> plan(e, now.isAfter(fireTime) ? now : fireTime));
    }
  }
}
