package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.ListCursor;
import dev.mljobs.core.trigger.Trigger;
import dev.mljobs.core.trigger.TriggerCounts;
import dev.mljobs.core.trigger.TriggerJob;
import dev.mljobs.core.trigger.TriggerJobPage;
import dev.mljobs.core.trigger.TriggerNotFoundException;
import dev.mljobs.core.trigger.TriggerStore;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * {@link TriggerStore} on DynamoDB: a trigger is one item of {@link Tables#TRIGGERS} whose counts
 * are counters (a settings change never rewrites them); each job a trigger made is one item of
 * {@link Tables#TRIGGER_JOBS}, written in one transaction with the counters, under a condition that
 * makes the second write of an object version change nothing.
 */
public final class DynamoDbTriggerStore implements TriggerStore {

  private final DynamoDbClient dynamo;
  private final String triggers;
  private final String jobs;

  public DynamoDbTriggerStore(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = dynamo;
    this.triggers = tables.triggers();
    this.jobs = tables.triggerJobs();
  }

  @Override
  public Trigger create(Trigger t) {
    Map<String, AttributeValue> item = new HashMap<>(settings(t));
    item.put("owner", AttributeValue.fromS(t.owner()));
    item.put("trigger_id", AttributeValue.fromS(t.triggerId()));
    item.put("created_at", AttributeValue.fromS(t.createdAt().toString()));
    item.put("objects_seen", AttributeValue.fromN("0"));
    item.put("jobs_created", AttributeValue.fromN("0"));
    dynamo.putItem(
        b ->
            b.tableName(triggers)
                .item(item)
                .conditionExpression("attribute_not_exists(trigger_id)"));
    return find(t.owner(), t.triggerId()).orElseThrow();
  }

  @Override
  public Optional<Trigger> find(String owner, String triggerId) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(b -> b.tableName(triggers).key(key(owner, triggerId)).consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public List<Trigger> list(String owner) {
    List<Trigger> found = new ArrayList<>();
    dynamo
        .queryPaginator(
            b ->
                b.tableName(triggers)
                    .keyConditionExpression("#o = :o")
                    .expressionAttributeNames(Map.of("#o", "owner"))
                    .expressionAttributeValues(Map.of(":o", AttributeValue.fromS(owner)))
                    .consistentRead(true))
        .items()
        .forEach(i -> found.add(fromItem(i)));
    found.sort(
        java.util.Comparator.comparing(Trigger::createdAt).thenComparing(Trigger::triggerId));
    return found;
  }

  @Override
  public Trigger update(Trigger t) {
    Map<String, AttributeValue> values = new HashMap<>();
    Map<String, String> names = new HashMap<>();
    List<String> sets = new ArrayList<>();
    settings(t)
        .forEach(
            (name, value) -> {
              names.put("#" + name, name);
              values.put(":" + name, value);
              sets.add("#" + name + " = :" + name);
            });
    String remove = t.suffixes().isEmpty() ? " REMOVE suffixes" : "";
    try {
      dynamo.updateItem(
          b ->
              b.tableName(triggers)
                  .key(key(t.owner(), t.triggerId()))
                  .updateExpression("SET " + String.join(", ", sets) + remove)
                  .conditionExpression("attribute_exists(trigger_id)")
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values));
    } catch (ConditionalCheckFailedException e) {
      throw new TriggerNotFoundException(t.triggerId());
    }
    return find(t.owner(), t.triggerId()).orElseThrow();
  }

  @Override
  public boolean delete(String owner, String triggerId) {
    var old =
        dynamo.deleteItem(
            b ->
                b.tableName(triggers)
                    .key(key(owner, triggerId))
                    .returnValues(
                        software.amazon.awssdk.services.dynamodb.model.ReturnValue.ALL_OLD));
    if (!old.hasAttributes() || old.attributes().isEmpty()) {
      return false;
    }
    dynamo
        .queryPaginator(
            b ->
                b.tableName(jobs)
                    .keyConditionExpression("trigger_id = :t")
                    .expressionAttributeValues(Map.of(":t", AttributeValue.fromS(triggerId))))
        .items()
        .forEach(
            i ->
                dynamo.deleteItem(
                    d ->
                        d.tableName(jobs)
                            .key(
                                Map.of(
                                    "trigger_id",
                                    i.get("trigger_id"),
                                    "object_id",
                                    i.get("object_id")))));
    return true;
  }

  @Override
  public boolean seen(String triggerId, String objectId) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(jobs)
                        .key(
                            Map.of(
                                "trigger_id", AttributeValue.fromS(triggerId),
                                "object_id", AttributeValue.fromS(objectId)))
                        .consistentRead(true))
            .item();
    return item != null && !item.isEmpty();
  }

  @Override
  public boolean record(TriggerJob j) {
    Map<String, AttributeValue> item =
        Attributes.writer()
            .s("trigger_id", j.triggerId())
            .s("object_id", j.objectId())
            .s("owner", j.owner())
            .s("job_id", j.jobId())
            .s("created_at", j.createdAt())
            .s(Tables.CREATED_SK, ListCursor.sortKey(j.createdAt(), j.jobId().toString()))
            .s("source_uri", j.sourceUri())
            .s("source_etag", j.sourceEtag())
            .item();
    try {
      TransactWriteItem put =
          TransactWriteItem.builder()
              .put(
                  p ->
                      p.tableName(jobs)
                          .item(item)
                          .conditionExpression("attribute_not_exists(object_id)"))
              .build();
      TransactWriteItem count =
          TransactWriteItem.builder()
              .update(
                  u ->
                      u.tableName(triggers)
                          .key(key(j.owner(), j.triggerId()))
                          .updateExpression("ADD objects_seen :one, jobs_created :one")
                          .conditionExpression("attribute_exists(trigger_id)")
                          .expressionAttributeValues(Map.of(":one", AttributeValue.fromN("1"))))
              .build();
      dynamo.transactWriteItems(b -> b.transactItems(put, count));
      return true;
    } catch (TransactionCanceledException e) {
      // recorded before, or the trigger was deleted meanwhile: either way nothing to count
      return false;
    }
  }

  @Override
  public TriggerJobPage jobs(String owner, String triggerId, ListCursor cursor, int limit) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":t", AttributeValue.fromS(triggerId));
    String condition = "trigger_id = :t";
    if (cursor != null) {
      condition += " AND #sk < :after";
      values.put(":after", AttributeValue.fromS(cursor.sortKey()));
    }
    String keyCondition = condition;
    Map<String, String> names = cursor == null ? null : Map.of("#sk", Tables.CREATED_SK);
    QueryResponse response =
        dynamo.query(
            b ->
                b.tableName(jobs)
                    .indexName(Tables.BY_TRIGGER)
                    .keyConditionExpression(keyCondition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(limit + 1));
    List<TriggerJob> found = new ArrayList<>();
    for (Map<String, AttributeValue> i : response.items()) {
      Attributes a = Attributes.reader(i);
      if (owner.equals(a.s("owner"))) {
        found.add(
            new TriggerJob(
                a.s("trigger_id"),
                a.s("owner"),
                a.s("object_id"),
                UUID.fromString(a.s("job_id")),
                a.instant("created_at"),
                a.s("source_uri"),
                a.s("source_etag")));
      }
    }
    if (found.size() <= limit) {
      return new TriggerJobPage(found, null);
    }
    List<TriggerJob> page = found.subList(0, limit);
    TriggerJob last = page.get(limit - 1);
    return new TriggerJobPage(page, new ListCursor(last.createdAt(), last.jobId().toString()));
  }

  private static Map<String, AttributeValue> key(String owner, String triggerId) {
    return Map.of(
        "owner", AttributeValue.fromS(owner), "trigger_id", AttributeValue.fromS(triggerId));
  }

  /** What a settings change writes: everything but the keys, the creation time and the counts. */
  private static Map<String, AttributeValue> settings(Trigger t) {
    Attributes w =
        Attributes.writer()
            .s("name", t.name())
            .s("template_id", t.templateId())
            .s("prefix", t.prefix())
            .s("updated_at", t.updatedAt());
    Map<String, AttributeValue> item = new HashMap<>(w.item());
    // an empty string is a valid key prefix; DynamoDB stores it as any other string
    item.put("prefix", AttributeValue.fromS(t.prefix()));
    item.put("enabled", AttributeValue.fromBool(t.enabled()));
    if (!t.suffixes().isEmpty()) {
      item.put(
          "suffixes",
          AttributeValue.fromL(t.suffixes().stream().map(AttributeValue::fromS).toList()));
    }
    return item;
  }

  private static Trigger fromItem(Map<String, AttributeValue> item) {
    Attributes a = Attributes.reader(item);
    List<String> suffixes =
        item.containsKey("suffixes")
            ? item.get("suffixes").l().stream().map(AttributeValue::s).toList()
            : List.of();
    return new Trigger(
        a.s("trigger_id"),
        a.s("owner"),
        a.s("name"),
        a.s("template_id"),
        item.containsKey("prefix") ? item.get("prefix").s() : "",
        suffixes,
        item.get("enabled").bool(),
        a.instant("created_at"),
        a.instant("updated_at"),
        new TriggerCounts(a.number("objects_seen"), a.number("jobs_created")));
  }
}
