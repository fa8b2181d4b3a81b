package dev.mljobs.core.schedule;

import dev.mljobs.core.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Fire times a schedule missed (the local runtime was down), dealt with by its {@link CatchUp}
 * policy: each lands in the ledger exactly once, as {@code missed} or {@code caught_up} with its
 * job.
 */
public final class ScheduleCatchUp {

  /** Catch-up looks at most this many missed fire times of one schedule (the latest ones). */
  public static final int MAX_MISSED = 10_000;

  private static final int MAX_WRITE_TRIES = 5;

  private final ScheduleStore store;
  private final FiringLedger ledger;
  private final ScheduleFirings firings;
  private final ScheduleEvents events;
  private final Clock clock;

  public ScheduleCatchUp(
      ScheduleStore store,
      FiringLedger ledger,
      ScheduleFirings firings,
      ScheduleEvents events,
      Clock clock) {
    this.store = store;
    this.ledger = ledger;
    this.firings = firings;
    this.events = events;
    this.clock = clock;
  }

  /**
   * Deals with the fire times every schedule missed, by its catch-up policy: the ones due before
   * now with no entry in the ledger. Run when the local runtime starts; EventBridge Scheduler
   * itself never replays a missed fire (the {@code skip} policy).
   *
   * @return how many jobs were made
   */
  public int catchUpAll() {
    int made = 0;
    for (Schedule schedule : store.dueBefore(clock.now())) {
      try {
        made += catchUp(schedule);
      } catch (RuntimeException e) {
        // one schedule's trouble (its template archived, say) must not stop the others'
        System.err.println("catch-up of schedule " + schedule.scheduleId() + " failed: " + e);
      }
    }
    return made;
  }

  /**
   * The fire times of {@code schedule} from its next fire time up to now that have no entry in the
   * ledger: each becomes {@code missed}, or {@code caught_up} with a job for the latest one ({@code
   * run_once}) or the latest {@code catchup_max} ({@code run_all}).
   *
   * @return how many jobs were made
   */
  public int catchUp(Schedule schedule) {
    Instant now = clock.now();
    Instant from = schedule.nextTriggerAt();
    if (!schedule.enabled()
        || from == null
        || !from.isBefore(now)
        || schedule.expression() instanceof AtExpression) {
      // a one-time schedule that came due while the runtime was down fires at start by itself
      return 0;
    }
    List<Instant> missed =
        schedule
            .expression()
            .nextFires(
                from.minusNanos(1), schedule.timezone().zoneId(), schedule.window(), MAX_MISSED)
            .stream()
            .filter(t -> t.isBefore(now))
            .filter(t -> ledger.find(schedule.scheduleId(), t).isEmpty())
            .toList();
    int run =
        switch (schedule.catchUp().policy()) {
          case SKIP -> 0;
          case RUN_ONCE -> 1;
          case RUN_ALL -> schedule.catchUp().max();
        };
    int made = 0;
    for (int i = 0; i < missed.size(); i++) {
      Instant time = missed.get(i);
      if (i >= missed.size() - run) {
        firings.makeJob(schedule, time, false, true);
        made++;
      } else {
        Firing firing =
            ledger.record(
                new Firing(schedule.scheduleId(), time, FiringOutcome.MISSED, null, false, now));
        events.skipped(
            schedule,
            firing,
            "missed: the fire time passed while it could not fire (catchup_policy "
                + schedule.catchUp().policy().wireName()
                + ")");
      }
    }
    advance(schedule.scheduleId());
    return made;
  }

  /** Moves the schedule's next fire past now, after fire times that were missed. */
  private void advance(String scheduleId) {
    for (int attempt = 1; attempt <= MAX_WRITE_TRIES; attempt++) {
      Optional<Schedule> current = store.find(scheduleId).filter(Schedule::enabled);
      if (current.isEmpty()) {
        return;
      }
      try {
        store.update(current.get().advance(clock.now()));
        return;
      } catch (ConcurrentScheduleModificationException lostRace) {
        // read again
      }
    }
  }
}
