package dev.mljobs.core.job;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Hands parked jobs back to the dispatcher when capacity frees up. A job the dispatcher could not
 * start at a concurrency limit is parked: it keeps its place in the queue index and has no message
 * in the dispatch queue, so a long queue costs nothing while it waits. When a running job ends, the
 * first parked job (highest priority, queued first) and the first parked job of the same owner are
 * sent again; the dispatcher starts them if the limits allow, or parks them again.
 */
final class ParkedJobs {

  /** How far into the queue a job end looks for parked jobs. */
  static final int LOOK_AHEAD = 25;

  /** How far into the queue the reconciler looks: all of it, in practice (keys only, paged). */
  static final int RECONCILE_DEPTH = 100_000;

  private final JobStore store;
  private final JobQueue queue;

  ParkedJobs(JobStore store, JobQueue queue) {
    this.store = store;
    this.queue = queue;
  }

  /**
   * A running job of {@code owner} ended. Never throws: a send that fails is made up for by the
   * reconciler.
   */
  void slotFreed(String owner) {
    try {
      List<JobStore.QueuedJob> head = store.queueHead(LOOK_AHEAD);
      Set<UUID> sent = new HashSet<>();
      head.stream().filter(JobStore.QueuedJob::parked).findFirst().ifPresent(q -> send(q, sent));
      head.stream()
          .filter(q -> q.parked() && q.owner().equals(owner))
          .findFirst()
          .ifPresent(q -> send(q, sent));
    } catch (RuntimeException e) {
      // the reconciler sends parked jobs again within a minute
    }
  }

  /**
   * Once a minute: sends queued jobs that have no message although they should (queued before
   * {@code staleBefore} and not parked: the message was never sent or got lost), and the first
   * parked job of each owner, in case a job end was missed.
   *
   * @return how many jobs were sent
   */
  int reconcile(Instant staleBefore) {
    Set<UUID> sent = new HashSet<>();
    Set<String> owners = new HashSet<>();
    int count = 0;
    for (JobStore.QueuedJob q : store.queueHead(RECONCILE_DEPTH)) {
      boolean lost = !q.parked() && q.queuedAt().isBefore(staleBefore);
      boolean firstParkedOfOwner = q.parked() && owners.add(q.owner());
      if ((lost || firstParkedOfOwner) && send(q, sent)) {
        count++;
      }
    }
    return count;
  }

  /** Sends a job that is still queued, once per call; returns whether it was sent. */
  private boolean send(JobStore.QueuedJob q, Set<UUID> sent) {
    if (!sent.add(q.jobId())) {
      return false;
    }
    Optional<Job> job = store.find(q.jobId()).filter(j -> j.status() == JobStatus.QUEUED);
    job.ifPresent(queue::send);
    return job.isPresent();
  }
}
