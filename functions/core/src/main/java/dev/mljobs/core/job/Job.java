package dev.mljobs.core.job;

import static dev.mljobs.core.Require.optionalId;
import static dev.mljobs.core.Require.optionalText;
import static dev.mljobs.core.Require.present;
import static dev.mljobs.core.Require.range;
import static dev.mljobs.core.Require.text;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.core.KeyLimits;
import dev.mljobs.core.Require;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * One piece of work and everything known about it. Immutable: each lifecycle method returns the
 * next state of the job and throws {@link IllegalJobTransitionException} when the move is not
 * allowed. {@code version} is the stored version this value was read at (0 before it is first
 * stored); the {@link JobStore} increments it on every write.
 *
 * @param params the resolved parameters (template defaults merged with the request)
 * @param result the inline result of a completed job, or {@code null}
 * @param resultUri where a result too large to keep inline was written (s3://...), or {@code null}
 * @param ttlHours how long the job is kept after it reaches a terminal state
 * @param startedAt when the first attempt started
 * @param attemptStartedAt when the latest attempt started ({@code null} before the first, and for a
 *     job stored before this was kept)
 * @param expiresAt when storage may delete the job; set on reaching a terminal state
 * @param callback the webhook's delivery, set on reaching a terminal state with a {@code
 *     callbackUrl} and then changed only by {@link JobStore#recordCallback}; else {@code null}
 * @param scheduledTime the fire time of the schedule firing that made the job, or {@code null}
 */
public record Job(
    UUID jobId,
    String jobType,
    ObjectNode params,
    JobStatus status,
    int priority,
    int progress,
    JsonNode result,
    String resultUri,
    String errorMessage,
    int attempts,
    int maxAttempts,
    Integer timeoutSeconds,
    int ttlHours,
    String idempotencyKey,
    String templateId,
    String scheduleId,
    Instant scheduledTime,
    String groupId,
    String owner,
    String traceId,
    String callbackUrl,
    Instant createdAt,
    Instant queuedAt,
    Instant startedAt,
    Instant attemptStartedAt,
    Instant completedAt,
    Instant updatedAt,
    Instant expiresAt,
    long version,
    Callback callback) {

  public static final int DEFAULT_PRIORITY = 5;
  public static final int DEFAULT_MAX_ATTEMPTS = 3;
  public static final int DEFAULT_TTL_HOURS = 24;
  public static final int MAX_TIMEOUT_SECONDS = 7 * 24 * 3600;
  public static final int MAX_ERROR_LENGTH = ErrorMessages.MAX_LENGTH;
  private static final Pattern JOB_TYPE = Pattern.compile("[a-z][a-z0-9_]{0,63}");
  private static final Pattern CALLBACK_URL = Pattern.compile("https?://[^\\s/?#]+[^\\s]*");

  public Job {
    present(jobId, "job_id");
    requireJobType(jobType);
    params = params == null ? JsonNodeFactory.instance.objectNode() : params.deepCopy();
    present(status, "status");
    range(priority, 0, 10, "priority");
    range(progress, 0, 100, "progress");
    result = result == null ? null : result.deepCopy();
    optionalText(resultUri, "result_uri", 2048);
    optionalText(errorMessage, "error_message", MAX_ERROR_LENGTH);
    range(maxAttempts, 1, 10, "max_attempts");
    range(attempts, 0, maxAttempts, "attempts");
    if (timeoutSeconds != null) {
      range(timeoutSeconds, 1, MAX_TIMEOUT_SECONDS, "timeout_seconds");
    }
    range(ttlHours, 1, 168, "ttl_hours");
    Require.optionalKey(idempotencyKey, "idempotency_key", KeyLimits.IDEMPOTENCY_KEY_BYTES);
    optionalId(templateId, "template_id");
    optionalId(scheduleId, "schedule_id");
    optionalId(groupId, "group_id");
    text(owner, "owner", KeyLimits.OWNER_CHARS);
    optionalText(traceId, "trace_id", 256);
    requireCallbackUrl(callbackUrl);
    present(createdAt, "created_at");
    present(updatedAt, "updated_at");
    if (version < 0) {
      throw new IllegalArgumentException("version must not be negative");
    }
    checkConsistency(status, startedAt, completedAt, expiresAt, result, resultUri);
    if (callback != null && !status.isTerminal()) {
      throw new IllegalArgumentException("callback is only set on a terminal job");
    }
  }

  private static void checkConsistency(
      JobStatus status,
      Instant startedAt,
      Instant completedAt,
      Instant expiresAt,
      JsonNode result,
      String resultUri) {
    if (status.isTerminal() != (completedAt != null)) {
      throw new IllegalArgumentException("completed_at is set exactly when the job is terminal");
    }
    if (status.isTerminal() != (expiresAt != null)) {
      throw new IllegalArgumentException("expires_at is set exactly when the job is terminal");
    }
    if (status == JobStatus.RUNNING && startedAt == null) {
      throw new IllegalArgumentException("started_at is required for a running job");
    }
    if (status != JobStatus.COMPLETED && (result != null || resultUri != null)) {
      throw new IllegalArgumentException("result is only allowed on a completed job");
    }
  }

  /**
   * Checks a job type token such as {@code inference} or {@code batch_inference}.
   *
   * @throws IllegalArgumentException naming {@code job_type} when it is missing or malformed
   */
  public static String requireJobType(String jobType) {
    present(jobType, "job_type");
    if (!JOB_TYPE.matcher(jobType).matches()) {
      throw new IllegalArgumentException(
          "job_type must be 1-64 lowercase letters, digits or '_', starting with a letter");
    }
    return jobType;
  }

  /**
   * Checks a webhook address: absolute http(s), at most 2,048 characters; {@code null} is allowed.
   *
   * @throws IllegalArgumentException naming {@code callback_url} otherwise
   */
  public static String requireCallbackUrl(String url) {
    if (url == null) {
      return null;
    }
    optionalText(url, "callback_url", 2048);
    if (!CALLBACK_URL.matcher(url).matches()) {
      throw new IllegalArgumentException("callback_url must be an absolute http or https URL");
    }
    return url;
  }

  /**
   * A new job that has not been released to the queue yet.
   *
   * @throws IllegalArgumentException naming the field when a value is out of range
   */
  public static Job create(NewJob request, UUID jobId, Instant now) {
    return builder()
        .jobId(jobId)
        .jobType(request.jobType())
        .params(request.params())
        .status(JobStatus.PENDING)
        .priority(request.priority())
        .maxAttempts(request.maxAttempts())
        .timeoutSeconds(request.timeoutSeconds())
        .ttlHours(request.ttlHours())
        .idempotencyKey(request.idempotencyKey())
        .templateId(request.templateId())
        .scheduleId(request.scheduleId())
        .scheduledTime(request.scheduledTime())
        .groupId(request.groupId())
        .owner(request.owner())
        .traceId(request.traceId())
        .callbackUrl(request.callbackUrl())
        .createdAt(now)
        .updatedAt(now)
        .build();
  }

  /** Releases a pending job to the queue. */
  public Job enqueue(Instant now) {
    return moveTo(JobStatus.QUEUED, now).queuedAt(now).build();
  }

  /**
   * Starts the next attempt; {@code started_at} keeps the first attempt's start, {@code
   * attempt_started_at} this one's.
   */
  public Job start(Instant now) {
    return moveTo(JobStatus.RUNNING, now)
        .attempts(attempts + 1)
        .progress(0)
        .startedAt(startedAt == null ? now : startedAt)
        .attemptStartedAt(now)
        .build();
  }

  /**
   * When the current (or last) attempt started: for a job stored before the attempt's start was
   * kept, its last write before it ended is the best bound known.
   */
  public Instant currentAttemptStart() {
    return attemptStartedAt != null ? attemptStartedAt : updatedAt;
  }

  /** Records progress (0-100) of the running attempt. */
  public Job reportProgress(int percent, Instant now) {
    range(percent, 0, 100, "progress");
    if (status != JobStatus.RUNNING) {
      throw new IllegalJobTransitionException(
          jobId, status, "progress is only accepted while running");
    }
    return toBuilder().progress(percent).updatedAt(now).build();
  }

  /**
   * Completes the running job with an inline result, or with {@code resultUri} pointing to a result
   * stored elsewhere.
   */
  public Job complete(JsonNode result, String resultUri, Instant now) {
    return finish(JobStatus.COMPLETED, now)
        .progress(100)
        .result(result)
        .resultUri(resultUri)
        .errorMessage(null)
        .build();
  }

  /** Fails the job for good with a readable reason (an over-long one is cut to fit). */
  public Job fail(String errorMessage, Instant now) {
    return finish(JobStatus.FAILED, now).errorMessage(ErrorMessages.fit(errorMessage)).build();
  }

  /**
   * Puts a failed attempt back in the queue.
   *
   * @throws IllegalJobTransitionException when no attempt is left or the job is not running
   */
  public Job retry(String errorMessage, Instant now) {
    if (status == JobStatus.RUNNING && attempts >= maxAttempts) {
      throw new IllegalJobTransitionException(
          jobId, status, "all " + maxAttempts + " attempts are used");
    }
    return moveTo(JobStatus.QUEUED, now)
        .queuedAt(now)
        .progress(0)
        .errorMessage(ErrorMessages.fit(errorMessage))
        .build();
  }

  public Job cancel(Instant now) {
    return finish(JobStatus.CANCELLED, now).build();
  }

  public Job skip(String reason, Instant now) {
    return finish(JobStatus.SKIPPED, now).errorMessage(ErrorMessages.fit(reason)).build();
  }

  public boolean isTerminal() {
    return status.isTerminal();
  }

  public boolean hasAttemptsLeft() {
    return attempts < maxAttempts;
  }

  /** Whether storage may already have deleted this job: expired jobs are never shown. */
  public boolean isExpiredAt(Instant now) {
    return expiresAt != null && !expiresAt.isAfter(now);
  }

  /** {@code completed_at - started_at}, or {@code null} when the job never ran to an end. */
  public Long processingTimeMs() {
    return startedAt == null || completedAt == null
        ? null
        : Duration.between(startedAt, completedAt).toMillis();
  }

  @Override
  public ObjectNode params() {
    return params.deepCopy();
  }

  @Override
  public JsonNode result() {
    return result == null ? null : result.deepCopy();
  }

  private JobBuilder moveTo(JobStatus next, Instant now) {
    present(now, "now");
    if (!status.canMoveTo(next)) {
      throw new IllegalJobTransitionException(jobId, status, next);
    }
    return toBuilder().status(next).updatedAt(now);
  }

  private JobBuilder finish(JobStatus terminal, Instant now) {
    return moveTo(terminal, now)
        .completedAt(now)
        .expiresAt(now.plus(Duration.ofHours(ttlHours)))
        .callback(callbackUrl == null ? null : Callback.pending());
  }

  public static JobBuilder builder() {
    return new JobBuilder();
  }

  public JobBuilder toBuilder() {
    return new JobBuilder(this);
  }
}
