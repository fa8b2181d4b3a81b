package dev.mljobs.handlers.events;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.Job;

/**
 * The {@code detail} of a "Job Status Changed" event: what a subscriber needs to react without
 * calling the API back (the webhook body and the EventBridge detail are the same).
 */
public final class JobEventJson {

  public static final String SOURCE = "mljobs";
  public static final String DETAIL_TYPE = "Job Status Changed";
  private static final ObjectMapper JSON = new ObjectMapper();

  private JobEventJson() {}

  public static ObjectNode detail(Job job) {
    ObjectNode d = JSON.createObjectNode();
    d.put("job_id", job.jobId().toString());
    d.put("job_type", job.jobType());
    d.put("owner", job.owner());
    d.put("status", job.status().wireName());
    d.put("attempts", job.attempts());
    d.put("max_attempts", job.maxAttempts());
    d.put("progress", job.progress());
    d.set("result", job.result());
    d.put("result_uri", job.resultUri());
    d.put("error_message", job.errorMessage());
    d.put("template_id", job.templateId());
    d.put("schedule_id", job.scheduleId());
    d.put("group_id", job.groupId());
    d.put("updated_at", job.updatedAt().toString());
    d.put("completed_at", job.completedAt() == null ? null : job.completedAt().toString());
    d.put("version", job.version());
    return d;
  }
}
