package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.ListCursor;
import dev.mljobs.core.schedule.Firing;
import dev.mljobs.core.schedule.FiringLedger;
import dev.mljobs.core.schedule.FiringOutcome;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * {@link FiringLedger} on DynamoDB: one item per (schedule_id, scheduled_time), written once with
 * {@code attribute_not_exists}, so the first outcome of a fire time stands.
 */
public final class DynamoDbFiringLedger implements FiringLedger {

  /** Fixed width, so that the sort key orders as text exactly as the instants order. */
  private static final DateTimeFormatter SORTABLE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSSSSS'Z'").withZone(ZoneOffset.UTC);

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbFiringLedger(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = dynamo;
    this.table = tables.scheduleFirings();
  }

  @Override
  public Firing record(Firing firing) {
    Map<String, AttributeValue> item =
        Attributes.writer()
            .s("schedule_id", firing.scheduleId())
            .s("scheduled_time", SORTABLE.format(firing.scheduledTime()))
            .s("outcome", firing.outcome().wireName())
            .s("job_id", firing.jobId())
            .s("manual", Boolean.toString(firing.manual()))
            .s("recorded_at", firing.recordedAt())
            .item();
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(item)
                  .conditionExpression("attribute_not_exists(scheduled_time)"));
      return firing;
    } catch (ConditionalCheckFailedException recordedFirst) {
      return find(firing.scheduleId(), firing.scheduledTime())
          .orElseThrow(() -> new IllegalStateException("firing vanished", recordedFirst));
    }
  }

  @Override
  public Optional<Firing> find(String scheduleId, Instant scheduledTime) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table)
                        .key(
                            Map.of(
                                "schedule_id",
                                AttributeValue.fromS(scheduleId),
                                "scheduled_time",
                                AttributeValue.fromS(SORTABLE.format(scheduledTime))))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public Page list(String scheduleId, ListCursor after, int limit) {
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":id", AttributeValue.fromS(scheduleId));
    String condition = "schedule_id = :id";
    if (after != null) {
      condition += " AND scheduled_time < :after";
      values.put(":after", AttributeValue.fromS(SORTABLE.format(after.at())));
    }
    String keyCondition = condition;
    QueryResponse response =
        dynamo.query(
            b ->
                b.tableName(table)
                    .keyConditionExpression(keyCondition)
                    .expressionAttributeValues(values)
                    .scanIndexForward(false)
                    .consistentRead(true)
                    .limit(limit + 1));
    List<Firing> found = response.items().stream().map(DynamoDbFiringLedger::fromItem).toList();
    if (found.size() <= limit) {
      return new Page(found, null);
    }
    List<Firing> page = found.subList(0, limit);
    return new Page(page, new ListCursor(page.get(limit - 1).scheduledTime(), scheduleId));
  }

  private static Firing fromItem(Map<String, AttributeValue> item) {
    Attributes a = Attributes.reader(item);
    String jobId = a.s("job_id");
    return new Firing(
        a.s("schedule_id"),
        Instant.from(SORTABLE.parse(a.s("scheduled_time"))),
        FiringOutcome.fromWire(a.s("outcome")),
        jobId == null ? null : UUID.fromString(jobId),
        Boolean.parseBoolean(a.s("manual")),
        a.instant("recorded_at"));
  }
}
