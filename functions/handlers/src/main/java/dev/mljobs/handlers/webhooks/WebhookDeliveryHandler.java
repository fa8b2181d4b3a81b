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
import java.util.ArrayList;
import java.util.List;

/**
 * Consumes the webhook queue: one try per message. A try that fails is not a handler failure (the
 * next try is a new, delayed message); only a try that could not be made or recorded is reported as
 * a batch item failure and comes back. A message that is not a webhook task is dropped with a log
 * line.
 */
public final class WebhookDeliveryHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

  private final WebhookDeliveries deliveries;

  /** Wires itself from the environment, once per cold start. */
  public WebhookDeliveryHandler() {
    this(new Wiring(System.getenv()));
  }

  public WebhookDeliveryHandler(Wiring wiring) {
    this(new Services(wiring).webhookDeliveries());
  }

  public WebhookDeliveryHandler(WebhookDeliveries deliveries) {
    this.deliveries = deliveries;
  }

  @Override
  public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
    List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
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
      try {
        deliveries.attempt(task);
      } catch (RuntimeException e) {
        context.getLogger().log("webhook of job " + task.jobId() + " not tried, will retry: " + e);
        failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
      }
    }
    return new SQSBatchResponse(failures);
  }
}
