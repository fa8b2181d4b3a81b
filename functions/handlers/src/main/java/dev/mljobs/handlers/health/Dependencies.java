package dev.mljobs.handlers.health;

import dev.mljobs.aws.dynamodb.TableNames;
import dev.mljobs.aws.s3.BucketNames;
import dev.mljobs.handlers.Wiring;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The API's dependencies and the cheapest call that proves each answers: DescribeTable of the jobs
 * table, GetQueueAttributes of the dispatch queue, HeadBucket of the data bucket and
 * DescribeStateMachine of the job lifecycle. All are reads the API's role is granted anyway.
 */
public final class Dependencies {

  /** How long one round of checks may take: API Gateway gives the whole request 30 s. */
  static final Duration DEADLINE = Duration.ofSeconds(3);

  /** How long a report is answered again before the dependencies are called again. */
  static final Duration CACHE_FOR = Duration.ofSeconds(5);

  private Dependencies() {}

  private static <T> Supplier<T> once(Supplier<T> make) {
    return new Supplier<>() {
      private T value;

      @Override
      public synchronized T get() {
        if (value == null) {
          value = make.get();
        }
        return value;
      }
    };
  }

  public static HealthChecks of(Wiring wiring) {
    var clients = wiring.clients();
    String table = TableNames.fromEnv(wiring.env()).jobs();
    String bucket = BucketNames.fromEnv(wiring.env()).data();
    String queueUrl = wiring.require("JOBS_QUEUE_URL");
    String stateMachine = wiring.require("JOB_STATE_MACHINE_ARN");
    // built on the first check, not at cold start: most invocations of the API never need them
    Supplier<SqsClient> sqs =
        once(
            () ->
                clients
                    .configure(SqsClient.builder(), "SQS")
                    .httpClient(clients.httpClient())
                    .build());
    Supplier<S3Client> s3 =
        once(
            () ->
                clients
                    .configure(S3Client.builder(), "S3")
                    .forcePathStyle(wiring.env().containsKey("AWS_ENDPOINT_URL_S3"))
                    .httpClient(clients.httpClient())
                    .build());
    Supplier<SfnClient> sfn =
        once(
            () ->
                clients
                    .configure(SfnClient.builder(), "SFN")
                    .httpClient(clients.httpClient())
                    .build());
    return new HealthChecks(
        List.of(
            new DependencyCheck(
                "dynamodb", () -> wiring.dynamo().describeTable(b -> b.tableName(table))),
            new DependencyCheck(
                "sqs",
                () ->
                    sqs.get()
                        .getQueueAttributes(
                            b ->
                                b.queueUrl(queueUrl)
                                    .attributeNames(
                                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))),
            new DependencyCheck("s3", () -> s3.get().headBucket(b -> b.bucket(bucket))),
            new DependencyCheck(
                "stepfunctions",
                () -> sfn.get().describeStateMachine(b -> b.stateMachineArn(stateMachine)))),
        DEADLINE,
        CACHE_FOR,
        wiring.clock());
  }
}
