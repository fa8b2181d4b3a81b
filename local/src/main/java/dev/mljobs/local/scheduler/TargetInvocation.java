package dev.mljobs.local.scheduler;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One delivery to a target: an invocation of a schedule, or a failed one on its way to the
 * dead-letter queue.
 *
 * @param targetArn where to deliver, e.g. {@code arn:aws:sqs:us-east-1:000000000000:jobs}
 * @param input the text the target receives
 * @param messageGroupId the FIFO message group, for an SQS FIFO queue
 * @param messageAttributes string attributes to attach, e.g. AWS's {@code ERROR_CODE} on a
 *     dead-letter message; empty for an invocation
 */
public record TargetInvocation(
    String targetArn,
    String input,
    Optional<String> messageGroupId,
    Map<String, String> messageAttributes) {

  /** Checks that everything is present and copies the attributes. */
  public TargetInvocation {
    Objects.requireNonNull(targetArn, "targetArn must not be null");
    Objects.requireNonNull(input, "input must not be null");
    Objects.requireNonNull(messageGroupId, "messageGroupId must not be null");
    messageAttributes = Map.copyOf(messageAttributes);
  }
}
