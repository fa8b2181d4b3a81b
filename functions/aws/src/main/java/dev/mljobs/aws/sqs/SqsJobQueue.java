package dev.mljobs.aws.sqs;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobQueue;
import dev.mljobs.core.job.TraceIds;
import java.util.HashMap;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * {@link JobQueue} on SQS: one small message per dispatch, {@code {"job_id": "..."}}, with the
 * priority and the job's trace id ({@link TraceIds#FIELD}) as message attributes for observability.
 * The dispatcher reads the job itself, so a message never carries stale state.
 */
public final class SqsJobQueue implements JobQueue {

  private final SqsClient sqs;
  private final String queueUrl;

  public SqsJobQueue(SqsClient sqs, String queueUrl) {
    this.sqs = sqs;
    this.queueUrl = queueUrl;
  }

  @Override
  public void send(Job job) {
    Map<String, MessageAttributeValue> attributes = new HashMap<>();
    attributes.put("priority", attribute("Number", Integer.toString(job.priority())));
    if (job.traceId() != null) {
      attributes.put(TraceIds.FIELD, attribute("String", job.traceId()));
    }
    sqs.sendMessage(
        b ->
            b.queueUrl(queueUrl)
                .messageBody("{\"job_id\":\"" + job.jobId() + "\"}")
                .messageAttributes(attributes));
  }

  private static MessageAttributeValue attribute(String type, String value) {
    return MessageAttributeValue.builder().dataType(type).stringValue(value).build();
  }
}
