package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.group.GroupMember;
import dev.mljobs.core.group.GroupMode;
import dev.mljobs.core.group.GroupStatus;
import dev.mljobs.core.group.JobGroup;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.PageCursor;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * A group as a DynamoDB item: {@code order} lists the member job ids in run order, {@code m} maps
 * each to {@code {s: status, v: job version}}. A thousand members take about 70 KB of the 400 KB
 * item limit. {@code changed_at} is the time of the last member change: when every member has
 * ended, it is when the group finished.
 */
final class GroupItems {

  /** What {@link DynamoDbGroupStore#update} writes: all but the keys and the announced status. */
  static final List<String> WRITTEN =
      List.of(
          "owner",
          Tables.CREATED_SK,
          "name",
          "mode",
          "stop_on_failure",
          "cancelled",
          "created_at",
          "started_at",
          "finished_at",
          "changed_at",
          "order",
          "m",
          "version");

  private GroupItems() {}

  static Map<String, AttributeValue> item(JobGroup g, long version) {
    Map<String, AttributeValue> members = new HashMap<>();
    g.members().forEach(m -> members.put(m.jobId().toString(), member(m.status(), m.jobVersion())));
    Instant changed = g.finishedAt() != null ? g.finishedAt() : g.createdAt();
    Map<String, AttributeValue> item =
        Attributes.writer()
            .s("group_id", g.groupId())
            .s("owner", g.owner())
            .s(Tables.CREATED_SK, PageCursor.sortKey(g.createdAt(), UUID.fromString(g.groupId())))
            .s("name", g.name())
            .s("mode", g.mode().wireName())
            .s("created_at", g.createdAt())
            .s("started_at", g.startedAt())
            .s("finished_at", g.cancelled() ? g.finishedAt() : null)
            .s("changed_at", changed)
            .n("version", version)
            .item();
    item.put("stop_on_failure", AttributeValue.fromBool(g.stopOnFailure()));
    item.put("cancelled", AttributeValue.fromBool(g.cancelled()));
    item.put(
        "order",
        AttributeValue.fromL(
            g.members().stream().map(m -> AttributeValue.fromS(m.jobId().toString())).toList()));
    item.put("m", AttributeValue.fromM(members));
    return item;
  }

  static AttributeValue member(JobStatus status, long jobVersion) {
    return AttributeValue.fromM(
        Map.of(
            "s", AttributeValue.fromS(status.wireName()),
            "v", AttributeValue.fromN(Long.toString(jobVersion))));
  }

  static JobGroup group(Map<String, AttributeValue> item) {
    Attributes a = Attributes.reader(item);
    Map<String, AttributeValue> m = item.get("m").m();
    List<GroupMember> members = new ArrayList<>();
    for (AttributeValue id : item.get("order").l()) {
      Map<String, AttributeValue> state = m.get(id.s()).m();
      members.add(
          new GroupMember(
              UUID.fromString(id.s()),
              JobStatus.fromWire(state.get("s").s()),
              Long.parseLong(state.get("v").n())));
    }
    boolean cancelled = item.get("cancelled").bool();
    GroupStatus status = JobGroup.derive(members, cancelled);
    Instant finished =
        !status.isTerminal()
            ? null
            : cancelled ? a.instant("finished_at") : a.instant("changed_at");
    return new JobGroup(
        a.s("group_id"),
        a.s("name"),
        GroupMode.valueOf(a.s("mode").toUpperCase(Locale.ROOT)),
        item.get("stop_on_failure").bool(),
        members,
        cancelled,
        status,
        a.s("owner"),
        a.instant("created_at"),
        a.instant("started_at"),
        finished,
        a.number("version"));
  }

  static GroupStatus status(String wire) {
    return GroupStatus.valueOf(wire.toUpperCase(Locale.ROOT));
  }
}
