package dev.mljobs.aws.sqs;

import dev.mljobs.aws.sqs.QueueSpec.Redrive;
import java.time.Duration;
import java.util.List;

/** Every queue of mljobs, defined once. */
public final class Queues {

  private Queues() {}

  /** Dispatch messages that failed {@link #MAX_RECEIVES} times, kept for inspection and redrive. */
  public static final QueueSpec JOBS_DLQ =
      new QueueSpec("jobs-dlq", Duration.ofSeconds(60), Duration.ofDays(14), null);

  /** Receives before a dispatch message is given up on and moved to {@link #JOBS_DLQ}. */
  public static final int MAX_RECEIVES = 5;

  /**
   * Job dispatch: one message per job to start. The dispatcher starts an execution named after the
   * job id within the 60 s visibility timeout, so a redelivery finds the execution already there.
   */
  public static final QueueSpec JOBS =
      new QueueSpec(
          "jobs", Duration.ofSeconds(60), Duration.ofDays(4), new Redrive(JOBS_DLQ, MAX_RECEIVES));

  /** Webhook tries whose handling failed {@link #MAX_RECEIVES} times (not tries that failed). */
  public static final QueueSpec WEBHOOKS_DLQ =
      new QueueSpec("webhooks-dlq", Duration.ofSeconds(60), Duration.ofDays(14), null);

  /**
   * Webhook tries, one message per try, {@code {"job_id", "webhook_id", "attempt",
   * "first_try_at"}}; a failed try is a new message sent with a delay (at most 15 minutes, SQS's
   * limit). The visibility timeout covers a batch of ten tries of up to 10 s each.
   */
  public static final QueueSpec WEBHOOKS =
      new QueueSpec(
          "webhooks",
          Duration.ofSeconds(180),
          Duration.ofDays(4),
          new Redrive(WEBHOOKS_DLQ, MAX_RECEIVES));

  /** All queues, each after its dead-letter queue (the order to create them in). */
  public static final List<QueueSpec> ALL = List.of(JOBS_DLQ, JOBS, WEBHOOKS_DLQ, WEBHOOKS);
}
