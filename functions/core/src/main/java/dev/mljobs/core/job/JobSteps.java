package dev.mljobs.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.core.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The steps the job workflow (the state machine) takes. Each is idempotent, so Step Functions may
 * retry any of them and a whole execution may be re-run after a crash: a step that finds its work
 * done, or the job cancelled meanwhile, changes nothing.
 */
public final class JobSteps {

  private static final int MAX_WRITE_TRIES = 5;

  private final JobStore jobs;
  private final JobRunStore runs;
  private final JobEvents events;
  private final Clock clock;
  private final ParkedJobs parked;

  /**
   * @param queue where parked jobs are sent when an attempt ends and frees its slot
   */
  public JobSteps(JobStore jobs, JobRunStore runs, JobEvents events, Clock clock, JobQueue queue) {
    this.jobs = jobs;
    this.runs = runs;
    this.events = events;
    this.clock = clock;
    this.parked = new ParkedJobs(jobs, queue);
  }

  /** A job after a step, and whether the step changed it. */
  public record Step(Job job, boolean changed) {}

  /**
   * Marks the job running for its next attempt. A job already running (its workflow was re-run
   * after a crash) continues its current attempt.
   *
   * @return the running job, or empty when it must not run (gone, cancelled or ended)
   */
  public Optional<Job> start(UUID jobId) {
    Optional<Job> job =
        write(jobId, j -> j.status() == JobStatus.QUEUED ? j.start(clock.now()) : j, j -> {})
            .map(Step::job);
    // a workflow re-run after a crash finds its job ended: the crash may have come between the
    // job's last write and its run's or its event, so the last attempt's run is written now (once:
    // runs are keyed by attempt) and its end announced again
    job.filter(j -> j.attempts() > 0 && j.status() == JobStatus.COMPLETED)
        .ifPresent(
            j -> {
              record(j, j.attempts(), j.attemptStartedAt(), RunStatus.COMPLETED, null);
              announceAgain(j);
            });
    job.filter(j -> j.attempts() > 0 && j.status() == JobStatus.FAILED)
        .ifPresent(
            j -> {
              record(j, j.attempts(), j.attemptStartedAt(), RunStatus.FAILED, j.errorMessage());
              announceAgain(j);
            });
    return job.filter(j -> j.status() == JobStatus.RUNNING);
  }

  /**
   * Completes the attempt with its result and records its run. Nothing changes when the job is no
   * longer running this attempt (e.g. it was cancelled meanwhile).
   *
   * @param startedAt when the attempt started
   */
  public Optional<Step> complete(
      UUID jobId, int attempt, Instant startedAt, JsonNode result, String resultUri) {
    return complete(jobId, attempt, startedAt, result, resultUri, RunDetails.NONE);
  }

  /**
   * As {@link #complete(UUID, int, Instant, JsonNode, String)}, and the run keeps what ran it.
   *
   * @param details what the platform told about the attempt
   */
  public Optional<Step> complete(
      UUID jobId,
      int attempt,
      Instant startedAt,
      JsonNode result,
      String resultUri,
      RunDetails details) {
    Optional<Step> step =
        write(
            jobId,
            j -> runs(j, attempt) ? j.complete(result, resultUri, clock.now()) : j,
            j -> record(j, attempt, startedAt, RunStatus.COMPLETED, null, details));
    step.filter(s -> !s.changed() && ended(s.job(), attempt, JobStatus.COMPLETED))
        .ifPresent(
            s -> {
              record(s.job(), attempt, startedAt, RunStatus.COMPLETED, null, details);
              announceAgain(s.job());
            });
    return step;
  }

  /**
   * Records a failed attempt, then queues the job again if the failure is transient and attempts
   * are left, or fails it for good with {@code reason}.
   *
   * @param kind whether trying again may help; a permanent failure ends the job at once
   * @return the job after the step; it is queued exactly when the workflow should retry
   */
  public Optional<Step> attemptFailed(
      UUID jobId, int attempt, Instant startedAt, String reason, FailureKind kind) {
    return attemptFailed(jobId, attempt, startedAt, reason, kind, RunDetails.NONE);
  }

