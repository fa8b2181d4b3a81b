package dev.mljobs.aws.sqs;

import java.util.Map;
import java.util.Objects;

/**
 * Physical queue names. In AWS the stack hands them to each function as environment variables;
 * locally and in tests they are the logical names behind a prefix.
 */
public record QueueNames(String jobs, String jobsDlq, String webhooks, String webhooksDlq) {

  /**
   * Checks that both names are given.
   *
   * @throws NullPointerException if a name is missing
   */
  public QueueNames {
    Objects.requireNonNull(jobs, "jobs");
    Objects.requireNonNull(jobsDlq, "jobsDlq");
    Objects.requireNonNull(webhooks, "webhooks");
    Objects.requireNonNull(webhooksDlq, "webhooksDlq");
  }

  /** The logical names behind {@code prefix}. */
  public static QueueNames withPrefix(String prefix) {
    return new QueueNames(
        prefix + Queues.JOBS.name(),
        prefix + Queues.JOBS_DLQ.name(),
        prefix + Queues.WEBHOOKS.name(),
        prefix + Queues.WEBHOOKS_DLQ.name());
  }

  /**
   * Reads {@code JOBS_QUEUE}, {@code JOBS_DLQ}, {@code WEBHOOKS_QUEUE} and {@code WEBHOOKS_DLQ},
   * falling back to {@code QUEUE_PREFIX} + the logical name (prefix {@code mljobs-} when unset).
   */
  public static QueueNames fromEnv(Map<String, String> env) {
    QueueNames defaults = withPrefix(env.getOrDefault("QUEUE_PREFIX", "mljobs-"));
    return new QueueNames(
        env.getOrDefault("JOBS_QUEUE", defaults.jobs()),
        env.getOrDefault("JOBS_DLQ", defaults.jobsDlq()),
        env.getOrDefault("WEBHOOKS_QUEUE", defaults.webhooks()),
        env.getOrDefault("WEBHOOKS_DLQ", defaults.webhooksDlq()));
  }

  /**
   * The environment variable that holds the URL of {@code spec} for the functions that send to it
   * (set by the CDK stack and the local runtime).
   *
   * @throws IllegalArgumentException if nothing sends to {@code spec} by URL
   */
  public static String urlVariable(QueueSpec spec) {
    if (spec.equals(Queues.JOBS)) {
      return "JOBS_QUEUE_URL";
    }
    if (spec.equals(Queues.WEBHOOKS)) {
      return "WEBHOOKS_QUEUE_URL";
    }
    throw new IllegalArgumentException("no function sends to queue " + spec.name());
  }

  /**
   * The physical name of {@code spec}.
   *
   * @throws IllegalArgumentException if {@code spec} is not one of {@link Queues#ALL}
   */
  public String of(QueueSpec spec) {
    if (spec.equals(Queues.JOBS)) {
      return jobs;
    }
    if (spec.equals(Queues.JOBS_DLQ)) {
      return jobsDlq;
    }
    if (spec.equals(Queues.WEBHOOKS)) {
      return webhooks;
    }
    if (spec.equals(Queues.WEBHOOKS_DLQ)) {
      return webhooksDlq;
    }
    throw new IllegalArgumentException("unknown queue " + spec.name());
  }
}
