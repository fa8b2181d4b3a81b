package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.Clock;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobPage;
import dev.mljobs.core.job.JobQuery;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobStore;
import dev.mljobs.core.job.PageCursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.Select;

/**
 * Answers a {@link JobQuery} from the most selective index, newest first. Criteria the index does
 * not cover become a filter expression; DynamoDB applies filters after its page limit, so pages are
 * read until the requested number of jobs (plus one, to know whether more exist) is found.
 */
final class JobListing {

  private final DynamoDbClient dynamo;
  private final String table;
  private final Clock clock;

  JobListing(DynamoDbClient dynamo, String table, Clock clock) {
    this.dynamo = dynamo;
    this.table = table;
    this.clock = clock;
  }

  JobPage list(JobQuery query) {
    QueryRequest request = request(query);
    List<Job> found = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response =
          dynamo.query(request.toBuilder().exclusiveStartKey(startKey).build());
      for (Map<String, AttributeValue> item : items(request, response)) {
        Job job = JobItems.fromItem(item);
        if (!job.isExpiredAt(clock.now())) {
          found.add(job);
        }
      }
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (found.size() <= query.limit() && startKey != null);
    if (found.size() <= query.limit()) {
      return new JobPage(found, null);
    }
    List<Job> page = found.subList(0, query.limit());
    return new JobPage(page, PageCursor.after(page.get(page.size() - 1)));
  }

  /** Counts from the status index (per owner or in all), page by page, stopping at upTo. */
  int count(JobStatus status, String owner, int upTo) {
    JobQuery query =
        owner == null ? JobQuery.byStatus(status) : JobQuery.byOwner(owner).withStatus(status);
    QueryRequest request =
        request(query.withLimit(JobQuery.MAX_LIMIT)).toBuilder()
            .select(Select.COUNT)
            .limit(null)
            .build();
    return countPages(request, upTo);
  }

  /**
   * Reads the running jobs' owners from the status index (keys and owner only) and counts them, in
   * all and the owner's, stopping once {@code upTo} are counted.
   */
  JobStore.Running countRunning(String owner, int upTo) {
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .indexName(Tables.BY_STATUS)
            .keyConditionExpression("#status = :running")
            .expressionAttributeNames(Map.of("#status", "status", "#owner", "owner"))
            .expressionAttributeValues(
                Map.of(":running", AttributeValue.fromS(JobStatus.RUNNING.wireName())))
            .projectionExpression("#owner")
            .build();
    int all = 0;
    int owners = 0;
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response =
          dynamo.query(request.toBuilder().exclusiveStartKey(startKey).build());
      for (Map<String, AttributeValue> item : response.items()) {
        all++;
        AttributeValue itemOwner = item.get("owner");
        owners += itemOwner != null && itemOwner.s().equals(owner) ? 1 : 0;
      }
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (all < upTo && startKey != null);
    return new JobStore.Running(Math.min(all, upTo), owners);
  }

  /** The first {@code n} queued jobs in key order, which is dispatch order; pages of keys. */
  List<JobStore.QueuedJob> queueHead(int n) {
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .indexName(Tables.BY_QUEUE)
            .keyConditionExpression("queue_pk = :queued")
            .expressionAttributeValues(Map.of(":queued", AttributeValue.fromS(JobItems.QUEUED)))
            .limit(Math.min(n, 1000))
            .build();
    List<JobStore.QueuedJob> head = new ArrayList<>();
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response =
          dynamo.query(request.toBuilder().exclusiveStartKey(startKey).build());
      for (Map<String, AttributeValue> item : response.items()) {
        if (head.size() < n) {
          AttributeValue parked = item.get("parked");
          head.add(
              new JobStore.QueuedJob(
                  java.util.UUID.fromString(item.get("job_id").s()),
                  item.get("owner").s(),
                  java.time.Instant.parse(item.get("queued_at").s()),
                  parked != null && Boolean.TRUE.equals(parked.bool())));
        }
      }
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (head.size() < n && startKey != null);
    return head;
  }

  /** Counts the keys below the job's own on the queue index: only the jobs ahead are read. */
  int countQueuedAhead(Job job, int upTo) {
    QueryRequest request =
        QueryRequest.builder()
            .tableName(table)
            .indexName(Tables.BY_QUEUE)
            .keyConditionExpression("queue_pk = :queued AND queue_sk < :mine")
            .expressionAttributeValues(
                Map.of(
                    ":queued", AttributeValue.fromS(JobItems.QUEUED),
                    ":mine", AttributeValue.fromS(JobItems.queueSortKey(job))))
            .select(Select.COUNT)
            .limit(upTo)
            .build();
    return countPages(request, upTo);
  }

  /** Sums a COUNT query page by page, stopping once {@code upTo} is reached. */
  private int countPages(QueryRequest request, int upTo) {
    int count = 0;
    Map<String, AttributeValue> startKey = null;
    do {
      QueryResponse response =
          dynamo.query(request.toBuilder().exclusiveStartKey(startKey).build());
      count += response.count();
      startKey = response.hasLastEvaluatedKey() ? response.lastEvaluatedKey() : null;
    } while (count < upTo && startKey != null);
    return Math.min(count, upTo);
  }

