package dev.mljobs.core.job;

import static dev.mljobs.core.Require.optionalId;
import static dev.mljobs.core.Require.optionalText;
import static dev.mljobs.core.Require.present;
import static dev.mljobs.core.Require.text;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The immutable record of one execution attempt of a job. There is at most one run per attempt:
 * {@link JobRunStore#record} refuses a second write of the same attempt.
 *
 * @param paramsSnapshot the parameters the attempt actually ran with
 * @param scheduleId the schedule that made the job, or {@code null}
 * @param groupId the group the job belongs to, or {@code null}
 * @param owner the job's owner; {@code null} only for a run recorded before runs kept it (such a
 *     run is listed with its job, never in an owner's run history)
 * @param exitCode the worker process's exit code, when it ran as a process
 * @param error why the attempt failed; required when {@code status} is {@code failed}; an over-long
 *     one is cut to fit ({@link ErrorMessages#fit}), so that an attempt's run is always recorded
 * @param artifacts S3 URIs of what the attempt wrote
 * @param logPath where the attempt's logs are
 */
public record JobRun(
    String runId,
    UUID jobId,
    int attempt,
    ObjectNode paramsSnapshot,
    String templateId,
    String scheduleId,
    String groupId,
    String owner,
    RunStatus status,
    Instant startedAt,
    Instant finishedAt,
    String workerId,
    Integer exitCode,
    String error,
    List<String> artifacts,
    String logPath) {

  public JobRun {
    text(runId, "run_id", 128);
    present(jobId, "job_id");
    if (attempt < 1) {
      throw new IllegalArgumentException("attempt must be at least 1, got " + attempt);
    }
    paramsSnapshot =
        paramsSnapshot == null ? JsonNodeFactory.instance.objectNode() : paramsSnapshot.deepCopy();
    optionalId(templateId, "template_id");
    optionalId(scheduleId, "schedule_id");
    optionalId(groupId, "group_id");
    optionalText(owner, "owner", 256);
    present(status, "status");
    present(startedAt, "started_at");
    present(finishedAt, "finished_at");
    if (finishedAt.isBefore(startedAt)) {
      throw new IllegalArgumentException("finished_at must not be before started_at");
    }
    optionalText(workerId, "worker_id", 256);
    error = ErrorMessages.fit(error);
    optionalText(error, "error", ErrorMessages.MAX_LENGTH);
    if (status == RunStatus.FAILED && error == null) {
      throw new IllegalArgumentException("error is required for a failed run");
    }
    artifacts = List.copyOf(artifacts == null ? List.of() : artifacts);
    for (String uri : artifacts) {
      if (!uri.matches("s3://[a-z0-9][a-z0-9.-]{1,62}/.+")) {
        throw new IllegalArgumentException(
            "artifacts must be s3://bucket/key URIs, got '" + uri + "'");
      }
    }
    optionalText(logPath, "log_path", 2048);
  }

  public long durationMs() {
    return Duration.between(startedAt, finishedAt).toMillis();
  }

  @Override
  public ObjectNode paramsSnapshot() {
    return paramsSnapshot.deepCopy();
  }

  /**
   * The run of an attempt of {@code job} that ended in {@code status}, with what the job knows of
   * it: its params, its template, schedule, group and owner, and (completed) its result's URI.
   */
  public static JobRun of(
      Job job, int attempt, RunStatus status, Instant startedAt, Instant finishedAt, String error) {
    return of(job, attempt, status, startedAt, finishedAt, error, RunDetails.NONE);
  }

  /**
   * As {@link #of(Job, int, RunStatus, Instant, Instant, String)}, with what the platform told
   * about the attempt (worker, exit code, log).
   */
  public static JobRun of(
      Job job,
      int attempt,
      RunStatus status,
      Instant startedAt,
      Instant finishedAt,
      String error,
      RunDetails details) {
    List<String> artifacts =
        status == RunStatus.COMPLETED && job.resultUri() != null
            ? List.of(job.resultUri())
            : List.of();
    return new JobRun(
        job.jobId() + ":" + attempt,
        job.jobId(),
        attempt,
        job.params(),
        job.templateId(),
        job.scheduleId(),
        job.groupId(),
        job.owner(),
        status,
        startedAt,
        finishedAt,
        details.workerId(),
        details.exitCode(),
        error,
        artifacts,
        details.logPath());
  }

  /** The run of an attempt that finished well. */
  public static JobRun completed(Job job, String runId, Instant startedAt, Instant finishedAt) {
    return new JobRun(
        runId,
        job.jobId(),
        job.attempts(),
        job.params(),
        job.templateId(),
        job.scheduleId(),
        job.groupId(),
        job.owner(),
        RunStatus.COMPLETED,
        startedAt,
        finishedAt,
        null,
        null,
        null,
        List.of(),
        null);
  }

  /** The run of an attempt that failed with {@code error}. */
  public static JobRun failed(
      Job job, String runId, Instant startedAt, Instant finishedAt, String error) {
    return new JobRun(
        runId,
        job.jobId(),
        job.attempts(),
        job.params(),
        job.templateId(),
        job.scheduleId(),
        job.groupId(),
        job.owner(),
        RunStatus.FAILED,
        startedAt,
        finishedAt,
        null,
        null,
        error,
        List.of(),
        null);
  }
}
