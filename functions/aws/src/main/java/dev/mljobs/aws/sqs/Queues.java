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

  /** All queues, each after its dead-letter queue (the order to create them in). */
  public static final List<QueueSpec> ALL = List.of(JOBS_DLQ, JOBS);
}
