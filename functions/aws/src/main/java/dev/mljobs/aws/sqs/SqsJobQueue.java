package dev.mljobs.aws.sqs;

import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobQueue;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * {@link JobQueue} on SQS: one small message per dispatch, {@code {"job_id": "..."}}, with the
 * priority as a message attribute for observability. The dispatcher reads the job itself, so a
 * message never carries stale state.
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
    sqs.sendMessage(
        b ->
            b.queueUrl(queueUrl)
                .messageBody("{\"job_id\":\"" + job.jobId() + "\"}")
                .messageAttributes(
                    Map.of(
                        "priority",
                        MessageAttributeValue.builder()
                            .dataType("Number")
                            .stringValue(Integer.toString(job.priority()))
                            .build())));
  }
}
