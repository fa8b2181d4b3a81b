package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.Clock;
import dev.mljobs.core.KeyLimits;
import dev.mljobs.core.job.Callback;
import dev.mljobs.core.job.ConcurrentJobModificationException;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobNotFoundException;
import dev.mljobs.core.job.JobPage;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.core.job.TerminalJobException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.ReturnValuesOnConditionCheckFailure;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.Update;

/**
 * {@link JobStore} on DynamoDB. Optimistic locking and terminal immutability are condition
 * expressions, so DynamoDB itself refuses a stale write or a write to a finished job, whoever sends
 * it. An idempotency key is a second item written in the same transaction as its job.
 */
public final class DynamoDbJobStore implements JobStore {

  /** Write only if the stored job is at the version read and not terminal. */
  static final String WRITABLE =
      "attribute_exists(job_id) AND #version = :expected"
          + " AND NOT (#status IN (:completed, :failed, :cancelled, :skipped))";

  private static final String CONDITION_FAILED = "ConditionalCheckFailed";
  private static final int MAX_CREATE_TRIES = 3;

  private final DynamoDbClient dynamo;
  private final TableNames tables;
  private final Clock clock;
  private final JobListing listing;

  public DynamoDbJobStore(DynamoDbClient dynamo, TableNames tables, Clock clock) {
    this.dynamo = dynamo;
    this.tables = tables;
    this.clock = clock;
    this.listing = new JobListing(dynamo, tables.jobs(), clock);
  }

  @Override
  public Created create(Job job) {
    if (job.version() != 0) {
      throw new IllegalArgumentException("a new job must have version 0, got " + job.version());
    }
    Job stored = job.toBuilder().version(1).build();
    Put putJob =
        Put.builder()
            .tableName(tables.jobs())
            .item(JobItems.toItem(stored))
            .conditionExpression("attribute_not_exists(job_id)")
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    if (job.idempotencyKey() == null) {
      try {
        dynamo.putItem(single(putJob));
        return new Created(stored, true);
      } catch (ConditionalCheckFailedException e) {
        throw new ConcurrentJobModificationException(job.jobId(), 0);
      }
    }
    for (int attempt = 0; attempt < MAX_CREATE_TRIES; attempt++) {
      Optional<Created> outcome = createWithKey(putJob, stored);
      if (outcome.isPresent()) {
        return outcome.get();
      }
    }
    throw new IllegalStateException(
        "idempotency key of job " + job.jobId() + " kept changing hands; try again");
  }

  /** One try; empty when a stale key was cleared and the create must be tried again. */
  private Optional<Created> createWithKey(Put putJob, Job stored) {
    Map<String, AttributeValue> keyItem =
        Attributes.writer()
            .s("owner", stored.owner())
            .s("idempotency_key", stored.idempotencyKey())
            .s("job_id", stored.jobId())
            .item();
    Put putKey =
        Put.builder()
            .tableName(tables.idempotencyKeys())
            .item(keyItem)
            .conditionExpression("attribute_not_exists(idempotency_key)")
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    try {
      dynamo.transactWriteItems(
          b ->
              b.transactItems(
                  TransactWriteItem.builder().put(putJob).build(),
                  TransactWriteItem.builder().put(putKey).build()));
      return Optional.of(new Created(stored, true));
    } catch (TransactionCanceledException e) {
      List<CancellationReason> reasons = e.cancellationReasons();
      if (CONDITION_FAILED.equals(reasons.get(0).code())) {
        throw new ConcurrentJobModificationException(stored.jobId(), 0);
      }
      if (!CONDITION_FAILED.equals(reasons.get(1).code())) {
        throw e;
      }
      String holder = reasons.get(1).item().get("job_id").s();
      Optional<Job> existing = find(UUID.fromString(holder));
      if (existing.isPresent()) {
        return Optional.of(new Created(existing.get(), false));
      }
      releaseStaleKey(stored, holder);
      return Optional.empty();
    }
  }

