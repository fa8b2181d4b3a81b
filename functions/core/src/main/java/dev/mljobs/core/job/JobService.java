package dev.mljobs.core.job;

import dev.mljobs.core.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The use cases of jobs: submit, read, list, cancel, report progress, dispatch and reconcile. Each
 * change is a lifecycle method on {@link Job} written with optimistic locking; a write that lost a
 * race is retried from a fresh read, so callers never see a spurious conflict.
 */
public final class JobService {

  private static final int MAX_WRITE_TRIES = 5;

  private final JobStore store;
  private final JobRunStore runs;
  private final JobQueue queue;
  private final Workflows workflows;
  private final JobEvents events;
  private final Clock clock;
  private final Supplier<UUID> ids;
  private final DispatchLimits limits;
  private final ParkedJobs parked;

  public JobService(
      JobStore store,
      JobRunStore runs,
      JobQueue queue,
      Workflows workflows,
      JobEvents events,
      Clock clock,
      Supplier<UUID> ids,
      DispatchLimits limits) {
    this.store = store;
    this.runs = runs;
    this.queue = queue;
    this.workflows = workflows;
    this.events = events;
    this.clock = clock;
    this.ids = ids;
    this.limits = limits;
    this.parked = new ParkedJobs(store, queue);
  }

  /** The outcome of {@link #submit}: the job, and whether this call created it. */
  public record Submission(Job job, boolean created) {}

  /**
   * Stores a new queued job and sends it to the dispatcher. With an idempotency key already used by
   * the owner, returns that job instead and sends nothing. If the queue cannot be reached the job
   * stays queued and the reconciler sends it later: a stored job is never lost.
   */
  public Submission submit(NewJob request) {
    Instant now = clock.now();
    Job job = Job.create(request, ids.get(), now).enqueue(now);
    JobStore.Created stored = store.create(job);
    if (!stored.created()) {
      return new Submission(stored.job(), false);
    }
    events.statusChanged(stored.job());
    try {
      queue.send(stored.job());
    } catch (RuntimeException unreachable) {
      // stays queued; redispatchStale() sends it again
    }
    return new Submission(stored.job(), true);
  }

  /** The job, if it exists and belongs to {@code owner}; another owner's job does not exist. */
  public Optional<Job> find(String owner, UUID jobId) {
    return store.find(jobId).filter(j -> j.owner().equals(owner));
  }

  public JobPage list(JobQuery query) {
    return store.list(query);
  }

  /**
   * Cancels a pending, queued or running job; a running job's workflow is stopped, which stops its
   * worker. The cancel stands when stopping the workflow fails: the job is never resurrected. A job
   * already cancelled whose webhook has had no try yet is announced again: that is how a cancel
   * whose webhook could not be scheduled is finished.
   *
   * @throws JobNotFoundException when the owner has no such job
   * @throws IllegalJobTransitionException when the job already ended (and is not awaiting its
   *     webhook's first try after a cancel)
   * @throws EventsUnavailableException when the job is cancelled but its webhook could not be
   *     scheduled: the cancel stands; calling again schedules it
   */
  public Job cancel(String owner, UUID jobId) {
    Job[] before = new Job[1];
    Job cancelled;
    try {
      cancelled =
          change(
              jobId,
              job -> {
                if (!job.owner().equals(owner)) {
                  throw new JobNotFoundException(jobId);
                }
                before[0] = job;
                return job.cancel(clock.now());
              });
    } catch (IllegalJobTransitionException ended) {
      Job seen = before[0];
      if (seen == null || seen.status() != JobStatus.CANCELLED || !awaitsFirstTry(seen)) {
        throw ended;
      }
      // nothing tells whether the first publication failed or its message waits on the queue:
      // announce again; the tries share one webhook-id and a settled webhook is not sent again
      events.statusChanged(seen);
      return seen;
    }
    String reason = "cancelled by " + owner;
    if (before[0].status() == JobStatus.RUNNING || before[0].status() == JobStatus.QUEUED) {
      try {
        workflows.stop(jobId, reason);
      } catch (RuntimeException unreachable) {
        // The job is cancelled all the same: the workflow's next step finds it so and changes
        // nothing, and a running worker learns it from the 409 its next progress report gets.
        // Failing the request here would skip the run, the event and the freed slot below.
      }
    }
    if (before[0].status() == JobStatus.RUNNING) {
      recordCancelledAttempt(before[0], cancelled, reason);
    }
    try {
      events.statusChanged(cancelled);
    } finally {
      if (before[0].status() == JobStatus.RUNNING) {
        parked.slotFreed(owner); // also when the webhook could not be scheduled: the cancel stands
      }
    }
    return cancelled;
  }

