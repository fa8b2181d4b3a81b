package dev.mljobs.core.webhook;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One try of a job's webhook, as the delivery queue carries it. The body is not carried: it is
 * built again from the stored (terminal, so unchanging) job, which keeps messages small.
 *
 * @param webhookId the {@code webhook-id}, the same on every try so receivers can deduplicate
 * @param attempt this try's number, from 1
 * @param firstTryAt when the first try was due: tries stop a day after it
 */
public record WebhookTask(UUID jobId, String webhookId, int attempt, Instant firstTryAt) {

  public WebhookTask {
    Objects.requireNonNull(jobId, "job_id");
    Objects.requireNonNull(webhookId, "webhook_id");
    Objects.requireNonNull(firstTryAt, "first_try_at");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1");
    }
  }

  /** The first try of a job's webhook; its id follows from the job's, once per job. */
  public static WebhookTask first(UUID jobId, Instant now) {
    return new WebhookTask(jobId, "msg_" + jobId, 1, now);
  }

  public WebhookTask next() {
    return new WebhookTask(jobId, webhookId, attempt + 1, firstTryAt);
  }
}
