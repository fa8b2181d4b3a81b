package dev.mljobs.core.job;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.UUID;

/**
 * Assembles a {@link Job} field by field ({@link Job#builder()}, {@link Job#toBuilder()}); {@link
 * #build()} runs all of the job's checks.
 */
public final class JobBuilder {
  private UUID jobId;
  private String jobType;
  private ObjectNode params;
  private JobStatus status;
  private int priority = Job.DEFAULT_PRIORITY;
  private int progress;
  private JsonNode result;
  private String resultUri;
  private String errorMessage;
  private int attempts;
  private int maxAttempts = Job.DEFAULT_MAX_ATTEMPTS;
  private Integer timeoutSeconds;
  private int ttlHours = Job.DEFAULT_TTL_HOURS;
  private String idempotencyKey;
  private String templateId;
  private String scheduleId;
  private Instant scheduledTime;
  private String groupId;
  private String owner;
  private String traceId;
  private String callbackUrl;
  private Instant createdAt;
  private Instant queuedAt;
  private Instant startedAt;
  private Instant attemptStartedAt;
  private Instant completedAt;
  private Instant updatedAt;
  private Instant expiresAt;
  private long version;
  private Callback callback;

  JobBuilder() {}

  JobBuilder(Job job) {
    this.jobId = job.jobId();
    this.jobType = job.jobType();
    this.params = job.params();
    this.status = job.status();
    this.priority = job.priority();
    this.progress = job.progress();
    this.result = job.result();
    this.resultUri = job.resultUri();
    this.errorMessage = job.errorMessage();
    this.attempts = job.attempts();
    this.maxAttempts = job.maxAttempts();
    this.timeoutSeconds = job.timeoutSeconds();
    this.ttlHours = job.ttlHours();
    this.idempotencyKey = job.idempotencyKey();
    this.templateId = job.templateId();
    this.scheduleId = job.scheduleId();
    this.scheduledTime = job.scheduledTime();
    this.groupId = job.groupId();
    this.owner = job.owner();
    this.traceId = job.traceId();
    this.callbackUrl = job.callbackUrl();
    this.createdAt = job.createdAt();
    this.queuedAt = job.queuedAt();
    this.startedAt = job.startedAt();
    this.attemptStartedAt = job.attemptStartedAt();
    this.completedAt = job.completedAt();
    this.updatedAt = job.updatedAt();
    this.expiresAt = job.expiresAt();
    this.version = job.version();
    this.callback = job.callback();
  }

  public JobBuilder jobId(UUID jobId) {
    this.jobId = jobId;
    return this;
  }

  public JobBuilder jobType(String jobType) {
    this.jobType = jobType;
    return this;
  }

  public JobBuilder params(ObjectNode params) {
    this.params = params;
    return this;
  }

  public JobBuilder status(JobStatus status) {
    this.status = status;
    return this;
  }

  public JobBuilder priority(int priority) {
    this.priority = priority;
    return this;
  }

  public JobBuilder progress(int progress) {
    this.progress = progress;
    return this;
  }

  public JobBuilder result(JsonNode result) {
    this.result = result;
    return this;
  }

  public JobBuilder resultUri(String resultUri) {
    this.resultUri = resultUri;
    return this;
  }

  public JobBuilder errorMessage(String errorMessage) {
    this.errorMessage = errorMessage;
    return this;
  }

  public JobBuilder attempts(int attempts) {
    this.attempts = attempts;
    return this;
  }

  public JobBuilder maxAttempts(int maxAttempts) {
    this.maxAttempts = maxAttempts;
    return this;
  }

  public JobBuilder timeoutSeconds(Integer timeoutSeconds) {
    this.timeoutSeconds = timeoutSeconds;
    return this;
  }

  public JobBuilder ttlHours(int ttlHours) {
    this.ttlHours = ttlHours;
    return this;
  }

  public JobBuilder idempotencyKey(String idempotencyKey) {
    this.idempotencyKey = idempotencyKey;
    return this;
  }

  public JobBuilder templateId(String templateId) {
    this.templateId = templateId;
    return this;
  }

  public JobBuilder scheduleId(String scheduleId) {
    this.scheduleId = scheduleId;
    return this;
  }

  public JobBuilder scheduledTime(Instant scheduledTime) {
    this.scheduledTime = scheduledTime;
    return this;
  }

  public JobBuilder groupId(String groupId) {
    this.groupId = groupId;
    return this;
  }

  public JobBuilder owner(String owner) {
    this.owner = owner;
    return this;
  }

  public JobBuilder traceId(String traceId) {
    this.traceId = traceId;
    return this;
  }

  public JobBuilder callbackUrl(String callbackUrl) {
    this.callbackUrl = callbackUrl;
    return this;
  }

  public JobBuilder createdAt(Instant createdAt) {
    this.createdAt = createdAt;
    return this;
  }

  public JobBuilder queuedAt(Instant queuedAt) {
    this.queuedAt = queuedAt;
    return this;
  }

  public JobBuilder startedAt(Instant startedAt) {
    this.startedAt = startedAt;
    return this;
  }

  public JobBuilder attemptStartedAt(Instant attemptStartedAt) {
    this.attemptStartedAt = attemptStartedAt;
    return this;
  }

  public JobBuilder completedAt(Instant completedAt) {
    this.completedAt = completedAt;
    return this;
  }

  public JobBuilder updatedAt(Instant updatedAt) {
    this.updatedAt = updatedAt;
    return this;
  }

  public JobBuilder expiresAt(Instant expiresAt) {
    this.expiresAt = expiresAt;
    return this;
  }

  public JobBuilder version(long version) {
    this.version = version;
    return this;
  }

  public JobBuilder callback(Callback callback) {
    this.callback = callback;
    return this;
  }

  public Job build() {
    return new Job(
        jobId,
        jobType,
        params,
        status,
        priority,
        progress,
        result,
        resultUri,
        errorMessage,
        attempts,
        maxAttempts,
        timeoutSeconds,
        ttlHours,
        idempotencyKey,
        templateId,
        scheduleId,
        scheduledTime,
        groupId,
        owner,
        traceId,
        callbackUrl,
        createdAt,
        queuedAt,
        startedAt,
        attemptStartedAt,
        completedAt,
        updatedAt,
        expiresAt,
        version,
        callback);
  }
}
