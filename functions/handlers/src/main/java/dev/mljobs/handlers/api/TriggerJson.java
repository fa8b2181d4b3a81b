package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.trigger.Trigger;
import dev.mljobs.core.trigger.TriggerJob;

/** Triggers and the jobs they made, as the API shows them. */
final class TriggerJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TriggerJson() {}

  static ObjectNode trigger(Trigger t, String uploadPrefix) {
    ObjectNode o = JSON.createObjectNode();
    o.put("trigger_id", t.triggerId());
    o.put("name", t.name());
    o.put("template_id", t.templateId());
    o.put("prefix", t.prefix());
    t.suffixes().forEach(o.putArray("suffixes")::add);
    if (!o.has("suffixes")) {
      o.putArray("suffixes");
    }
    o.put("input", "item");
    o.put("enabled", t.enabled());
    o.put("upload_prefix", uploadPrefix);
    ObjectNode counts = o.putObject("counts");
    counts.put("objects_seen", t.counts().objectsSeen());
    counts.put("jobs_created", t.counts().jobsCreated());
    o.put("created_at", JobJson.time(t.createdAt()));
    o.put("updated_at", JobJson.time(t.updatedAt()));
    return o;
  }

  /** One job of a trigger; {@code job} is {@code null} when it expired (its TTL). */
  static ObjectNode job(TriggerJob j, Job job) {
    ObjectNode o = JSON.createObjectNode();
    o.put("job_id", j.jobId().toString());
    o.put("source_uri", j.sourceUri());
    o.put("source_etag", j.sourceEtag());
    o.put("created_at", JobJson.time(j.createdAt()));
    o.put("status", job == null ? "expired" : job.status().wireName());
    if (job != null && job.errorMessage() != null) {
      o.put("error_message", job.errorMessage());
    }
    return o;
  }

  /**
   * What the job predicted for its one object: the first of a vision job's {@code results}, or the
   * whole result of another task; {@code null} until it completed.
   */
  static JsonNode predictions(JsonNode result) {
    if (result == null || result.isNull()) {
      return JSON.nullNode();
    }
    JsonNode first = result.path("results").path(0);
    return first.isMissingNode() ? result : first;
  }
}
