package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.group.JobGroup;

/** Groups as the API shows them: a summary in listings, the members in order when read alone. */
final class GroupJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private GroupJson() {}

  static ObjectNode summary(JobGroup g) {
    ObjectNode o = JSON.createObjectNode();
    o.put("group_id", g.groupId());
    o.put("name", g.name());
    o.put("mode", g.mode().wireName());
    o.put("stop_on_failure", g.stopOnFailure());
    o.put("status", g.status().wireName());
    o.put("job_count", g.members().size());
    ObjectNode counts = o.putObject("counts");
    g.counts().forEach((status, n) -> counts.put(status.wireName(), n));
    o.put("created_at", JobJson.time(g.createdAt()));
    o.put("started_at", JobJson.time(g.startedAt()));
    o.put("finished_at", JobJson.time(g.finishedAt()));
    o.put("version", g.version());
    return o;
  }

  static ObjectNode group(JobGroup g) {
    ObjectNode o = summary(g);
    ArrayNode members = o.putArray("members");
    g.members()
        .forEach(
            m ->
                members
                    .addObject()
                    .put("job_id", m.jobId().toString())
                    .put("status", m.status().wireName()));
    return o;
  }
}
