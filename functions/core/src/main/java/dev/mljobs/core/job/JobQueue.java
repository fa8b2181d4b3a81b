package dev.mljobs.core.job;

/** Hands queued jobs to the dispatcher. */
public interface JobQueue {

  /**
   * Asks for the job to be dispatched. Sending the same job twice is harmless: dispatch is
   * idempotent per job.
   *
   * @throws RuntimeException when the queue cannot be reached; the job stays queued and the
   *     reconciler sends it again
   */
  void send(Job job);
}
