package dev.mljobs.cdk;

import dev.mljobs.aws.dynamodb.TableSpec;
import dev.mljobs.aws.dynamodb.Tables;
import dev.mljobs.aws.s3.BucketSpec;
import dev.mljobs.aws.s3.Buckets;
import dev.mljobs.aws.sqs.QueueSpec;
import dev.mljobs.aws.sqs.Queues;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.CorsRule;
import software.amazon.awscdk.services.s3.HttpMethods;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.constructs.Construct;

/**
 * Tables, buckets and queues, each generated from its one definition in {@code functions/aws}
 * ({@link Tables}, {@link Buckets}, {@link Queues}); nothing about their keys or redrive is
 * restated here. Physical names are CloudFormation's: the functions get them as environment
 * variables.
 */
final class Data extends Construct {

  /** How long results are kept; the job item says where they were. */
  static final int RESULTS_DAYS = 30;

  final Map<TableSpec, Table> tables = new LinkedHashMap<>();
  final Map<BucketSpec, Bucket> buckets = new LinkedHashMap<>();
  final Map<QueueSpec, Queue> queues = new LinkedHashMap<>();
  final Bucket accessLogs;

  Data(Construct scope, String id, String consoleOrigin) {
    super(scope, id);
    Tables.ALL.forEach(spec -> tables.put(spec, table(spec)));
    accessLogs =
        Bucket.Builder.create(this, "AccessLogs")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .objectOwnership(ObjectOwnership.BUCKET_OWNER_PREFERRED)
            .lifecycleRules(List.of(LifecycleRule.builder().expiration(Duration.days(90)).build()))
            .removalPolicy(RemovalPolicy.RETAIN)
            .build();
    Buckets.ALL.forEach(spec -> buckets.put(spec, bucket(spec, consoleOrigin)));
    Queues.ALL.forEach(spec -> queues.put(spec, queue(spec)));
  }

  private Table table(TableSpec spec) {
    Table.Builder table =
        Table.Builder.create(this, id(spec.name()) + "Table")
            .partitionKey(attribute(spec.partitionKey()))
            .billingMode(BillingMode.PAY_PER_REQUEST)
            .pointInTimeRecoverySpecification(
                PointInTimeRecoverySpecification.builder().pointInTimeRecoveryEnabled(true).build())
            .encryption(TableEncryption.AWS_MANAGED)
            .deletionProtection(true)
            .removalPolicy(RemovalPolicy.RETAIN);
    if (spec.sortKey() != null) {
      table.sortKey(attribute(spec.sortKey()));
    }
    if (spec.ttlAttribute() != null) {
      table.timeToLiveAttribute(spec.ttlAttribute());
    }
    Table built = table.build();
    SPECS.put(built, spec);
    for (TableSpec.Index index : spec.indexes()) {
      GlobalSecondaryIndexProps.Builder gsi =
          GlobalSecondaryIndexProps.builder()
              .indexName(index.name())
              .partitionKey(attribute(index.partitionKey()))
              .sortKey(attribute(index.sortKey()));
      if (index.projectsAll()) {
        gsi.projectionType(ProjectionType.ALL);
      } else if (index.included().isEmpty()) {
        gsi.projectionType(ProjectionType.KEYS_ONLY);
      } else {
        gsi.projectionType(ProjectionType.INCLUDE).nonKeyAttributes(index.included());
      }
      built.addGlobalSecondaryIndex(gsi.build());
    }
    return built;
  }

  private static Attribute attribute(TableSpec.Key key) {
    return Attribute.builder()
        .name(key.attribute())
        .type(
            key.type() == ScalarAttributeType.N
                ? AttributeType.NUMBER
                : key.type() == ScalarAttributeType.B ? AttributeType.BINARY : AttributeType.STRING)
        .build();
  }

  private Bucket bucket(BucketSpec spec, String consoleOrigin) {
    Bucket.Builder bucket =
        Bucket.Builder.create(this, id(spec.name()) + "Bucket")
            .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
            .encryption(BucketEncryption.S3_MANAGED)
            .enforceSsl(true)
            .versioned(true)
            .serverAccessLogsBucket(accessLogs)
            .serverAccessLogsPrefix(spec.name() + "/")
            .removalPolicy(RemovalPolicy.RETAIN);
    if (spec.equals(Buckets.DATA)) {
      bucket
          .lifecycleRules(
              List.of(
                  LifecycleRule.builder()
                      .id("results")
                      .prefix(Buckets.RESULTS)
                      .expiration(Duration.days(RESULTS_DAYS))
                      .noncurrentVersionExpiration(Duration.days(1))
                      .build(),
                  LifecycleRule.builder()
                      .id("old-versions")
                      .noncurrentVersionExpiration(Duration.days(30))
                      .abortIncompleteMultipartUploadAfter(Duration.days(1))
                      .build()))
          // the console uploads straight to S3 with the presigned URLs of POST /v1/uploads
          .cors(
              List.of(
                  CorsRule.builder()
                      .allowedOrigins(List.of(consoleOrigin))
                      .allowedMethods(List.of(HttpMethods.PUT))
                      .allowedHeaders(List.of("*"))
                      .maxAge(3000)
                      .build()));
    }
    return bucket.build();
  }

  private Queue queue(QueueSpec spec) {
    Queue.Builder queue =
        Queue.Builder.create(this, id(spec.name()) + "Queue")
            .visibilityTimeout(Duration.seconds(spec.visibilityTimeout().toSeconds()))
            .retentionPeriod(Duration.seconds(spec.retention().toSeconds()))
            .encryption(QueueEncryption.SQS_MANAGED)
            .enforceSsl(true);
    if (spec.redrive() != null) {
      Queue dlq = queues.get(spec.redrive().deadLetterQueue());
      queue.deadLetterQueue(
          DeadLetterQueue.builder()
              .queue(dlq)
              .maxReceiveCount(spec.redrive().maxReceiveCount())
              .build());
    }
    return queue.build();
  }

  private static final Map<Table, TableSpec> SPECS = new java.util.IdentityHashMap<>();

  /** The definition {@code table} was made from. */
  static TableSpec specOf(Table table) {
    return SPECS.get(table);
  }

  /** {@code job_runs} → {@code JobRuns}: a construct id from a logical name. */
  static String id(String name) {
    StringBuilder id = new StringBuilder();
    for (String part : name.split("[-_]")) {
      id.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    }
    return id.toString();
  }
}
