package dev.mljobs.aws.sqs;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The settings of one standard queue. Defined once in {@link Queues} and turned into queue
 * attributes here, into CDK constructs by the stack, and into local queues by the local runtime.
 *
 * @param name the logical name; the physical name comes from {@link QueueNames}
 * @param visibilityTimeout how long a received message stays hidden before it is delivered again
 * @param retention how long SQS keeps a message that nobody deletes
 * @param redrive where messages go after too many receives, or {@code null} for none
 */
public record QueueSpec(
    String name, Duration visibilityTimeout, Duration retention, Redrive redrive) {

  // SQS's own limits, checked here so that a bad spec fails in a unit test, not in a deployment.
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]{1,60}");
  private static final Duration MAX_VISIBILITY = Duration.ofHours(12);
  private static final Duration MIN_RETENTION = Duration.ofMinutes(1);
  private static final Duration MAX_RETENTION = Duration.ofDays(14);

  /**
   * Validates the spec.
   *
   * @throws IllegalArgumentException if a value is outside what SQS accepts
   * @throws NullPointerException if a required value is missing
   */
  public QueueSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(visibilityTimeout, "visibilityTimeout");
    Objects.requireNonNull(retention, "retention");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("queue name must match " + NAME + ": " + name);
    }
    if (visibilityTimeout.isNegative() || visibilityTimeout.compareTo(MAX_VISIBILITY) > 0) {
      throw new IllegalArgumentException("visibility timeout must be 0 s to 12 h: " + name);
    }
    if (retention.compareTo(MIN_RETENTION) < 0 || retention.compareTo(MAX_RETENTION) > 0) {
      throw new IllegalArgumentException("retention must be 1 min to 14 days: " + name);
    }
    if (redrive != null && redrive.deadLetterQueue().retention().compareTo(retention) < 0) {
      // A standard queue keeps a message's original enqueue time when it is redriven, so a DLQ
      // that keeps messages for less time than its source would drop them early.
      throw new IllegalArgumentException("dead-letter queue must keep messages as long: " + name);
    }
  }

  /**
   * Send messages that were received {@code maxReceiveCount} times without being deleted to {@code
   * deadLetterQueue}.
   */
  public record Redrive(QueueSpec deadLetterQueue, int maxReceiveCount) {

    /**
     * Validates the redrive policy.
     *
     * @throws IllegalArgumentException if maxReceiveCount is not 1 to 1000
     * @throws NullPointerException if deadLetterQueue is null
     */
    public Redrive {
      Objects.requireNonNull(deadLetterQueue, "deadLetterQueue");
      if (maxReceiveCount < 1 || maxReceiveCount > 1000) {
        throw new IllegalArgumentException("maxReceiveCount must be 1 to 1000");
      }
    }
  }

  /**
   * The attributes that create this queue.
   *
   * @param deadLetterQueueArn the ARN of the redrive target; ignored without {@link #redrive()}
   * @throws IllegalArgumentException if this queue has a redrive policy and the ARN is missing
   */
  public Map<QueueAttributeName, String> attributes(String deadLetterQueueArn) {
    Map<QueueAttributeName, String> attributes =
        new java.util.EnumMap<>(
            Map.of(
                QueueAttributeName.VISIBILITY_TIMEOUT,
                Long.toString(visibilityTimeout.toSeconds()),
                QueueAttributeName.MESSAGE_RETENTION_PERIOD,
                Long.toString(retention.toSeconds())));
    if (redrive != null) {
      if (deadLetterQueueArn == null || deadLetterQueueArn.isBlank()) {
        throw new IllegalArgumentException("queue " + name + " needs its dead-letter queue ARN");
      }
      attributes.put(
          QueueAttributeName.REDRIVE_POLICY,
          "{\"deadLetterTargetArn\":\""
              + deadLetterQueueArn
              + "\",\"maxReceiveCount\":"
              + redrive.maxReceiveCount()
              + "}");
    }
    return attributes;
  }
}
