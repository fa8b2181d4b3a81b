package dev.mljobs.core.job;

/** Where status changes are published (EventBridge in AWS, the log locally, callbacks). */
public interface JobEvents {

  /**
   * Publishes that {@code job} reached its current status. Publishing is best effort: a failure
   * here never undoes the change.
   */
  void statusChanged(Job job);

  /** Publishes nothing. */
  static JobEvents none() {
    return job -> {};
  }
}