  /**
   * As {@link #attemptFailed(UUID, int, Instant, String, FailureKind)}, and the run keeps what ran
   * it.
   *
   * @param details what the platform told about the attempt
   */
  public Optional<Step> attemptFailed(
      UUID jobId,
      int attempt,
      Instant startedAt,
      String reason,
      FailureKind kind,
      RunDetails details) {
    String error = ErrorMessages.fit(reason);
    Optional<Step> step =
        write(
            jobId,
            j -> {
              if (!runs(j, attempt)) {
                return j;
              }
              return kind == FailureKind.TRANSIENT && j.hasAttemptsLeft()
                  ? j.retry(error, clock.now())
                  : j.fail(error, clock.now());
            },
            j -> record(j, attempt, startedAt, RunStatus.FAILED, error, details));
    step.filter(
            s ->
                !s.changed()
                    && (ended(s.job(), attempt, JobStatus.FAILED)
                        || ended(s.job(), attempt, JobStatus.QUEUED)))
        .ifPresent(
            s -> {
              record(s.job(), attempt, startedAt, RunStatus.FAILED, error, details);
              announceAgain(s.job());
            });
    return step;
  }

  /**
   * Fails a job whose workflow broke down, so that it never stays running forever. A job found
   * already ended is announced again: the step that ended it (or this one, retried) may have failed
   * after its write, before its webhook was scheduled.
   */
  public Optional<Step> abandon(UUID jobId, String reason) {
    Optional<Step> step =
        write(jobId, j -> j.isTerminal() ? j : j.fail(reason, clock.now()), j -> {});
    step.filter(s -> !s.changed() && s.job().isTerminal()).ifPresent(s -> announceAgain(s.job()));
    return step;
  }

  /**
   * Whether this attempt already ended in {@code status}: a retried step after a crash that came
   * after the job's write. The run is recorded then (once: runs are keyed by attempt), so that
   * every attempt that ended has its run, and the status change is announced again.
   */
  private static boolean ended(Job job, int attempt, JobStatus status) {
    return job.status() == status && job.attempts() == attempt;
  }

  /**
   * A retried step whose write was done before: the event (with it the webhook) and the freed slot
   * that follow the write may not have been, if the step crashed or publishing threw in between.
   * Nothing tells which, so they are done again: events are at least once, and a parked job handed
   * back twice is dispatched once.
   */
  private void announceAgain(Job job) {
    try {
      events.statusChanged(job);
    } finally {
      parked.slotFreed(job.owner());
    }
  }

  private static boolean runs(Job job, int attempt) {
    return job.status() == JobStatus.RUNNING && job.attempts() == attempt;
  }

  private void record(Job job, int attempt, Instant startedAt, RunStatus status, String error) {
    record(job, attempt, startedAt, status, error, RunDetails.NONE);
  }

  private void record(
      Job job, int attempt, Instant startedAt, RunStatus status, String error, RunDetails details) {
    Instant finished = job.isTerminal() ? job.completedAt() : clock.now();
    Instant started = startedAt == null || startedAt.isAfter(finished) ? finished : startedAt;
    JobRun run = JobRun.of(job, attempt, status, started, finished, error, details);
    try {
      runs.record(run);
    } catch (DuplicateJobRunException alreadyRecorded) {
      // a retried step: the first write stands
    }
  }

  /**
   * Writes {@code change} of the current job (returning the same job means "leave it"), reading
   * again after a lost race. When it changed the job, {@code written} runs at once, before the
   * status event and before a freed slot goes to a parked job: whoever learns that an attempt ended
   * finds its run recorded.
   *
   * @return empty when the job does not exist
   */
  private Optional<Step> write(UUID jobId, UnaryOperator<Job> change, Consumer<Job> written) {
    for (int attempt = 1; ; attempt++) {
      Optional<Job> current = jobs.find(jobId);
      if (current.isEmpty()) {
        return Optional.empty();
      }
      Job next = change.apply(current.get());
      if (next == current.get()) {
        return Optional.of(new Step(next, false));
      }
      try {
        Job stored = jobs.update(next);
        try {
          written.accept(stored);
        } finally {
          try {
            if (stored.status() != current.get().status()) {
              // may throw EventsUnavailableException: the step fails, and its retry announces again
              events.statusChanged(stored);
            }
          } finally {
            if (current.get().status() == JobStatus.RUNNING
                && stored.status() != JobStatus.RUNNING) {
              // the attempt ended: its slot may go to a parked job
              parked.slotFreed(stored.owner());
            }
          }
        }
        return Optional.of(new Step(stored, true));
      } catch (ConcurrentJobModificationException | TerminalJobException lostRace) {
        if (attempt == MAX_WRITE_TRIES) {
          throw lostRace;
        }
      }
    }
  }
}
