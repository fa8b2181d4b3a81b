package dev.mljobs.local.scheduler;

import static dev.mljobs.local.scheduler.Constraints.iamRoleArn;
import static dev.mljobs.local.scheduler.Constraints.length;
import static dev.mljobs.local.scheduler.Constraints.required;
import static dev.mljobs.local.scheduler.Constraints.sqsQueueArn;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a schedule invokes ({@code Target}): the target's ARN and the input it receives, with the
 * retry policy and dead-letter queue for failed invocations. Templated parameters other than SQS's
 * (ECS, Kinesis, EventBridge, SageMaker) are not kept.
 *
 * @param arn the target, e.g. {@code arn:aws:sqs:us-east-1:000000000000:jobs}
 * @param roleArn the IAM role AWS would assume; checked for form only
 * @param input the text delivered to the target, or null for AWS's default ({@code {}})
 * @param retryPolicy never null: AWS's defaults when the request has none
 * @param deadLetterConfig where events go once retries are exhausted, or null
 * @param sqsParameters the message group of a FIFO queue target, or null
 */
public record ScheduleTarget(
    @JsonProperty("Arn") String arn,
    @JsonProperty("RoleArn") String roleArn,
    @JsonProperty("Input") String input,
    @JsonProperty("RetryPolicy") RetryPolicy retryPolicy,
    @JsonProperty("DeadLetterConfig") DeadLetterConfig deadLetterConfig,
    @JsonProperty("SqsParameters") SqsParameters sqsParameters) {

  /** Checks the members as the service model does, and fills in the default retry policy. */
  public ScheduleTarget {
    length(required(arn, "target.arn"), "target.arn", 1, 1600);
    iamRoleArn(required(roleArn, "target.roleArn"), "target.roleArn");
    length(input, "target.input", 1, Integer.MAX_VALUE);
    retryPolicy = retryPolicy == null ? RetryPolicy.DEFAULT : retryPolicy;
  }

  /**
   * The SQS queue failed events are sent to ({@code DeadLetterConfig}).
   *
   * @param arn an SQS queue ARN, or null for none
   */
  public record DeadLetterConfig(@JsonProperty("Arn") String arn) {

    /** Checks that the ARN, if any, names an SQS queue. */
    public DeadLetterConfig {
      sqsQueueArn(arn, "target.deadLetterConfig.arn");
    }
  }

  /**
   * The SQS {@code SendMessage} parameters ({@code SqsParameters}).
   *
   * @param messageGroupId the FIFO message group, 1 to 128 characters, or null
   */
  public record SqsParameters(@JsonProperty("MessageGroupId") String messageGroupId) {

    /** Checks the group id's length. */
    public SqsParameters {
      length(messageGroupId, "target.sqsParameters.messageGroupId", 1, 128);
    }
  }
}
