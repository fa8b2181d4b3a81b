package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.ListCursor;
import dev.mljobs.core.schedule.CatchUp;
import dev.mljobs.core.schedule.ConcurrentScheduleModificationException;
import dev.mljobs.core.schedule.OverlapPolicy;
import dev.mljobs.core.schedule.Schedule;
import dev.mljobs.core.schedule.ScheduleExpression;
import dev.mljobs.core.schedule.SchedulePage;
import dev.mljobs.core.schedule.ScheduleStore;
import dev.mljobs.core.schedule.ScheduleTimeZone;
import dev.mljobs.core.schedule.ScheduleWindow;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link ScheduleStore} on DynamoDB: one item per schedule, keyed by id; an owner's schedules are
 * listed from the {@code by_owner} index. Every write is conditional on the version read.
 */
public final class DynamoDbScheduleStore implements ScheduleStore {

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbScheduleStore(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = dynamo;
    this.table = tables.schedules();
  }

  @Override
  public Schedule create(Schedule schedule) {
    if (schedule.version() != 0) {
      throw new IllegalArgumentException("a new schedule has version 0");
    }
    Schedule stored = schedule.atVersion(1);
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(toItem(stored))
                  .conditionExpression("attribute_not_exists(schedule_id)"));
    } catch (ConditionalCheckFailedException e) {
      throw new ConcurrentScheduleModificationException(schedule.scheduleId());
    }
    return stored;
  }

  @Override
  public Optional<Schedule> find(String scheduleId) {
    Map<String, AttributeValue> item =
        dynamo.getItem(b -> b.tableName(table).key(key(scheduleId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public Schedule update(Schedule schedule) {
    Schedule stored = schedule.atVersion(schedule.version() + 1);
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(toItem(stored))
                  .conditionExpression("version = :read")
                  .expressionAttributeValues(
                      Map.of(":read", AttributeValue.fromN(Long.toString(schedule.version())))));
    } catch (ConditionalCheckFailedException e) {
      throw new ConcurrentScheduleModificationException(schedule.scheduleId());
    }
    return stored;
  }

  @Override
  public List<Schedule> dueBefore(Instant instant) {
    // next_trigger_at is ISO-8601 UTC text: text order is time order only at equal width, so the
    // comparison is made on the instants rather than in a filter expression
    return dynamo
        .scanPaginator(
            b ->
                b.tableName(table)
                    .filterExpression("#state = :enabled AND attribute_exists(next_trigger_at)")
                    .expressionAttributeNames(Map.of("#state", "state"))
                    .expressionAttributeValues(Map.of(":enabled", AttributeValue.fromS("enabled")))
                    .consistentRead(true))
        .items()
        .stream()
        .map(DynamoDbScheduleStore::fromItem)
        .filter(s -> s.nextTriggerAt().isBefore(instant))
        .toList();
  }

  @Override
  public void delete(String scheduleId) {
    dynamo.deleteItem(b -> b.tableName(table).key(key(scheduleId)));
  }

  @Override
  public SchedulePage list(String owner, ListCursor after, int limit) {
    Map<String, String> names = new HashMap<>(Map.of("#owner", "owner"));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":owner", AttributeValue.fromS(owner));
    String condition = "#owner = :owner";
    if (after != null) {
      condition += " AND #sk < :after";
      names.put("#sk", Tables.CREATED_SK);
      values.put(":after", AttributeValue.fromS(after.sortKey()));
    }
    String keyCondition = condition;
    QueryResponse response =
        dynamo.query(
            b ->
                b.tableName(table)
                    .indexName(Tables.BY_OWNER)
                    .keyConditionExpression(keyCondition)
                    .expressionAttributeNames(names)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .limit(limit + 1));
    List<Schedule> found = response.items().stream().map(DynamoDbScheduleStore::fromItem).toList();
    if (found.size() <= limit) {
      return new SchedulePage(found, null);
    }
    List<Schedule> page = found.subList(0, limit);
    Schedule last = page.get(limit - 1);
    return new SchedulePage(page, new ListCursor(last.createdAt(), last.scheduleId()));
  }

  private static Map<String, AttributeValue> key(String scheduleId) {
    return Map.of("schedule_id", AttributeValue.fromS(scheduleId));
  }

  private static Map<String, AttributeValue> toItem(Schedule s) {
    return Attributes.writer()
        .s("schedule_id", s.scheduleId())
        .s("name", s.name())
        .s("template_id", s.templateId())
        .s("expression", s.expression().expression())
        .s("timezone", s.timezone().id())
        .s("start_at", s.window().startDate().orElse(null))
        .s("end_at", s.window().endDate().orElse(null))
        .s("state", s.enabled() ? "enabled" : "disabled")
        .json("param_overrides", s.paramOverrides())
        .s("description", s.description())
        .s("overlap_policy", s.overlapPolicy().wireName())
        .s("catchup_policy", s.catchUp().policy().wireName())
        .n("catchup_max", s.catchUp().max())
        .s("note", s.note())
        .s("owner", s.owner())
        .s("created_at", s.createdAt())
        .s("updated_at", s.updatedAt())
        .s("last_triggered_at", s.lastTriggeredAt())
        .s("next_trigger_at", s.nextTriggerAt())
        .n("version", s.version())
        .s(Tables.CREATED_SK, ListCursor.sortKey(s.createdAt(), s.scheduleId()))
        .item();
  }

  private static Schedule fromItem(Map<String, AttributeValue> item) {
    Attributes a = Attributes.reader(item);
    return new Schedule(
        a.s("schedule_id"),
        a.s("name"),
        a.s("template_id"),
        ScheduleExpression.parse(a.s("expression")),
        new ScheduleTimeZone(a.s("timezone")),
        new ScheduleWindow(
            Optional.ofNullable(a.instant("start_at")), Optional.ofNullable(a.instant("end_at"))),
        "enabled".equals(a.s("state")),
        a.object("param_overrides"),
        a.s("description"),
        OverlapPolicy.fromWire(a.s("overlap_policy")),
        CatchUp.of(a.s("catchup_policy"), a.integer("catchup_max")),
        a.s("note"),
        a.s("owner"),
        a.instant("created_at"),
        a.instant("updated_at"),
        a.instant("last_triggered_at"),
        a.instant("next_trigger_at"),
        a.number("version"));
  }
}
