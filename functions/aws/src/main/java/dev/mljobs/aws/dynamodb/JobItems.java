package dev.mljobs.aws.dynamodb;

import dev.mljobs.core.job.Callback;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.PageCursor;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** A job as an item of the jobs table: snake_case attributes plus the index keys. */
final class JobItems {

  private JobItems() {}

  static final String QUEUED = "queued";

  static Map<String, AttributeValue> toItem(Job job) {
    boolean queued = job.status() == JobStatus.QUEUED;
    Map<String, AttributeValue> item = fields(job, queued);
    if (job.callback() != null) {
      item.put(CALLBACK, callback(job.callback()));
    }
    return item;
  }

  /** The webhook's delivery, one map attribute that {@code recordCallback} replaces alone. */
  static final String CALLBACK = "callback";

  static AttributeValue callback(Callback callback) {
    Map<String, AttributeValue> m = new java.util.HashMap<>();
    m.put("status", AttributeValue.fromS(callback.status().wireName()));
    m.put("attempts", AttributeValue.fromN(Integer.toString(callback.attempts())));
    if (callback.lastError() != null) {
      m.put("last_error", AttributeValue.fromS(callback.lastError()));
    }
    return AttributeValue.fromM(m);
  }

  private static Callback callback(AttributeValue value) {
    if (value == null || !value.hasM()) {
      return null;
    }
    Map<String, AttributeValue> m = value.m();
    AttributeValue error = m.get("last_error");
    return new Callback(
        Callback.Status.fromWire(m.get("status").s()),
        Integer.parseInt(m.get("attempts").n()),
        error == null ? null : error.s());
  }

  private static Map<String, AttributeValue> fields(Job job, boolean queued) {
    return Attributes.writer()
        .s("job_id", job.jobId())
        .s("job_type", job.jobType())
        .json("params", job.params())
        .s("status", job.status().wireName())
        .n("priority", job.priority())
        .n("progress", job.progress())
        .json("result", job.result())
        .s("result_uri", job.resultUri())
        .s("error_message", job.errorMessage())
        .n("attempts", job.attempts())
        .n("max_attempts", job.maxAttempts())
        .n("timeout_seconds", job.timeoutSeconds())
        .n("ttl_hours", job.ttlHours())
        .s("idempotency_key", job.idempotencyKey())
        .s("template_id", job.templateId())
        .s("schedule_id", job.scheduleId())
        .s("scheduled_time", job.scheduledTime())
        .s("group_id", job.groupId())
        .s("owner", job.owner())
        .s("trace_id", job.traceId())
        .s("callback_url", job.callbackUrl())
        .s("created_at", job.createdAt())
        .s("queued_at", job.queuedAt())
        .s("started_at", job.startedAt())
        .s("attempt_started_at", job.attemptStartedAt())
        .s("completed_at", job.completedAt())
        .s("updated_at", job.updatedAt())
        .n("expires_at", job.expiresAt() == null ? null : ttlSeconds(job.expiresAt()))
        .n("version", job.version())
        .s(Tables.CREATED_SK, PageCursor.sortKey(job.createdAt(), job.jobId()))
        .s("owner_status", job.owner() + "#" + job.status().wireName())
        .s("queue_pk", queued ? QUEUED : null)
        .s("queue_sk", queued ? queueSortKey(job) : null)
        .s("owner_type", job.owner() + "#" + job.jobType())
        .item();
  }

  static Job fromItem(Map<String, AttributeValue> item) {
    Attributes a = Attributes.reader(item);
    Instant completedAt = a.instant("completed_at");
    int ttlHours = a.integer("ttl_hours");
    return Job.builder()
        .jobId(UUID.fromString(a.s("job_id")))
        .jobType(a.s("job_type"))
        .params(a.object("params"))
        .status(JobStatus.fromWire(a.s("status")))
        .priority(a.integer("priority"))
        .progress(a.integer("progress"))
        .result(a.json("result"))
        .resultUri(a.s("result_uri"))
        .errorMessage(a.s("error_message"))
        .attempts(a.integer("attempts"))
        .maxAttempts(a.integer("max_attempts"))
        .timeoutSeconds(a.integer("timeout_seconds"))
        .ttlHours(ttlHours)
        .idempotencyKey(a.s("idempotency_key"))
        .templateId(a.s("template_id"))
        .scheduleId(a.s("schedule_id"))
        .scheduledTime(a.instant("scheduled_time"))
        .groupId(a.s("group_id"))
        .owner(a.s("owner"))
        .traceId(a.s("trace_id"))
        .callbackUrl(a.s("callback_url"))
        .createdAt(a.instant("created_at"))
        .queuedAt(a.instant("queued_at"))
        .startedAt(a.instant("started_at"))
        .attemptStartedAt(a.instant("attempt_started_at"))
        .completedAt(completedAt)
        .updatedAt(a.instant("updated_at"))
        // the stored attribute is whole seconds for DynamoDB's TTL; the exact instant is derived
        .expiresAt(completedAt == null ? null : completedAt.plusSeconds(ttlHours * 3600L))
        .version(a.number("version"))
        .callback(callback(item.get(CALLBACK)))
        .build();
  }

  /** Dispatch order as text: 10 - priority (two digits), queued_at in fixed width, job id. */
  static String queueSortKey(Job job) {
    return String.format("%02d", 10 - job.priority())
        + "#"
        + PageCursor.sortKey(job.queuedAt(), job.jobId());
  }

  /**
   * Whole seconds for DynamoDB's TTL, rounded up so that storage never deletes a job before the
   * instant at which it expires.
   */
  static long ttlSeconds(Instant expiresAt) {
    long seconds = expiresAt.getEpochSecond();
    return expiresAt.getNano() == 0 ? seconds : seconds + 1;
  }
}