  private static boolean awaitsFirstTry(Job job) {
    return job.callback() != null && !job.callback().isSettled() && job.callback().attempts() == 0;
  }

  /**
   * Records the progress of a running job.
   *
   * @throws JobNotFoundException when there is no such job
   * @throws IllegalJobTransitionException when the job is not running
   */
  public Job reportProgress(UUID jobId, int percent) {
    return change(jobId, job -> job.reportProgress(percent, clock.now()));
  }

  /** What {@link #dispatch} did with a message. */
  public enum Dispatch {
    /** The job's workflow runs (or ran) now. */
    STARTED,
    /** Nothing to run: the job is gone, ended or already has its workflow. */
    DROPPED,
    /**
     * Concurrency limit reached: the job is parked in the queue, without a message, until a running
     * job ends and hands it back (highest priority first, then first queued).
     */
    PARKED
  }

  /**
   * Starts the workflow of a queued job, unless a concurrency limit is reached. Called once per
   * queue message; safe to call any number of times for the same job.
   */
  public Dispatch dispatch(UUID jobId) {
    Optional<Job> found = store.find(jobId);
    if (found.isEmpty() || found.get().status() != JobStatus.QUEUED) {
      return Dispatch.DROPPED;
    }
    Job job = found.get();
    if (limits.reached(store, job.owner())) {
      store.park(jobId);
      return Dispatch.PARKED;
    }
    return workflows.start(job) == Workflows.Start.STARTED ? Dispatch.STARTED : Dispatch.DROPPED;
  }

  /**
   * Sends queued jobs to the dispatcher again where a message may be missing: jobs queued for
   * longer than {@code age} that are not parked (their message was never sent, or got lost), and
   * the first parked job of each owner (in case a job end was missed). Harmless for jobs that are
   * fine: dispatch is idempotent.
   *
   * @return how many jobs were sent
   */
  public int redispatchStale(Duration age) {
    return parked.reconcile(clock.now().minus(age));
  }

  /** The attempt that was running ends in the history as cancelled. */
  private void recordCancelledAttempt(Job running, Job cancelled, String reason) {
    // the attempt's own start, not its last progress report; clocks of two writers may disagree
    Instant started =
        running.currentAttemptStart().isAfter(cancelled.completedAt())
            ? cancelled.completedAt()
            : running.currentAttemptStart();
    try {
      runs.record(
          JobRun.of(
              running,
              running.attempts(),
              RunStatus.CANCELLED,
              started,
              cancelled.completedAt(),
              reason));
    } catch (DuplicateJobRunException alreadyEnded) {
      // the attempt's own outcome was recorded first; it stands
    }
  }

  /** Applies {@code change} to the current job and writes it, retrying after a lost race. */
  private Job change(UUID jobId, Function<Job, Job> change) {
    for (int attempt = 1; ; attempt++) {
      Job current = store.find(jobId).orElseThrow(() -> new JobNotFoundException(jobId));
      try {
        return store.update(change.apply(current));
      } catch (ConcurrentJobModificationException lostRace) {
        if (attempt == MAX_WRITE_TRIES) {
          throw lostRace;
        }
      } catch (TerminalJobException ended) {
        throw new IllegalJobTransitionException(jobId, ended.status(), "the job already ended");
      }
    }
  }
}
