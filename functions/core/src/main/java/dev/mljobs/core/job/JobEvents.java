package dev.mljobs.core.job;

/** Where status changes are published (EventBridge in AWS, the log locally, callbacks). */
public interface JobEvents {

  /**
   * Publishes that {@code job} reached its current status. A failure here never undoes the change.
   * Events on the bus are best effort; the webhook of a terminal job is not: when its first try
   * cannot be scheduled, every other subscriber is still given the event, then this throws.
   *
   * @throws EventsUnavailableException when the webhook of a terminal job could not be scheduled;
   *     the caller has the change published again (a retried step, a repeated cancel)
   */
  void statusChanged(Job job);

  /** Publishes nothing. */
  static JobEvents none() {
    return job -> {};
  }
}
