package dev.mljobs.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.UUID;

/**
 * One attempt of a job as the worker receives it: from the Lambda payload, or from the environment
 * of the CLI (the AWS Batch path, see {@link WorkEnvironment}). The two carry the same fields.
 *
 * @param callbackUrl where progress is reported, or {@code null} to report nothing
 * @param outputUri the s3:// prefix where a job with per-item output writes it, or {@code null}
 * @param model the spec of the registered model the job names ({@code model_id}, {@code task_type},
 *     {@code model_uri}, {@code labels}, {@code preprocessing}), resolved by the workflow's start
 *     step; {@code null} when the job names none or a built-in one
 */
public record Work(
    UUID jobId,
    int attempt,
    String jobType,
    ObjectNode params,
    String callbackUrl,
    String callbackToken,
    String outputUri,
    ObjectNode model) {

  public Work(
      UUID jobId,
      int attempt,
      String jobType,
      ObjectNode params,
      String callbackUrl,
      String callbackToken) {
    this(jobId, attempt, jobType, params, callbackUrl, callbackToken, null, null);
  }

  public Work {
    if (jobId == null || jobType == null) {
      throw new IllegalArgumentException("job_id and job_type are required");
    }
    params = params == null ? JsonNodeFactory.instance.objectNode() : params;
  }

  static Work fromPayload(JsonNode payload) {
    return new Work(
        UUID.fromString(payload.path("job_id").asText()),
        payload.path("attempt").asInt(1),
        payload.path("job_type").asText(null),
        payload.path("params").isObject() ? (ObjectNode) payload.get("params") : null,
        payload.path("callback_url").asText(null),
        payload.path("callback_token").asText(null),
        payload.path("output_uri").asText(null),
        payload.path("model").isObject() ? (ObjectNode) payload.get("model") : null);
  }
}
