package dev.mljobs.handlers.webhooks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.mljobs.aws.sqs.SqsWebhookQueue;
import dev.mljobs.core.webhook.WebhookDeliveries;
import dev.mljobs.core.webhook.WebhookTask;
import dev.mljobs.handlers.Services;
import dev.mljobs.handlers.Wiring;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Consumes the webhook queue: one try per message, the tries of a batch at once (each mostly waits
 * for its receiver, and a slow receiver must not hold up the others). A try that fails is not a
 * handler failure (the next try is a new, delayed message); only a try that could not be made or
 * recorded is reported as a batch item failure and comes back. A message that is not a webhook task
 * is dropped with a log line.
 */
public final class WebhookDeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private static final int PARALLEL = 10;

  /** Beyond the sender's own deadline: reading the job and recording the outcome. */
  private static final Duration STORAGE_MARGIN = Duration.ofSeconds(15);

  private final WebhookDeliveries deliveries;
  private final Duration tryWait;
  private final ExecutorService tries =
      Executors.newFixedThreadPool(
          PARALLEL,
          r -> {
            Thread t = new Thread(r, "webhook-try");
            t.setDaemon(true);
            return t;
          });

  /** Wires itself from the environment, once per cold start. */
  public WebhookDeliveryHandler() {
    this(new Wiring(System.getenv()));
  }

  public WebhookDeliveryHandler(Wiring wiring) {
    this(new Services(wiring).webhookDeliveries());
  }

  public WebhookDeliveryHandler(WebhookDeliveries deliveries) {
    this(deliveries, HttpWebhookSender.TRY_DEADLINE.plus(STORAGE_MARGIN));
  }

  /**
   * @param tryWait how long one round of tries may take before the handler stops waiting for it
   */
  WebhookDeliveryHandler(WebhookDeliveries deliveries, Duration tryWait) {
    this.deliveries = deliveries;
    this.tryWait = tryWait;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    Map<String, Future<?>> running = new LinkedHashMap<>();
    for (SQSEvent.SQSMessage message : event.getRecords()) {
      WebhookTask task;
      try {
        task = SqsWebhookQueue.parse(message.getBody());
      } catch (IllegalArgumentException notATask) {
        context
            .getLogger()
            .log("dropping message " + message.getMessageId() + ": not a webhook task");
        continue;
      }
      running.put(message.getMessageId(), tries.submit(() -> deliveries.attempt(task)));
    }
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
    // tries beyond the pool's size wait for a thread: each round of them gets its own tryWait
    long rounds = Math.max(1, (running.size() + PARALLEL - 1) / PARALLEL);
    long until = System.nanoTime() + tryWait.toNanos() * rounds;
    running.forEach(
        (messageId, attempt) -> {
          try {
            attempt.get(Math.max(0, until - System.nanoTime()), TimeUnit.NANOSECONDS);
          } catch (TimeoutException e) {
            // the sender ends a try by its deadline; one that still runs is stuck elsewhere
            // (storage): stop waiting, so no receiver holds the batch, and let the message come
            // back for a new try
            attempt.cancel(true);
            context
                .getLogger()
                .log("webhook try " + messageId + " did not end in time, will retry");
            failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
          } catch (ExecutionException e) {
            context.getLogger().log("webhook try not made, will retry: " + e.getCause());
            failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failures.add(new SQSBatchResponse.BatchItemFailure(messageId));
          }
        });
    return new SQSBatchResponse(failures);
  }
}
