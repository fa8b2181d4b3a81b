package dev.mljobs.core.schedule;

import static dev.mljobs.core.template.JobDefaults.NONE;

import dev.mljobs.core.Clock;
import dev.mljobs.core.ListCursor;
import dev.mljobs.core.job.IllegalJobTransitionException;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobNotFoundException;
import dev.mljobs.core.job.JobPage;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.NewJob;
import dev.mljobs.core.job.PageCursor;
import dev.mljobs.core.template.TemplateNotFoundException;
import dev.mljobs.core.template.TemplateService;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What a schedule does when it fires: exactly one job per fire time, recorded in the ledger. The
 * Scheduler delivers at least once and a handler may be retried after a crash, so the job is
 * submitted under the idempotency key of the firing (schedule id + scheduled time) and the ledger
 * keeps the first outcome; a firing seen again answers what was recorded.
 */
public final class ScheduleFirings {

  /** A backfill makes at most this many jobs. */
  public static final int MAX_BACKFILL = 1000;

  private static final int MAX_WRITE_TRIES = 5;

  private final ScheduleStore store;
  private final FiringLedger ledger;
  private final TemplateService templates;
  private final JobService jobs;
  private final ScheduleEvents events;
  private final Clock clock;

  public ScheduleFirings(
      ScheduleStore store,
      FiringLedger ledger,
      TemplateService templates,
      JobService jobs,
      ScheduleEvents events,
      Clock clock) {
    this.store = store;
    this.ledger = ledger;
    this.templates = templates;
    this.jobs = jobs;
    this.events = events;
    this.clock = clock;
  }

  /**
   * A firing delivered by the Scheduler.
   *
   * @return the firing, or empty when the schedule is gone or disabled (a delivery may still be
   *     under way when it is deleted or disabled)
   * @throws TemplateNotFoundException when the schedule's template is gone
   * @throws dev.mljobs.core.template.ArchivedTemplateException when it is archived
   * @throws dev.mljobs.core.storage.InvalidRequestException when the template now makes a job the
   *     API refuses (a model that was removed, say)
   */
  public Optional<Firing> fire(String scheduleId, Instant scheduledTime) {
    return store
        .find(scheduleId)
        .filter(Schedule::enabled)
        .map(schedule -> makeJob(schedule, scheduledTime, false));
  }

  /**
   * One firing now, outside the expression.
   *
   * @throws ScheduleNotFoundException when the owner has no such schedule
   */
  public Firing trigger(String owner, String scheduleId) {
    Schedule schedule = owned(owner, scheduleId);
    return makeJob(schedule, clock.now().truncatedTo(ChronoUnit.MILLIS), true);
  }

  /** What a backfill did: the firings of the window, and how many of them it created now. */
  public record Backfill(List<Firing> firings, int created) {}

  /**
   * One job for each fire time of the expression from {@code from} to {@code to} (both inclusive,
   * both past); fire times that already have their job keep it. For {@code rate()} the fire times
   * count from {@code from}.
   *
   * @throws InvalidScheduleException for a window that is not in the past or has too many fires
   */
  public Backfill backfill(String owner, String scheduleId, Instant from, Instant to) {
    Schedule schedule = owned(owner, scheduleId);
    if (!to.isAfter(from)) {
      throw new InvalidScheduleException("to", "must be after from");
    }
    if (to.isAfter(clock.now())) {
      throw new InvalidScheduleException("to", "must not be in the future");
    }
    List<Instant> times =
        schedule
            .expression()
            .nextFires(
                from.minusNanos(1),
                schedule.timezone().zoneId(),
                ScheduleWindow.between(from, to),
                MAX_BACKFILL + 1);
    if (times.size() > MAX_BACKFILL) {
      throw new InvalidScheduleException(
          "to",
          "the window holds more than " + MAX_BACKFILL + " fire times; backfill less at once");
    }
    int created = 0;
    List<Firing> firings = new java.util.ArrayList<>();
    for (Instant time : times) {
      boolean known = ledger.find(scheduleId, time).isPresent();
      firings.add(makeJob(schedule, time, true));
      created += known ? 0 : 1;
    }
    return new Backfill(firings, created);
  }

  /**
   * The ledger of a schedule, newest fire time first.
   *
   * @throws ScheduleNotFoundException when the owner has no such schedule
   */
  public FiringLedger.Page firings(String owner, String scheduleId, ListCursor after, int limit) {
    owned(owner, scheduleId);
    return ledger.list(scheduleId, after, limit);
  }

  /** Counting a schedule's jobs stops here, so that a busy schedule stays cheap to read. */
  public static final int MAX_COUNTED_JOBS = 1000;

  /** How many of the schedule's jobs are in each status (counting stops at 1,000 jobs). */
  public Map<JobStatus, Integer> jobCounts(Schedule schedule) {
    Map<JobStatus, Integer> counts = new EnumMap<>(JobStatus.class);
    JobQuery query =
        JobQuery.bySchedule(schedule.scheduleId())
            .withOwner(schedule.owner())
            .withLimit(JobQuery.MAX_LIMIT);
    int seen = 0;
    while (seen < MAX_COUNTED_JOBS) {
      JobPage page = jobs.list(query);
      for (Job job : page.jobs()) {
        counts.merge(job.status(), 1, Integer::sum);
      }
      seen += page.jobs().size();
      if (page.next() == null) {
        break;
      }
      query = query.after(page.next());
    }
    return counts;
  }

  /**
   * The schedule's jobs, newest first.
   *
   * @throws ScheduleNotFoundException when the owner has no such schedule
   */
  public JobPage jobs(String owner, String scheduleId, PageCursor after, int limit) {
    owned(owner, scheduleId);
    JobQuery query = JobQuery.bySchedule(scheduleId).withOwner(owner).withLimit(limit);
    return jobs.list(after == null ? query : query.after(after));
  }

