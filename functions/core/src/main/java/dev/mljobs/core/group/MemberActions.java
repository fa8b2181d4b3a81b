package dev.mljobs.core.group;

import dev.mljobs.core.Clock;
import dev.mljobs.core.job.ConcurrentJobModificationException;
import dev.mljobs.core.job.IllegalJobTransitionException;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import dev.mljobs.core.job.JobNotFoundException;
import dev.mljobs.core.job.JobQueue;
import dev.mljobs.core.job.JobService;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.core.job.TerminalJobException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.UnaryOperator;

/**
 * Carries out a group's {@link JobGroup.Plan} on its member jobs. Each action is a conditional
 * write of the job (a pending job is released or skipped once, however often it is asked), and
 * answers the job as it now is, so the group learns it even when the action found it done.
 */
final class MemberActions {

  private static final int MAX_WRITE_TRIES = 5;

  private final JobStore jobs;
  private final JobService jobService;
  private final JobQueue queue;
  private final JobEvents events;
  private final Clock clock;

  MemberActions(
      JobStore jobs, JobService jobService, JobQueue queue, JobEvents events, Clock clock) {
    this.jobs = jobs;
    this.jobService = jobService;
    this.queue = queue;
    this.events = events;
    this.clock = clock;
  }

  /** Does {@code plan}; returns the members' jobs as they are after it. */
  List<Job> apply(JobGroup group, JobGroup.Plan plan) {
    List<Job> after = new ArrayList<>();
    for (UUID id : plan.release()) {
      fromPending(id, j -> j.enqueue(clock.now())).ifPresent(after::add);
    }
    String reason =
        "skipped: an earlier member of group " + group.groupId() + " failed or was cancelled";
    for (UUID id : plan.skip()) {
      fromPending(id, j -> j.skip(reason, clock.now())).ifPresent(after::add);
    }
    for (UUID id : plan.cancel()) {
      try {
        after.add(jobService.cancel(group.owner(), id));
      } catch (IllegalJobTransitionException | JobNotFoundException ended) {
        jobs.find(id).ifPresent(after::add);
      }
    }
    return after;
  }

  /** Writes {@code change} of a pending job; a job no longer pending is answered as it is. */
  private Optional<Job> fromPending(UUID id, UnaryOperator<Job> change) {
    for (int attempt = 1; ; attempt++) {
      Optional<Job> found = jobs.find(id);
      if (found.isEmpty() || found.get().status() != JobStatus.PENDING) {
        return found;
      }
      try {
        Job stored = jobs.update(change.apply(found.get()));
        if (stored.status() == JobStatus.QUEUED) {
          released(stored);
        } else {
          events.statusChanged(stored);
        }
        return Optional.of(stored);
      } catch (ConcurrentJobModificationException | TerminalJobException lostRace) {
        if (attempt == MAX_WRITE_TRIES) {
          return jobs.find(id);
        }
      }
    }
  }

  /** Announces a member that was stored queued and sends it to the dispatcher. */
  void released(Job queued) {
    events.statusChanged(queued);
    try {
      queue.send(queued);
    } catch (RuntimeException unreachable) {
      // stays queued; the reconciler sends queued jobs without a message again
    }
  }
}
