package dev.mljobs.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.TraceIds;
import dev.mljobs.core.storage.OwnerSpace;
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
 * @param ownerSpace the S3 prefixes the job's owner may name: every read is checked against it
 *     ({@link OwnerSpace#NONE} when none was given, and then nothing in S3 is read)
 * @param traceId the trace id of the request that submitted the job ({@link TraceIds}), sent with
 *     every progress report; {@code null} when it had none
 */
public record Work(
    UUID jobId,
    int attempt,
    String jobType,
    ObjectNode params,
    String callbackUrl,
    String callbackToken,
    String outputUri,
    ObjectNode model,
    OwnerSpace ownerSpace,
    String traceId) {

  /** Work without a trace id. */
  public Work(
      UUID jobId,
      int attempt,
      String jobType,
      ObjectNode params,
      String callbackUrl,
      String callbackToken,
      String outputUri,
      ObjectNode model,
      OwnerSpace ownerSpace) {
    this(
        jobId,
        attempt,
        jobType,
        params,
        callbackUrl,
        callbackToken,
        outputUri,
        model,
        ownerSpace,
        null);
  }

  public Work(
      UUID jobId,
      int attempt,
      String jobType,
      ObjectNode params,
      String callbackUrl,
      String callbackToken) {
    this(jobId, attempt, jobType, params, callbackUrl, callbackToken, null, null, OwnerSpace.NONE);
  }

  /** Work that may read nothing in S3 ({@link OwnerSpace#NONE}). */
  public Work(
      UUID jobId,
      int attempt,
      String jobType,
      ObjectNode params,
      String callbackUrl,
      String callbackToken,
      String outputUri,
      ObjectNode model) {
    this(
        jobId,
        attempt,
        jobType,
        params,
        callbackUrl,
        callbackToken,
        outputUri,
        model,
        OwnerSpace.NONE);
  }

  public Work {
    if (jobId == null || jobType == null) {
      throw new IllegalArgumentException("job_id and job_type are required");
    }
    params = params == null ? JsonNodeFactory.instance.objectNode() : params;
    ownerSpace = ownerSpace == null ? OwnerSpace.NONE : ownerSpace;
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
        payload.path("model").isObject() ? (ObjectNode) payload.get("model") : null,
        ownerSpace(payload),
        payload.path(TraceIds.FIELD).asText(null));
  }

  /** The owner space of the payload: its {@link OwnerSpace#WORK_FIELD}, a list of s3:// URIs. */
  private static OwnerSpace ownerSpace(JsonNode payload) {
    java.util.List<String> uris = new java.util.ArrayList<>();
    payload.path(OwnerSpace.WORK_FIELD).forEach(u -> uris.add(u.asText()));
    return OwnerSpace.of(payload.path("owner").asText(""), uris);
  }
}
