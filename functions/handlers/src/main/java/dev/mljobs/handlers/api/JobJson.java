package dev.mljobs.handlers.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobRun;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Jobs and runs as the API shows them: snake_case, ISO-8601 UTC timestamps with a Z. */
final class JobJson {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JobJson() {}

  static ObjectNode job(Job job, Long positionInQueue) {
    ObjectNode o = JSON.createObjectNode();
    o.put("job_id", job.jobId().toString());
    o.put("job_type", job.jobType());
    o.put("status", job.status().wireName());
    o.put("priority", job.priority());
    o.set("params", job.params());
    o.put("progress", job.progress());
    o.set("result", job.result());
    if (job.resultUri() != null) {
      o.put("result_uri", job.resultUri());
    }
    o.put("error_message", job.errorMessage());
    o.put("attempts", job.attempts());
    o.put("max_attempts", job.maxAttempts());
    o.put("timeout_seconds", job.timeoutSeconds());
    o.put("ttl_hours", job.ttlHours());
    o.put("idempotency_key", job.idempotencyKey());
    o.put("version", job.version());
    o.put("created_at", time(job.createdAt()));
    o.put("queued_at", time(job.queuedAt()));
    o.put("started_at", time(job.startedAt()));
    o.put("completed_at", time(job.completedAt()));
    o.put("updated_at", time(job.updatedAt()));
    o.put("expires_at", time(job.expiresAt()));
    o.put("processing_time_ms", job.processingTimeMs());
    o.put("template_id", job.templateId());
    o.put("schedule_id", job.scheduleId());
    o.put("group_id", job.groupId());
    o.put("callback_url", job.callbackUrl());
    if (job.callback() == null) {
      o.putNull("callback");
    } else {
      o.putObject("callback")
          .put("status", job.callback().status().wireName())
          .put("attempts", job.callback().attempts())
          .put("last_error", job.callback().lastError());
    }
    if (positionInQueue != null) {
      o.put("position_in_queue", positionInQueue);
    }
    return o;
  }

  static ObjectNode run(JobRun run) {
    ObjectNode o = JSON.createObjectNode();
    o.put("run_id", run.runId());
    o.put("job_id", run.jobId().toString());
    o.put("attempt", run.attempt());
    o.put("status", run.status().wireName());
    o.set("params_snapshot", run.paramsSnapshot());
    o.put("template_id", run.templateId());
    o.put("schedule_id", run.scheduleId());
    o.put("group_id", run.groupId());
    o.put("started_at", time(run.startedAt()));
    o.put("finished_at", time(run.finishedAt()));
    o.put("duration_ms", run.durationMs());
    o.put("worker_id", run.workerId());
    o.put("exit_code", run.exitCode());
    o.put("error", run.error());
    run.artifacts().forEach(o.putArray("artifacts")::add);
    o.put("log_path", run.logPath());
    return o;
  }

  private static final DateTimeFormatter ISO_MILLIS =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

  /** Millisecond precision, always with a Z: clients parse one fixed shape. */
  static String time(Instant instant) {
    return instant == null ? null : ISO_MILLIS.format(instant);
  }
}