  private Firing makeJob(Schedule schedule, Instant scheduledTime, boolean manual) {
    return makeJob(schedule, scheduledTime, manual, false);
  }

  /** Makes the job of one fire time (once), by the overlap policy; {@code caughtUp} names it so. */
  Firing makeJob(Schedule schedule, Instant scheduledTime, boolean manual, boolean caughtUp) {
    String id = schedule.scheduleId();
    Optional<Firing> seen = ledger.find(id, scheduledTime);
    if (seen.isPresent()) {
      return seen.get();
    }
    String key = Firing.idempotencyKey(id, scheduledTime);
    NewJob request =
        templates
            .resolve(schedule.owner(), schedule.templateId(), schedule.paramOverrides(), NONE)
            .forFiring(id, scheduledTime, key);
    OverlapPolicy policy = schedule.overlapPolicy();
    if (policy == OverlapPolicy.ALLOW) {
      // no need to look at other jobs: a retry finds this firing's job by its idempotency key
      JobService.Submission submission = jobs.submit(request);
      return record(
          schedule,
          scheduledTime,
          manual,
          submission.job(),
          caughtUp ? FiringOutcome.CAUGHT_UP : FiringOutcome.JOB_CREATED,
          submission.created());
    }
    List<Job> recent = recentJobs(schedule);
    Optional<Job> made = recent.stream().filter(j -> key.equals(j.idempotencyKey())).findFirst();
    if (made.isPresent()) {
      // a retry after a crash between the job and the ledger: the job says what was decided
      return record(schedule, scheduledTime, manual, made.get(), outcomeOf(made.get()), false);
    }
    Optional<Job> running = recent.stream().filter(j -> isQueuedOrRunning(j)).findFirst();
    Optional<Job> waiting =
        recent.stream().filter(j -> j.status() == JobStatus.PENDING).findFirst();
    if (policy == OverlapPolicy.SKIP && running.isPresent()
        || policy == OverlapPolicy.BUFFER_ONE && waiting.isPresent()) {
      Job busy = waiting.orElseGet(running::get);
      String reason =
          "skipped (overlap_policy "
              + policy.wireName()
              + "): job "
              + busy.jobId()
              + " of this schedule is still "
              + busy.status().wireName();
      JobService.Submission skipped = jobs.submitSkipped(request, reason);
      Firing firing =
          record(
              schedule, scheduledTime, manual, skipped.job(), FiringOutcome.SKIPPED_OVERLAP, false);
      if (skipped.created()) {
        events.skipped(schedule, firing, reason);
      }
      return firing;
    }
    if (policy == OverlapPolicy.BUFFER_ONE && running.isPresent()) {
      JobService.Submission held = jobs.hold(request);
      return record(schedule, scheduledTime, manual, held.job(), FiringOutcome.BUFFERED, false);
    }
    if (policy == OverlapPolicy.CANCEL_PREVIOUS && running.isPresent()) {
      try {
        jobs.cancel(schedule.owner(), running.get().jobId());
      } catch (IllegalJobTransitionException | JobNotFoundException endedMeanwhile) {
        // it ended on its own: nothing to cancel
      }
    }
    JobService.Submission submission = jobs.submit(request);
    return record(
        schedule,
        scheduledTime,
        manual,
        submission.job(),
        caughtUp ? FiringOutcome.CAUGHT_UP : FiringOutcome.JOB_CREATED,
        submission.created());
  }

  private Firing record(
      Schedule schedule,
      Instant scheduledTime,
      boolean manual,
      Job job,
      FiringOutcome outcome,
      boolean announce) {
    Firing firing =
        ledger.record(
            new Firing(
                schedule.scheduleId(), scheduledTime, outcome, job.jobId(), manual, clock.now()));
    if (announce) {
      events.fired(schedule, firing);
    }
    recordTrigger(schedule.scheduleId(), scheduledTime);
    return firing;
  }

  private static FiringOutcome outcomeOf(Job job) {
    return switch (job.status()) {
      case PENDING -> FiringOutcome.BUFFERED;
      case SKIPPED -> FiringOutcome.SKIPPED_OVERLAP;
      default -> FiringOutcome.JOB_CREATED;
    };
  }

  private static boolean isQueuedOrRunning(Job job) {
    return job.status() == JobStatus.QUEUED || job.status() == JobStatus.RUNNING;
  }

  /**
   * The schedule's newest jobs: the ones that have not ended are among them (a schedule whose jobs
   * run one at a time has at most two that have not ended).
   */
  private List<Job> recentJobs(Schedule schedule) {
    return jobs.list(
            JobQuery.bySchedule(schedule.scheduleId())
                .withOwner(schedule.owner())
                .withLimit(JobQuery.MAX_LIMIT))
        .jobs();
  }

  /** Moves last_triggered_at and next_trigger_at on; a lost race is retried from a fresh read. */
  private void recordTrigger(String scheduleId, Instant scheduledTime) {
    for (int attempt = 1; attempt <= MAX_WRITE_TRIES; attempt++) {
      Optional<Schedule> current = store.find(scheduleId).filter(Schedule::enabled);
      if (current.isEmpty()) {
        return;
      }
      try {
        store.update(current.get().recordTrigger(scheduledTime, clock.now()));
        return;
      } catch (ConcurrentScheduleModificationException lostRace) {
        // read again
      }
    }
  }

  private Schedule owned(String owner, String scheduleId) {
    return store
        .find(owner, scheduleId)
        .orElseThrow(() -> new ScheduleNotFoundException(scheduleId));
  }
}