  /** The job that held the key has expired: free the key, unless someone else just took it. */
  private void releaseStaleKey(Job job, String holder) {
    try {
      dynamo.deleteItem(
          b ->
              b.tableName(tables.idempotencyKeys())
                  .key(keyOf(job.owner(), job.idempotencyKey()))
                  .conditionExpression("job_id = :holder")
                  .expressionAttributeValues(Map.of(":holder", AttributeValue.fromS(holder))));
    } catch (ConditionalCheckFailedException takenMeanwhile) {
      // the next try reads the new holder
    }
  }

  @Override
  public Optional<Job> find(UUID jobId) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(tables.jobs())
                        .key(Map.of("job_id", AttributeValue.fromS(jobId.toString())))
                        .consistentRead(true))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(JobItems.fromItem(item)).filter(j -> !j.isExpiredAt(clock.now()));
  }

  @Override
  public Job update(Job job) {
    Job next = job.toBuilder().version(job.version() + 1).build();
    Map<String, String> names = Map.of("#version", "version", "#status", "status");
    Map<String, AttributeValue> values =
        Map.of(
            ":expected", AttributeValue.fromN(Long.toString(job.version())),
            ":completed", AttributeValue.fromS("completed"),
            ":failed", AttributeValue.fromS("failed"),
            ":cancelled", AttributeValue.fromS("cancelled"),
            ":skipped", AttributeValue.fromS("skipped"));
    Put put =
        Put.builder()
            .tableName(tables.jobs())
            .item(JobItems.toItem(next))
            .conditionExpression(WRITABLE)
            .expressionAttributeNames(names)
            .expressionAttributeValues(values)
            .returnValuesOnConditionCheckFailure(ReturnValuesOnConditionCheckFailure.ALL_OLD)
            .build();
    try {
      if (next.isTerminal() && next.idempotencyKey() != null) {
        dynamo.transactWriteItems(
            b ->
                b.transactItems(
                    TransactWriteItem.builder().put(put).build(),
                    TransactWriteItem.builder().update(expireKeyWith(next)).build()));
      } else {
        dynamo.putItem(single(put));
      }
      return next;
    } catch (ConditionalCheckFailedException e) {
      throw refusal(job, e.item());
    } catch (TransactionCanceledException e) {
      CancellationReason reason = e.cancellationReasons().get(0);
      if (!CONDITION_FAILED.equals(reason.code())) {
        throw e;
      }
      throw refusal(job, reason.item());
    }
  }

  private static PutItemRequest single(Put put) {
    return PutItemRequest.builder()
        .tableName(put.tableName())
        .item(put.item())
        .conditionExpression(put.conditionExpression())
        .expressionAttributeNames(put.expressionAttributeNames())
        .expressionAttributeValues(put.expressionAttributeValues())
        .returnValuesOnConditionCheckFailure(put.returnValuesOnConditionCheckFailureAsString())
        .build();
  }

  /** The key item expires with its job, so that the key is remembered exactly as long. */
  private Update expireKeyWith(Job job) {
    return Update.builder()
        .tableName(tables.idempotencyKeys())
        .key(keyOf(job.owner(), job.idempotencyKey()))
        .updateExpression("SET expires_at = :expires")
        .conditionExpression("job_id = :job")
        .expressionAttributeValues(
            Map.of(
                ":expires",
                AttributeValue.fromN(Long.toString(JobItems.ttlSeconds(job.expiresAt()))),
                ":job",
                AttributeValue.fromS(job.jobId().toString())))
        .build();
  }

  /** Why DynamoDB refused the write, judged from the item as it was stored. */
  private static RuntimeException refusal(Job job, Map<String, AttributeValue> old) {
    if (old == null || old.isEmpty()) {
      return new JobNotFoundException(job.jobId());
    }
    Job stored = JobItems.fromItem(old);
    if (stored.isTerminal()) {
      return new TerminalJobException(job.jobId(), stored.status());
    }
    return new ConcurrentJobModificationException(job.jobId(), job.version());
  }

  /**
   * One UpdateItem of the callback attribute alone, conditional on the job being terminal, the
   * stored callback still pending (a delivered or failed one is settled for good, whichever try
   * chain writes after it) and its attempts not being ahead: the version stays, so no lifecycle
   * write is disturbed (none comes after a terminal one anyway).
   */
  @Override
  public boolean recordCallback(UUID jobId, Callback callback) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(tables.jobs())
                  .key(Map.of("job_id", AttributeValue.fromS(jobId.toString())))
                  .updateExpression("SET #callback = :callback")
                  .conditionExpression(
                      "attribute_exists(job_id)"
                          + " AND #status IN (:completed, :failed, :cancelled, :skipped)"
                          + " AND (attribute_not_exists(#callback.attempts)"
                          + " OR (#callback.attempts <= :attempts"
                          + " AND #callback.#status = :pending))")
                  .expressionAttributeNames(
                      Map.of("#callback", JobItems.CALLBACK, "#status", "status"))
                  .expressionAttributeValues(
                      Map.of(
                          ":callback", JobItems.callback(callback),
                          ":attempts", AttributeValue.fromN(Integer.toString(callback.attempts())),
                          ":completed", AttributeValue.fromS("completed"),
                          ":failed", AttributeValue.fromS("failed"),
                          ":cancelled", AttributeValue.fromS("cancelled"),
                          ":skipped", AttributeValue.fromS("skipped"),
                          ":pending", AttributeValue.fromS(Callback.Status.PENDING.wireName())))
                  .returnValuesOnConditionCheckFailure(
                      ReturnValuesOnConditionCheckFailure.ALL_OLD));
      return true;
    } catch (ConditionalCheckFailedException e) {
      Map<String, AttributeValue> old = e.item();
      if (old == null || old.isEmpty()) {
        throw new JobNotFoundException(jobId);
      }
      if (!JobItems.fromItem(old).isTerminal()) {
        throw new IllegalArgumentException("job " + jobId + " is not terminal");
      }
      return false;
    }
  }

  @Override
  public JobPage list(JobQuery query) {
    return listing.list(query);
  }

  @Override
  public int count(JobStatus status, String owner, int upTo) {
    return listing.count(status, owner, upTo);
  }

  @Override
  public List<QueuedJob> queueHead(int n) {
    return listing.queueHead(n);
  }

  /** Sets {@code parked} without a new version: the job's next write (any) drops the mark. */
  @Override
  public void park(UUID jobId) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(tables.jobs())
                  .key(Map.of("job_id", AttributeValue.fromS(jobId.toString())))
                  .updateExpression("SET parked = :yes")
                  .conditionExpression("#status = :queued")
                  .expressionAttributeNames(Map.of("#status", "status"))
                  .expressionAttributeValues(
                      Map.of(
                          ":yes", AttributeValue.fromBool(true),
                          ":queued", AttributeValue.fromS(JobStatus.QUEUED.wireName()))));
    } catch (ConditionalCheckFailedException notQueued) {
      // started, cancelled or gone meanwhile: nothing to park
    }
  }

  @Override
  public Running countRunning(String owner, int upTo) {
    return listing.countRunning(owner, upTo);
  }

  @Override
  public int countQueuedAhead(Job job, int upTo) {
    return listing.countQueuedAhead(job, upTo);
  }

  @Override
  public Optional<Job> findByIdempotencyKey(String owner, String idempotencyKey) {
    if (!KeyLimits.fits(owner, KeyLimits.PARTITION_KEY_BYTES)
        || !KeyLimits.fits(idempotencyKey, KeyLimits.IDEMPOTENCY_KEY_BYTES)) {
      return Optional.empty(); // DynamoDB would refuse the key: no job was ever stored under it
    }
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(tables.idempotencyKeys())
                        .key(keyOf(owner, idempotencyKey))
                        .consistentRead(true))
            .item();
    if (item == null || item.isEmpty()) {
      return Optional.empty();
    }
    return find(UUID.fromString(item.get("job_id").s()));
  }

  private static Map<String, AttributeValue> keyOf(String owner, String idempotencyKey) {
    return Map.of(
        "owner", AttributeValue.fromS(owner),
        "idempotency_key", AttributeValue.fromS(idempotencyKey));
  }
}
