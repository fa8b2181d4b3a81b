package dev.mljobs.handlers.events;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobEvents;
import dev.mljobs.core.webhook.WebhookDeliveries;

/**
 * Schedules the webhook of a job that reached a terminal state (its first try goes on the webhook
 * queue; the delivery handler makes it, and the retries), then passes every event on. A terminal
 * transition is written exactly once (conditional writes), so it is scheduled once; and should it
 * be scheduled twice, the tries share one {@code webhook-id}.
 */
public final class WebhookJobEvents implements JobEvents {

  private final WebhookDeliveries deliveries;
  private final JobEvents next;

  public WebhookJobEvents(WebhookDeliveries deliveries, JobEvents next) {
    this.deliveries = deliveries;
    this.next = next;
  }

  @Override
  public void statusChanged(Job job) {
    try {
      deliveries.jobFinished(job);
    } catch (RuntimeException e) {
      // best effort by the port's contract; the job shows callback.status=pending with 0 attempts
      System.err.println("webhook of job " + job.jobId() + " not scheduled: " + e);
    }
    next.statusChanged(job);
  }
}