  /**
   * The full items of a page, in its order: a keys-only index ({@link Tables#BY_STATUS}) gives
   * keys, and the items are read from the table, a hundred at a time.
   */
  private List<Map<String, AttributeValue>> items(QueryRequest query, QueryResponse response) {
    if (!Tables.BY_STATUS.equals(query.indexName()) || response.items().isEmpty()) {
      return response.items();
    }
    Map<String, Map<String, AttributeValue>> byId = new HashMap<>();
    List<Map<String, AttributeValue>> keys =
        response.items().stream().map(i -> Map.of("job_id", i.get("job_id"))).toList();
    for (int from = 0; from < keys.size(); from += 100) {
      Map<String, KeysAndAttributes> pending =
          Map.of(
              table,
              KeysAndAttributes.builder()
                  .keys(keys.subList(from, Math.min(keys.size(), from + 100)))
                  .build());
      while (!pending.isEmpty()) {
        Map<String, KeysAndAttributes> request = pending;
        BatchGetItemResponse got = dynamo.batchGetItem(b -> b.requestItems(request));
        got.responses()
            .getOrDefault(table, List.of())
            .forEach(i -> byId.put(i.get("job_id").s(), i));
        pending = got.hasUnprocessedKeys() ? got.unprocessedKeys() : Map.of();
      }
    }
    // an item deleted (expired) between the two reads is left out
    return response.items().stream()
        .map(i -> byId.get(i.get("job_id").s()))
        .filter(java.util.Objects::nonNull)
        .toList();
  }

  private QueryRequest request(JobQuery q) {
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    Anchor anchor = anchor(q);
    names.put("#pk", anchor.attribute());
    values.put(":pk", AttributeValue.fromS(anchor.value()));
    String keyCondition = "#pk = :pk";
    if (q.cursor() != null) {
      keyCondition += " AND #sk < :after";
      names.put("#sk", Tables.CREATED_SK);
      values.put(":after", AttributeValue.fromS(q.cursor().sortKey()));
    }
    List<String> filters = new ArrayList<>();
    filter(filters, names, values, "owner", q.owner(), anchor);
    filter(
        filters,
        names,
        values,
        "status",
        q.status() == null ? null : q.status().wireName(),
        anchor);
    filter(filters, names, values, "job_type", q.jobType(), anchor);
    filter(filters, names, values, "group_id", q.groupId(), anchor);
    filter(filters, names, values, "template_id", q.templateId(), anchor);
    filter(filters, names, values, "schedule_id", q.scheduleId(), anchor);
    if (!anchor.index().equals(Tables.BY_STATUS)) {
      // Coarse: drops jobs that certainly expired; the exact instant is checked on each job read.
      // The status index holds keys only and cannot filter: its jobs are checked once read.
      names.put("#expires", "expires_at");
      values.put(":now", AttributeValue.fromN(Long.toString(clock.now().getEpochSecond())));
      filters.add("(attribute_not_exists(#expires) OR #expires > :now)");
    }
    return QueryRequest.builder()
        .tableName(table)
        .indexName(anchor.index())
        .keyConditionExpression(keyCondition)
        .filterExpression(filters.isEmpty() ? null : String.join(" AND ", filters))
        .expressionAttributeNames(names)
        .expressionAttributeValues(values)
        .scanIndexForward(false)
        .limit(q.limit() + 1)
        .build();
  }

  private static void filter(
      List<String> filters,
      Map<String, String> names,
      Map<String, AttributeValue> values,
      String attribute,
      String value,
      Anchor anchor) {
    if (value == null || anchor.covers().contains(attribute)) {
      return;
    }
    names.put("#" + attribute, attribute);
    values.put(":" + attribute, AttributeValue.fromS(value));
    filters.add("#" + attribute + " = :" + attribute);
  }

  /** The index a query reads, its partition key value, and which criteria that key covers. */
  private record Anchor(String index, String attribute, String value, List<String> covers) {}

  private static Anchor anchor(JobQuery q) {
    if (q.groupId() != null) {
      return new Anchor(Tables.BY_GROUP, "group_id", q.groupId(), List.of("group_id"));
    }
    if (q.templateId() != null) {
      return new Anchor(Tables.BY_TEMPLATE, "template_id", q.templateId(), List.of("template_id"));
    }
    if (q.scheduleId() != null) {
      return new Anchor(Tables.BY_SCHEDULE, "schedule_id", q.scheduleId(), List.of("schedule_id"));
    }
    if (q.owner() != null && q.status() != null) {
      return new Anchor(
          Tables.BY_OWNER_STATUS,
          "owner_status",
          q.owner() + "#" + q.status().wireName(),
          List.of("owner", "status"));
    }
    if (q.owner() != null && q.jobType() != null) {
      return new Anchor(
          Tables.BY_OWNER_TYPE,
          "owner_type",
          q.owner() + "#" + q.jobType(),
          List.of("owner", "job_type"));
    }
    if (q.owner() != null) {
      return new Anchor(Tables.BY_OWNER, "owner", q.owner(), List.of("owner"));
    }
    if (q.jobType() != null) {
      // the status index holds keys only: it cannot filter on anything else
      throw new IllegalArgumentException("a query across owners may name only a status");
    }
    return new Anchor(Tables.BY_STATUS, "status", q.status().wireName(), List.of("status"));
  }
}
