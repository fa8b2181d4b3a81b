package dev.mljobs.handlers.events;

import dev.mljobs.core.job.EventsUnavailableException;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import dev.mljobs.core.webhook.WebhookDeliveries;

/**
 * Schedules the webhook of a job that reached a terminal state (its first try goes on the webhook
 * queue; the delivery handler makes it, and the retries), then passes every event on. A terminal
 * transition is written exactly once (conditional writes), so it is normally scheduled once; a step
 * or cancel repeated after a failed scheduling schedules it again, and the tries share one {@code
 * webhook-id}.
 */
public final class WebhookJobEvents implements JobEvents {

  private final WebhookDeliveries deliveries;
  private final JobEvents next;

  public WebhookJobEvents(WebhookDeliveries deliveries, JobEvents next) {
    this.deliveries = deliveries;
    this.next = next;
  }

  /**
   * @throws EventsUnavailableException when the webhook could not be scheduled, after the event was
   *     passed on: a queue outage does not starve the bus, and the caller repeats the call
   */
  @Override
  public void statusChanged(Job job) {
    RuntimeException unscheduled = null;
    try {
      deliveries.jobFinished(job);
    } catch (RuntimeException e) {
      unscheduled = e;
    }
    next.statusChanged(job);
    if (unscheduled != null) {
      throw new EventsUnavailableException(job.jobId(), unscheduled);
    }
  }
}
