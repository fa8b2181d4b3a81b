package dev.mljobs.aws.sqs;

import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates the queues from {@link Queues} where they are missing: used by the local runtime and the
 * tests. In AWS the CDK stack creates them from the same specs.
 */
public final class QueueProvisioner {

  private final SqsClient sqs;

  public QueueProvisioner(SqsClient sqs) {
    this.sqs = sqs;
  }

  /**
   * Creates every missing queue, dead-letter queues first, with its redrive policy. An existing
   * queue is kept as it is.
   *
   * @return the URL of every queue in {@link Queues#ALL}, by spec, in that order
   * @throws software.amazon.awssdk.services.sqs.model.SqsException if SQS refuses a request
   */
  public Map<QueueSpec, String> ensureQueues(QueueNames names) {
    Map<QueueSpec, String> urls = new LinkedHashMap<>();
    for (QueueSpec spec : Queues.ALL) {
      String deadLetterArn =
          spec.redrive() == null ? null : arn(urls.get(spec.redrive().deadLetterQueue()));
      urls.put(spec, ensureQueue(names.of(spec), spec, deadLetterArn));
    }
    return java.util.Collections.unmodifiableMap(urls);
  }

  private String ensureQueue(String queueName, QueueSpec spec, String deadLetterArn) {
    try {
      // Look first: CreateQueue on an existing queue fails when any attribute differs.
      return sqs.getQueueUrl(b -> b.queueName(queueName)).queueUrl();
    } catch (QueueDoesNotExistException missing) {
      return sqs.createQueue(b -> b.queueName(queueName).attributes(spec.attributes(deadLetterArn)))
          .queueUrl();
    }
  }

  private String arn(String queueUrl) {
    return sqs.getQueueAttributes(
            b -> b.queueUrl(queueUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
        .attributes()
        .get(QueueAttributeName.QUEUE_ARN);
  }
}
