package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.group.ConcurrentGroupModificationException;
import dev.mljobs.core.group.GroupPage;
import dev.mljobs.core.group.GroupStore;
import dev.mljobs.core.group.JobGroup;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.PageCursor;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * {@link GroupStore} on DynamoDB: one item per group ({@link GroupItems}), its members a map from
 * job id to status and job version. A member's change is one UpdateItem of its own map entry,
 * conditional on that entry alone, so members ending at once never conflict; the version counts
 * every write. The status is derived from the members when read; the item keeps the status last
 * announced ({@link #publish}), which lists and events use.
 */
public final class DynamoDbGroupStore implements GroupStore {

  private static final Map<String, AttributeValue> ENDED =
      Map.of(
          ":completed", AttributeValue.fromS(JobStatus.COMPLETED.wireName()),
          ":failed", AttributeValue.fromS(JobStatus.FAILED.wireName()),
          ":cancelled", AttributeValue.fromS(JobStatus.CANCELLED.wireName()),
          ":skipped", AttributeValue.fromS(JobStatus.SKIPPED.wireName()));

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
    Map<String, AttributeValue> item = GroupItems.item(group, 1);
    item.put("status", AttributeValue.fromS(group.status().wireName()));
    item.put("status_seq", AttributeValue.fromN("1"));
    try {
      dynamo.putItem(
          b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(group_id)"));
    } catch (ConditionalCheckFailedException e) {
      throw new ConcurrentGroupModificationException(group.groupId(), 0);
    }
    return group.atVersion(1);
  }

  @Override
  public Optional<JobGroup> find(String groupId) {
    Map<String, AttributeValue> item =
        dynamo.getItem(b -> b.tableName(table).key(key(groupId)).consistentRead(true)).item();
    return item == null || item.isEmpty() ? Optional.empty() : Optional.of(GroupItems.group(item));
  }

  @Override
  public JobGroup update(JobGroup group) {
    // every attribute the group holds, but not the status last announced
    Map<String, AttributeValue> all = GroupItems.item(group, group.version() + 1);
    Map<String, String> names = new HashMap<>();
    Map<String, AttributeValue> values = new HashMap<>();
    StringBuilder set = new StringBuilder("SET ");
    StringBuilder remove = new StringBuilder();
    for (String attribute : GroupItems.WRITTEN) {
      String name = "#a" + names.size();
      names.put(name, attribute);
      if (all.containsKey(attribute)) {
        values.put(":a" + names.size(), all.get(attribute));
        set.append(set.length() > 4 ? ", " : "").append(name).append(" = :a").append(names.size());
      } else {
        remove.append(remove.length() == 0 ? " REMOVE " : ", ").append(name);
      }
    }
    names.put("#version", "version");
    values.put(":read", AttributeValue.fromN(Long.toString(group.version())));
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table)
                  .key(key(group.groupId()))
                  .updateExpression(set.toString() + remove)
                  .conditionExpression("#version = :read")
                  .expressionAttributeNames(names)
                  .expressionAttributeValues(values));
    } catch (ConditionalCheckFailedException e) {
      throw new ConcurrentGroupModificationException(group.groupId(), group.version());
    }
    return group.atVersion(group.version() + 1);
  }

  @Override
  public Optional<Taken> takeMember(
      String groupId, String owner, UUID jobId, JobStatus status, long jobVersion, Instant now) {
    Map<String, String> names =
        Map.of(
            "#m",
            "m",
            "#j",
            jobId.toString(),
            "#v",
            "v",
            "#s",
            "s",
            "#version",
            "version",
            "#owner",
            "owner");
    Map<String, AttributeValue> values = new HashMap<>(ENDED);
    values.put(":owner", AttributeValue.fromS(owner));
    values.put(":state", GroupItems.member(status, jobVersion));
    values.put(":v", AttributeValue.fromN(Long.toString(jobVersion)));
    values.put(":one", AttributeValue.fromN("1"));
    values.put(":now", AttributeValue.fromS(now.toString()));
    boolean runs = status == JobStatus.RUNNING || status.isTerminal();
    String update =
        "SET #m.#j = :state, #version = #version + :one, changed_at = :now"
            + (runs ? ", started_at = if_not_exists(started_at, :now)" : "");
    try {
      Map<String, AttributeValue> item =
          dynamo
              .updateItem(
                  b ->
                      b.tableName(table)
                          .key(key(groupId))
                          .updateExpression(update)
                          .conditionExpression(
                              "#owner = :owner AND attribute_exists(#m.#j) AND #m.#j.#v < :v"
                                  + " AND NOT (#m.#j.#s IN (:completed, :failed, :cancelled,"
                                  + " :skipped))")
                          .expressionAttributeNames(names)
                          .expressionAttributeValues(values)
                          .returnValues(ReturnValue.ALL_NEW))
              .attributes();
      return Optional.of(
          new Taken(GroupItems.group(item), GroupItems.status(item.get("status").s())));
    } catch (ConditionalCheckFailedException notTaken) {
      return Optional.empty();
    }
  }

  @Override
  public boolean publish(JobGroup group) {
    try {
      dynamo.updateItem(
          b ->
              b.tableName(table)
                  .key(key(group.groupId()))
                  .updateExpression("SET #status = :status, status_seq = :seq")
                  .conditionExpression("status_seq < :seq AND #status <> :status")
                  .expressionAttributeNames(Map.of("#status", "status"))
                  .expressionAttributeValues(
                      Map.of(
                          ":status", AttributeValue.fromS(group.status().wireName()),
                          ":seq", AttributeValue.fromN(Long.toString(group.version())))));
      return true;
    } catch (ConditionalCheckFailedException alreadyAnnounced) {
      return false;
    }
  }

  @Override
  public GroupPage list(String owner, int limit, PageCursor cursor) {
    Map<String, String> names = new HashMap<>(Map.of("#owner", "owner"));
    Map<String, AttributeValue> values = new HashMap<>();
    values.put(":owner", AttributeValue.fromS(owner));
    String condition = "#owner = :owner";
    if (cursor != null) {
      names.put("#sk", Tables.CREATED_SK);
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
                        .expressionAttributeNames(names)
                        .expressionAttributeValues(values)
                        .scanIndexForward(false)
                        .limit(limit + 1))
            .items()
            .stream()
            .limit(limit + 1L)
            .map(GroupItems::group)
            .toList();
    List<JobGroup> page = found.subList(0, Math.min(limit, found.size()));
    JobGroup last = page.isEmpty() ? null : page.get(page.size() - 1);
    return new GroupPage(
        page,
        found.size() > limit
            ? new PageCursor(last.createdAt(), UUID.fromString(last.groupId()))
            : null);
  }

  private static Map<String, AttributeValue> key(String groupId) {
    return Map.of("group_id", AttributeValue.fromS(groupId));
  }
}
