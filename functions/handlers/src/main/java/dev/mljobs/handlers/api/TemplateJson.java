package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.template.JobTemplate;

/** Templates as the API shows them; a default the template leaves to the job is {@code null}. */
final class TemplateJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private TemplateJson() {}

  static ObjectNode template(JobTemplate t) {
    ObjectNode o = JSON.createObjectNode();
    o.put("template_id", t.templateId());
    o.put("name", t.name());
    o.put("job_type", t.jobType());
    o.set("default_params", t.defaultParams());
    o.put("description", t.description());
    o.put("priority", t.defaults().priority());
    o.put("max_attempts", t.defaults().maxAttempts());
    o.put("timeout_seconds", t.defaults().timeoutSeconds());
    o.put("ttl_hours", t.defaults().ttlHours());
    o.put("status", t.status().wireName());
    o.put("version", t.version());
    o.put("created_at", JobJson.time(t.createdAt()));
    o.put("updated_at", JobJson.time(t.updatedAt()));
    return o;
  }
}
