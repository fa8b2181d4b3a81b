package dev.mljobs.aws.dynamodb;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.mljobs.core.group.ConcurrentGroupModificationException;
import dev.mljobs.core.group.GroupMember;
import dev.mljobs.core.group.GroupMode;
import dev.mljobs.core.group.GroupPage;
import dev.mljobs.core.group.GroupStatus;
import dev.mljobs.core.group.GroupStore;
import dev.mljobs.core.group.JobGroup;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.PageCursor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * {@link GroupStore} on DynamoDB: one item per group, its members (job id, status, job version) in
 * one JSON attribute, so that a member's change and the status derived from it are one conditional
 * write. A thousand members take about 70 KB, well within the 400 KB item limit.
 */
public final class DynamoDbGroupStore implements GroupStore {

  private final DynamoDbClient dynamo;
  private final String table;

  public DynamoDbGroupStore(DynamoDbClient dynamo, TableNames tables) {
    this.dynamo = dynamo;
    this.table = tables.groups();
  }

  @Override
  public JobGroup create(JobGroup group) {
    if (group.version() != 0) {
      throw new IllegalArgumentException("a new group must have version 0, got " + group.version());
    }
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(item(group, 1))
                  .conditionExpression("attribute_not_exists(group_id)"));
    } catch (ConditionalCheckFailedException e) {
      throw new ConcurrentGroupModificationException(group.groupId(), 0);
    }
    return group.atVersion(1);
  }

  @Override
  public Optional<JobGroup> find(String groupId) {
    Map<String, AttributeValue> item =
        dynamo
            .getItem(
                b ->
                    b.tableName(table)
                        .key(Map.of("group_id", AttributeValue.fromS(groupId)))
                        .consistentRead(true))
            .item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(fromItem(item));
  }

  @Override
  public JobGroup update(JobGroup group) {
    try {
      dynamo.putItem(
          b ->
              b.tableName(table)
                  .item(item(group, group.version() + 1))
                  .conditionExpression("version = :read")
                  .expressionAttributeValues(
                      Map.of(":read", AttributeValue.fromN(Long.toString(group.version())))));
    } catch (ConditionalCheckFailedException e) {
      throw new ConcurrentGroupModificationException(group.groupId(), group.version());
    }
    return group.atVersion(group.version() + 1);
  }

  @Override
  public GroupPage list(String owner, int limit, PageCursor cursor) {
    Map<String, String> names = Map.of("#owner", "owner", "#sk", Tables.CREATED_SK);
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":owner", AttributeValue.fromS(owner));
    String condition = "#owner = :owner";
    if (cursor != null) {
      values.put(":after", AttributeValue.fromS(cursor.sortKey()));
      condition += " AND #sk < :after";
    }
    String keyCondition = condition;
    List<JobGroup> found =
        dynamo
            .queryPaginator(
                b ->
                    b.tableName(table)
                        .indexName(Tables.BY_OWNER)
                        .keyConditionExpression(keyCondition)
                        .expressionAttributeNames(
                            cursor == null ? Map.of("#owner", "owner") : names)
                        .expressionAttributeValues(values)
                        .scanIndexForward(false)
                        .limit(limit + 1))
            .items()
            .stream()
            .limit(limit + 1L)
            .map(DynamoDbGroupStore::fromItem)
            .toList();
    List<JobGroup> page = found.subList(0, Math.min(limit, found.size()));
    JobGroup last = page.isEmpty() ? null : page.get(page.size() - 1);
    return new GroupPage(
        page,
        found.size() > limit
            ? new PageCursor(last.createdAt(), UUID.fromString(last.groupId()))
            : null);
  }

  private static Map<String, AttributeValue> item(JobGroup g, long version) {
    ArrayNode members = JsonNodeFactory.instance.arrayNode();
    g.members()
        .forEach(
            m ->
                members
                    .addObject()
                    .put("job_id", m.jobId().toString())
                    .put("status", m.status().wireName())
                    .put("v", m.jobVersion()));
    Map<String, AttributeValue> item =
        Attributes.writer()
            .s("group_id", g.groupId())
            .s("owner", g.owner())
            .s(Tables.CREATED_SK, PageCursor.sortKey(g.createdAt(), UUID.fromString(g.groupId())))
            .s("name", g.name())
            .s("mode", g.mode().wireName())
            .s("status", g.status().wireName())
            .s("created_at", g.createdAt())
            .s("started_at", g.startedAt())
            .s("finished_at", g.finishedAt())
            .json("members", members)
            .n("version", version)
            .item();
    item.put("stop_on_failure", AttributeValue.fromBool(g.stopOnFailure()));
    item.put("cancelled", AttributeValue.fromBool(g.cancelled()));
    return item;
  }

  private static JobGroup fromItem(Map<String, AttributeValue> item) {
    Attributes a = Attributes.reader(item);
    List<GroupMember> members = new ArrayList<>();
    for (JsonNode m : a.json("members")) {
      members.add(
          new GroupMember(
              UUID.fromString(m.get("job_id").asText()),
              JobStatus.fromWire(m.get("status").asText()),
              m.get("v").asLong()));
    }
    return new JobGroup(
        a.s("group_id"),
        a.s("name"),
        GroupMode.valueOf(a.s("mode").toUpperCase(Locale.ROOT)),
        item.get("stop_on_failure").bool(),
        members,
        item.get("cancelled").bool(),
        GroupStatus.valueOf(a.s("status").toUpperCase(Locale.ROOT)),
        a.s("owner"),
        a.instant("created_at"),
        a.instant("started_at"),
        a.instant("finished_at"),
        a.number("version"));
  }
}
