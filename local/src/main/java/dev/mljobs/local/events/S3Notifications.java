package dev.mljobs.local.events;

import dev.mljobs.local.aws.S3ObjectCreated;
import dev.mljobs.local.aws.S3ObjectCreatedListener;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Emulates S3 event notifications to Lambda: every object created in a configured bucket whose
 * event type and key match a {@link LambdaFunctionConfiguration} becomes an {@code S3Event} of one
 * record, built as S3 builds it, and invokes the configuration's function asynchronously, retried
 * as Lambda retries an asynchronous invocation. The write that caused it neither waits for the
 * function nor learns how it fared.
 *
 * <p>Subscribe it with {@link dev.mljobs.local.aws.LocalAws#addS3Listener}; closing it stops the
 * deliveries still queued.
 */
public final class S3Notifications implements S3ObjectCreatedListener, AutoCloseable {

  /** How many handlers may run at once, across all configurations. */
  private static final int CONCURRENCY = 4;

  private final String region;
  private final Map<String, List<LambdaFunctionConfiguration>> byBucket = new HashMap<>();
  private final AsyncInvoker invoker;

  /**
   * Starts the delivery threads.
   *
   * @param region the region written into each record ({@code awsRegion})
   * @param buckets the notification configuration of each bucket that has one
   * @param retry how a failing handler is retried
   * @throws IllegalArgumentException if a bucket is configured twice
   */
  public S3Notifications(
      String region, List<BucketNotificationConfiguration> buckets, AsyncRetryPolicy retry) {
    this.region = Objects.requireNonNull(region, "region");
    for (BucketNotificationConfiguration bucket : buckets) {
      if (byBucket.put(bucket.bucket(), bucket.lambdaFunctionConfigurations()) != null) {
        throw new IllegalArgumentException("bucket " + bucket.bucket() + " is configured twice");
      }
    }
    this.invoker = new AsyncInvoker(Objects.requireNonNull(retry, "retry"), CONCURRENCY);
  }

  /** Queues one invocation per matching configuration and returns at once. */
  @Override
  public void objectCreated(S3ObjectCreated created) {
    String encodedKey = S3Events.encodedKey(created.key());
    String eventName = created.operation().eventName();
    for (LambdaFunctionConfiguration config : byBucket.getOrDefault(created.bucket(), List.of())) {
      if (config.matches(eventName, encodedKey)) {
        invoker.invoke(config.function(), S3Events.toEvent(created, config.id(), region));
      }
    }
  }

  /** Stops delivering; events not yet delivered are lost. */
  /** Invocations queued, running or waiting for a retry; 0 when all were delivered or dropped. */
  public int pending() {
    return invoker.pending();
  }

  @Override
  public void close() {
    invoker.close();
  }
}
