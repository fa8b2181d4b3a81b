package dev.mljobs.local.aws;

import dev.mljobs.aws.dynamodb.TableNames;
import dev.mljobs.aws.s3.BucketNames;
import dev.mljobs.aws.sqs.QueueNames;
import dev.mljobs.aws.sqs.QueueSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * DynamoDB Local, ElasticMQ and s3proxy in this JVM, with every table, queue and bucket of mljobs
 * created, and real SDK clients pointed at them. Closing it stops all three.
 */
public final class LocalAws implements AutoCloseable {

  /** The prefix a handler falls back to with no environment: {@code mljobs-jobs}, ... */
  public static final String NAME_PREFIX = "mljobs-";

  private final DataDirLock lock; // null in memory
  private final Service<DynamoDbClient, TableNames> dynamoDb;
  private final Service<SqsClient, Map<QueueSpec, String>> sqs;
  private final Service<S3Client, BucketNames> s3;
  private final S3ObjectCreatedListeners s3Listeners;
  private final S3Presigner presigner;

  private LocalAws(
      DataDirLock lock,
      Service<DynamoDbClient, TableNames> dynamoDb,
      Service<SqsClient, Map<QueueSpec, String>> sqs,
      Service<S3Client, BucketNames> s3,
      S3ObjectCreatedListeners s3Listeners) {
    this.lock = lock;
    this.dynamoDb = dynamoDb;
    this.sqs = sqs;
    this.s3 = s3;
    this.s3Listeners = s3Listeners;
    this.presigner = LocalClients.s3Presigner(s3.server().endpoint());
  }

  /**
   * Starts the three servers side by side, each creating whatever table, queue or bucket is missing
   * on it (on a data directory, what a previous run created is kept with its contents).
   *
   * @throws IllegalStateException if a server does not start, a resource cannot be created, or
   *     another runtime uses the data directory; whatever did start is stopped again
   */
  public static LocalAws start(LocalAwsConfig config) {
    QuietLogs.apply();
    DataDirLock lock = config.persistent() ? DataDirLock.acquire(config.dataDir()) : null;
    ExecutorService threads = Executors.newFixedThreadPool(3);
    S3ObjectCreatedListeners s3Listeners = new S3ObjectCreatedListeners();
    try {
      var dynamoDb =
          CompletableFuture.supplyAsync(
              () -> LocalServices.dynamoDb(config, tableNames()), threads);
      var sqs =
          CompletableFuture.supplyAsync(() -> LocalServices.sqs(config, queueNames()), threads);
      var s3 =
          CompletableFuture.supplyAsync(
              () -> LocalServices.s3(config, bucketNames(), s3Listeners), threads);
      ParallelStart.awaitAll(List.of(dynamoDb, sqs, s3));
      return new LocalAws(lock, dynamoDb.join(), sqs.join(), s3.join(), s3Listeners);
    } catch (RuntimeException e) {
      if (lock != null) {
        lock.close();
      }
      throw e;
    } finally {
      threads.shutdown();
    }
  }

  /** The tables' physical names: {@code mljobs-jobs}, {@code mljobs-job_runs}, ... */
  public static TableNames tableNames() {
    return TableNames.withPrefix(NAME_PREFIX);
  }

  /** The queues' physical names: {@code mljobs-jobs}, {@code mljobs-jobs-dlq}. */
  public static QueueNames queueNames() {
    return QueueNames.withPrefix(NAME_PREFIX);
  }

  /** The buckets' physical names: {@code mljobs-data}, {@code mljobs-artifacts}. */
  public static BucketNames bucketNames() {
    return BucketNames.withPrefix(NAME_PREFIX);
  }

  /**
   * The URL of one of our queues.
   *
   * @throws IllegalArgumentException if {@code spec} is not in {@link dev.mljobs.aws.sqs.Queues}
   */
  public String queueUrl(QueueSpec spec) {
    String url = sqs.provisioned().get(spec);
    if (url == null) {
      throw new IllegalArgumentException("unknown queue " + spec.name());
    }
    return url;
  }

  /** A client of the local DynamoDB; closed with this. */
  public DynamoDbClient dynamoDb() {
    return dynamoDb.client();
  }

  /** A client of the local SQS; closed with this. */
  public SqsClient sqs() {
    return sqs.client();
  }

  /** A path-style client of the local S3; closed with this. */
  public S3Client s3() {
    return s3.client();
  }

  /**
   * Tells {@code listener} about every object the local S3 creates from now on (PUT, copy,
   * completed multipart upload), as S3 feeds its event notifications: the hook of {@link
   * dev.mljobs.local.events.S3Notifications}.
   */
  public void addS3Listener(S3ObjectCreatedListener listener) {
    s3Listeners.add(listener);
  }

  /** A presigner whose URLs the local S3 accepts; closed with this. */
  public S3Presigner s3Presigner() {
    return presigner;
  }

  /** DynamoDB's endpoint, for clients made elsewhere (another process, the AWS CLI). */
  public URI dynamoDbEndpoint() {
    return dynamoDb.server().endpoint();
  }

  /** SQS's endpoint. */
  public URI sqsEndpoint() {
    return sqs.server().endpoint();
  }

  /** S3's endpoint (path-style). */
  public URI s3Endpoint() {
    return s3.server().endpoint();
  }

  /**
   * Closes the clients and stops the servers; on a data directory everything stays on disk.
   *
   * @throws IllegalStateException if something did not stop cleanly (the rest is still stopped)
   */
  @Override
  public void close() {
    IllegalStateException failure = new IllegalStateException("local AWS did not stop cleanly");
    List<AutoCloseable> resources = new ArrayList<>(List.of(presigner, dynamoDb, sqs, s3));
    if (lock != null) {
      resources.add(lock);
    }
    ParallelStart.closeAll(resources, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }
}
