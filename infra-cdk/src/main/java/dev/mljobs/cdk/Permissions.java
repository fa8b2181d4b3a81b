package dev.mljobs.cdk;

import java.util.ArrayList;
import java.util.List;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.sqs.Queue;

/**
 * The IAM statements the functions are given, each naming exactly the actions the adapters of
 * {@code functions/aws} call (DynamoDbJobStore & co., SqsJobQueue, S3BlobStore,
 * StepFunctionsWorkflows) on exactly the resources they touch. Written out rather than CDK's {@code
 * grantReadWriteData}, which also grants Scan, BatchWriteItem and DescribeTable that no adapter
 * calls.
 */
final class Permissions {

  /** GetItem, Query (tables and indexes), BatchGetItem: the stores' reads. */
  static final List<String> TABLE_READ =
      List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");

  /** The stores' writes: puts, conditional updates, deletes and transactions of those. */
  static final List<String> TABLE_WRITE =
      List.of(
          "dynamodb:PutItem",
          "dynamodb:UpdateItem",
          "dynamodb:DeleteItem",
          "dynamodb:ConditionCheckItem");

  private Permissions() {}

  static PolicyStatement readWrite(Table... tables) {
    List<String> actions = new ArrayList<>(TABLE_READ);
    actions.addAll(TABLE_WRITE);
    return tables(actions, tables);
  }

  static PolicyStatement read(Table... tables) {
    return tables(TABLE_READ, tables);
  }

  private static PolicyStatement tables(List<String> actions, Table... tables) {
    List<String> resources = new ArrayList<>();
    for (Table table : tables) {
      resources.add(table.getTableArn());
      // each index by name (Query on an index is authorised on the index's ARN)
      Data.specOf(table)
          .indexes()
          .forEach(i -> resources.add(table.getTableArn() + "/index/" + i.name()));
    }
    return PolicyStatement.Builder.create().actions(actions).resources(resources).build();
  }

  static PolicyStatement send(Queue... queues) {
    List<String> resources = new ArrayList<>();
    for (Queue queue : queues) {
      resources.add(queue.getQueueArn());
    }
    return PolicyStatement.Builder.create()
        .actions(List.of("sqs:SendMessage"))
        .resources(resources)
        .build();
  }

  /** Objects under {@code prefixes} of {@code bucket}, for {@code actions}. */
  static PolicyStatement objects(Bucket bucket, List<String> actions, String... prefixes) {
    List<String> resources = new ArrayList<>();
    for (String prefix : prefixes) {
      resources.add(bucket.arnForObjects(prefix + "*"));
    }
    return PolicyStatement.Builder.create().actions(actions).resources(resources).build();
  }

  /** Listing {@code bucket} (the result pages, the worker's input folders). */
  static PolicyStatement list(Bucket bucket) {
    return PolicyStatement.Builder.create()
        .actions(List.of("s3:ListBucket"))
        .resources(List.of(bucket.getBucketArn()))
        .build();
  }
}
