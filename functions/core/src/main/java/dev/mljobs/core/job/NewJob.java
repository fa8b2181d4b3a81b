package dev.mljobs.core.job;

import static dev.mljobs.core.Require.optionalId;
import static dev.mljobs.core.Require.optionalKey;
import static dev.mljobs.core.Require.range;
import static dev.mljobs.core.Require.text;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.KeyLimits;

/**
 * A request for a new job, checked on construction. Optional numbers are {@code null} when the
 * client left them out and take the documented defaults.
 */
public record NewJob(
    String jobType,
    ObjectNode params,
    int priority,
    int maxAttempts,
    Integer timeoutSeconds,
    int ttlHours,
    String idempotencyKey,
    String templateId,
    String scheduleId,
    String groupId,
    String owner,
    String traceId,
    String callbackUrl) {

  public NewJob {
    Job.requireJobType(jobType);
    params = params == null ? JsonNodeFactory.instance.objectNode() : params.deepCopy();
    range(priority, 0, 10, "priority");
    range(maxAttempts, 1, 10, "max_attempts");
    if (timeoutSeconds != null) {
      range(timeoutSeconds, 1, Job.MAX_TIMEOUT_SECONDS, "timeout_seconds");
    }
    range(ttlHours, 1, 168, "ttl_hours");
    optionalKey(idempotencyKey, "idempotency_key", KeyLimits.IDEMPOTENCY_KEY_BYTES);
    optionalId(templateId, "template_id");
    optionalId(scheduleId, "schedule_id");
    optionalId(groupId, "group_id");
    text(owner, "owner", KeyLimits.OWNER_CHARS);
    Job.requireCallbackUrl(callbackUrl);
  }

  /** The same request, for a job created by schedule {@code id}. */
  public NewJob withScheduleId(String id) {
    return new NewJob(
        jobType,
        params,
        priority,
        maxAttempts,
        timeoutSeconds,
        ttlHours,
        idempotencyKey,
        templateId,
        id,
        groupId,
        owner,
        traceId,
        callbackUrl);
  }

  /** The same request, for a member job of group {@code id}. */
  public NewJob withGroupId(String id) {
    return new NewJob(
        jobType,
        params,
        priority,
        maxAttempts,
        timeoutSeconds,
        ttlHours,
        idempotencyKey,
        templateId,
        scheduleId,
        id,
        owner,
        traceId,
        callbackUrl);
  }

  /** A request with every optional field at its default. */
  public static NewJob of(String jobType, ObjectNode params, String owner) {
    return new NewJob(
        jobType,
        params,
        Job.DEFAULT_PRIORITY,
        Job.DEFAULT_MAX_ATTEMPTS,
        null,
        Job.DEFAULT_TTL_HOURS,
        null,
        null,
        null,
        null,
        owner,
        null,
        null);
  }
}
