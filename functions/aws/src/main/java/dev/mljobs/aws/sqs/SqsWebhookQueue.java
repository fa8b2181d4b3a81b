package dev.mljobs.aws.sqs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.core.webhook.WebhookQueue;
import dev.mljobs.core.webhook.WebhookTask;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import software.amazon.awssdk.services.sqs.SqsClient;

/** {@link WebhookQueue} on SQS: one message per try, delayed with {@code DelaySeconds}. */
public final class SqsWebhookQueue implements WebhookQueue {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration MAX_DELAY = Duration.ofMinutes(15);
  private final SqsClient sqs;
  private final String queueUrl;

  public SqsWebhookQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void schedule(WebhookTask task, Duration delay) {
    if (delay.isNegative() || delay.compareTo(MAX_DELAY) > 0) {
      throw new IllegalArgumentException("an SQS delay is 0 to 15 minutes, not " + delay);
    }
    sqs.sendMessage(
        b -> b.queueUrl(queueUrl).messageBody(body(task)).delaySeconds((int) delay.toSeconds()));
  }

  static String body(WebhookTask task) {
    return JSON.createObjectNode()
        .put("job_id", task.jobId().toString())
        .put("webhook_id", task.webhookId())
        .put("attempt", task.attempt())
        .put("first_try_at", task.firstTryAt().toString())
        .toString();
  }

  /**
   * Reads a message body back.
   *
   * @throws IllegalArgumentException when it is not a webhook task
   */
  public static WebhookTask parse(String body) {
    try {
      JsonNode n = JSON.readTree(body);
      return new WebhookTask(
          UUID.fromString(n.path("job_id").asText()),
          n.path("webhook_id").asText(null),
          n.path("attempt").asInt(0),
          Instant.parse(n.path("first_try_at").asText()));
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("not a webhook task message", e);
    }
  }
}
