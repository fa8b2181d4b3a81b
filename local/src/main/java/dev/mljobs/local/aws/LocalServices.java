package dev.mljobs.local.aws;

import dev.mljobs.aws.dynamodb.TableNames;
import dev.mljobs.aws.dynamodb.TableProvisioner;
import dev.mljobs.aws.s3.BucketNames;
import dev.mljobs.aws.s3.BucketProvisioner;
import dev.mljobs.aws.sqs.QueueNames;
import dev.mljobs.aws.sqs.QueueProvisioner;
import dev.mljobs.aws.sqs.QueueSpec;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Starts each server as configured (in memory, or in its own folder of the data directory) and
 * creates our resources on it: one task per server, so that {@link LocalAws} can run them side by
 * side.
 */
final class LocalServices {

  private LocalServices() {}

  static Service<DynamoDbClient, TableNames> dynamoDb(LocalAwsConfig config, TableNames tables) {
    LocalServer server =
        config.persistent()
            ? DynamoDbLocalServer.persistent(
                config.dynamoDbPort(), config.dataDir().resolve("dynamodb"))
            : DynamoDbLocalServer.inMemory(config.dynamoDbPort());
    return Service.provision(
        server,
        LocalClients::dynamoDb,
        client -> {
          new TableProvisioner(client).ensureTables(tables);
          return tables;
        });
  }

  static Service<SqsClient, Map<QueueSpec, String>> sqs(LocalAwsConfig config, QueueNames queues) {
    LocalServer server =
        config.persistent()
            ? SqsLocalServer.persistent(config.sqsPort(), config.dataDir().resolve("sqs"))
            : SqsLocalServer.inMemory(config.sqsPort());
    return Service.provision(
        server, LocalClients::sqs, client -> new QueueProvisioner(client).ensureQueues(queues));
  }

  static Service<S3Client, BucketNames> s3(
      LocalAwsConfig config, BucketNames buckets, S3ObjectCreatedListener listener) {
    LocalServer server =
        config.persistent()
            ? S3LocalServer.persistent(config.s3Port(), config.dataDir().resolve("s3"), listener)
            : S3LocalServer.inMemory(config.s3Port(), listener);
    return Service.provision(
        server,
        LocalClients::s3,
        client -> {
          new BucketProvisioner(client).ensureBuckets(buckets);
          return buckets;
        });
  }
}
