package dev.mljobs.handlers.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.group.JobGroup;
import dev.mljobs.core.job.JobStatus;

/** The {@code detail} of a "Group Status Changed" event: the group without its member list. */
public final class GroupEventJson {

  public static final String DETAIL_TYPE = "Group Status Changed";
  private static final ObjectMapper JSON = new ObjectMapper();

  private GroupEventJson() {}

  public static ObjectNode detail(JobGroup group) {
    ObjectNode d = JSON.createObjectNode();
    d.put("group_id", group.groupId());
    d.put("name", group.name());
    d.put("mode", group.mode().wireName());
    d.put("owner", group.owner());
    d.put("status", group.status().wireName());
    ObjectNode counts = d.putObject("counts");
    group.counts().forEach((JobStatus s, Integer n) -> counts.put(s.wireName(), n));
    d.put("started_at", group.startedAt() == null ? null : group.startedAt().toString());
    d.put("finished_at", group.finishedAt() == null ? null : group.finishedAt().toString());
    d.put("version", group.version());
    return d;
  }
}
