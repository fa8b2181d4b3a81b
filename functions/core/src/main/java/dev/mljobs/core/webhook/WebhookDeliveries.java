package dev.mljobs.core.webhook;

import dev.mljobs.core.Clock;
import dev.mljobs.core.job.Callback;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobStore;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * At-least-once webhooks: a job's terminal transition schedules the first try; each try signs the
 * body per the Standard Webhooks specification with the owner's secrets, records the outcome on the
 * job, and schedules the next try while a failure may be passing. The {@code webhook-id} is the
 * same on every try.
 */
public final class WebhookDeliveries {

  private final JobStore jobs;
  private final WebhookSecrets secrets;
  private final WebhookQueue queue;
  private final WebhookSender sender;
  private final WebhookRetries retries;
  private final Function<Job, String> body;
  private final Clock clock;

  /**
   * @param body the JSON body of a job's webhook (the same as its status-change event's detail)
   */
  public WebhookDeliveries(
      JobStore jobs,
      WebhookSecrets secrets,
      WebhookQueue queue,
      WebhookSender sender,
      WebhookRetries retries,
      Function<Job, String> body,
      Clock clock) {
    this.jobs = jobs;
    this.secrets = secrets;
    this.queue = queue;
    this.sender = sender;
    this.retries = retries;
    this.body = body;
    this.clock = clock;
  }

  /** Schedules the first try when {@code job} has just become terminal and has a callback_url. */
  public void jobFinished(Job job) {
    if (job.isTerminal() && job.callbackUrl() != null) {
      queue.schedule(WebhookTask.first(job.jobId(), clock.now()), java.time.Duration.ZERO);
    }
  }

  /**
   * Makes one try. A job that is gone (expired) or whose webhook is settled is left alone.
   *
   * @return the outcome recorded, or empty when there was nothing to do
   * @throws RuntimeException when storage or the queue fail: the caller lets the message come back
   */
  public Optional<Callback> attempt(WebhookTask task) {
    Optional<Job> found = jobs.find(task.jobId());
    if (found.isEmpty()
        || found.get().callbackUrl() == null
        || found.get().callback() == null
        || found.get().callback().isSettled()) {
      return Optional.empty();
    }
    Job job = found.get();
    WebhookSender.Response response = send(job, task);
    Callback outcome;
    if (response.delivered()) {
      outcome = new Callback(Callback.Status.DELIVERED, task.attempt(), null);
    } else {
      String error =
          response.statusCode() == 0 ? response.error() : "HTTP " + response.statusCode();
      boolean again = response.retryable() && retries.tryAgain(task, clock.now());
      outcome =
          new Callback(
              again ? Callback.Status.PENDING : Callback.Status.FAILED, task.attempt(), error);
      if (again) {
        // scheduled before the record: if recording fails the message comes back and the try is
        // repeated, never lost
        queue.schedule(task.next(), retries.delayAfter(task.attempt()));
      }
    }
    jobs.recordCallback(job.jobId(), outcome);
    return Optional.of(outcome);
  }

  private WebhookSender.Response send(Job job, WebhookTask task) {
    String payload = body.apply(job);
    long timestamp = clock.now().getEpochSecond();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("webhook-id", task.webhookId());
    headers.put("webhook-timestamp", Long.toString(timestamp));
    headers.put(
        "webhook-signature",
        WebhookSignature.header(
            task.webhookId(), timestamp, payload, secrets.signing(job.owner())));
    return sender.post(URI.create(job.callbackUrl()), headers, payload);
  }
}
