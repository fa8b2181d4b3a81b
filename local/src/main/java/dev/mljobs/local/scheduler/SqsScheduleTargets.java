package dev.mljobs.local.scheduler;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * Delivers to SQS queues named by ARN ({@code arn:aws:sqs:<region>:<account>:<queue>}) with the
 * real {@link SqsClient}: {@code GetQueueUrl}, then {@code SendMessage} with the input as body, as
 * EventBridge Scheduler's SQS target does.
 */
public final class SqsScheduleTargets implements ScheduleTargets {

  private final SqsClient sqs;
  private final Map<String, String> queueUrls = new ConcurrentHashMap<>();

  /**
   * @param sqs a client for the queues' endpoint, e.g. the local ElasticMQ
   */
  public SqsScheduleTargets(SqsClient sqs) {
    this.sqs = sqs;
  }

  /**
   * Sends the input to the queue.
   *
   * @throws IllegalArgumentException if the ARN does not name an SQS queue
   * @throws software.amazon.awssdk.core.exception.SdkException if SQS refuses, e.g. no such queue
   */
  @Override
  public void deliver(TargetInvocation invocation) {
    Arn arn = Arn.parse(invocation.targetArn());
    if (!arn.service().equals("sqs")) {
      throw new IllegalArgumentException("not an SQS queue: " + invocation.targetArn());
    }
    String queueUrl =
        queueUrls.computeIfAbsent(
            invocation.targetArn(),
            unused -> sqs.getQueueUrl(r -> r.queueName(arn.resource())).queueUrl());
    sqs.sendMessage(
        message ->
            message
                .queueUrl(queueUrl)
                .messageBody(invocation.input())
                .messageGroupId(invocation.messageGroupId().orElse(null))
                .messageAttributes(attributes(invocation.messageAttributes())));
  }

  private static Map<String, MessageAttributeValue> attributes(Map<String, String> values) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    values.forEach(
        (name, value) ->
            attributes.put(
                name,
                MessageAttributeValue.builder().dataType("String").stringValue(value).build()));
    return attributes;
  }
}
