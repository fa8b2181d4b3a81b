package dev.mljobs.handlers.steps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.aws.s3.Buckets;
import dev.mljobs.core.BlobStore;
import dev.mljobs.core.StorageUnavailableException;
import dev.mljobs.core.job.ErrorMessages;
import dev.mljobs.core.job.FailureKind;
import dev.mljobs.core.job.Job;
import dev.mljobs.core.job.JobRun;
import dev.mljobs.core.job.JobStatus;
import dev.mljobs.core.job.JobSteps;
import dev.mljobs.core.model.ModelCatalog;
import dev.mljobs.core.storage.OwnerSpaces;
import dev.mljobs.handlers.CallbackTokens;
import dev.mljobs.testkit.InMemoryBlobStore;
import dev.mljobs.testkit.InMemoryJobRunStore;
import dev.mljobs.testkit.InMemoryJobStore;
import dev.mljobs.testkit.InMemoryModelStore;
import dev.mljobs.testkit.JobFixtures;
import dev.mljobs.testkit.RecordingJobQueue;
import dev.mljobs.testkit.SettableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The steps function as the state machine calls it, over the in-memory stores. */
class StepsHandlerTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

  private SettableClock clock;
  private InMemoryJobStore jobs;
  private InMemoryJobRunStore runs;
  private InMemoryBlobStore blobs;
  private StepsHandler handler;

  @BeforeEach
  void setUp() {
    clock = new SettableClock(T0);
    jobs = new InMemoryJobStore(clock);
    runs = new InMemoryJobRunStore();
    blobs = new InMemoryBlobStore();
    JobSteps steps = new JobSteps(jobs, runs, job -> {}, clock, new RecordingJobQueue());
    handler =
        new StepsHandler(
            steps,
            new CallbackTokens("a-secret-of-thirty-two-characters!"),
            "http://127.0.0.1:8080",
            blobs,
            new ModelCatalog(new InMemoryModelStore(), null),
            new OwnerSpaces("mljobs-data", Buckets.OWNER_AREAS, OwnerSpaces.parseGrants("")));
  }

  @Test
  void an_unknown_action_is_refused_naming_it_and_changes_nothing() {
    UUID id = queued(b -> {});
    assertThatThrownBy(() -> call("{\"action\":\"restart\",\"job_id\":\"" + id + "\"}"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("unknown action 'restart'");
    assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(JobStatus.QUEUED);
  }

  @Test
  void start_gives_the_default_timeouts_unless_the_job_has_its_own() throws IOException {
    UUID lambda = queued(b -> {});
    UUID batch =
        queued(b -> b.params(JSON.createObjectNode().put("seconds", 1).put("runtime", "batch")));
    UUID own = queued(b -> b.timeoutSeconds(42));
    assertThat(start(lambda).get("timeout_seconds").asInt()).isEqualTo(900);
    assertThat(start(lambda).get("runtime").asText()).isEqualTo("lambda");
    assertThat(start(batch).get("timeout_seconds").asInt()).isEqualTo(24 * 3600);
    assertThat(start(batch).get("runtime").asText()).isEqualTo("batch");
    assertThat(start(own).get("timeout_seconds").asInt()).isEqualTo(42);
  }

  @Test
  void a_start_rerun_after_progress_reports_hands_over_the_attempts_own_start() throws IOException {
    // given: attempt 1 started at T0 and reported progress at T0+30s
    UUID id = queued(b -> {});
    start(id);
    clock.set(T0.plusSeconds(30));
    jobs.update(jobs.find(id).orElseThrow().reportProgress(50, clock.now()));
    // when: the workflow is re-run after a crash and continues the attempt
    JsonNode again = start(id);
    // then
    assertThat(again.get("attempt").asInt()).isEqualTo(1);
    assertThat(again.get("started_at").asText()).isEqualTo(T0.toString());
  }

  @Test
  void a_batch_attempt_whose_result_is_missing_is_refused_rather_than_completed_empty()
      throws IOException {
    // given: a Batch attempt that ended well but wrote no result
    UUID id = queued(b -> {});
    start(id);
    // when / then
    assertThatThrownBy(
            () ->
                call(
                    "{\"action\":\"complete\",\"job_id\":\""
                        + id
                        + "\",\"attempt\":1,\"started_at\":\""
                        + T0
                        + "\",\"outcome\":{\"batch_job_id\":\"b-1\"}}"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage(
            "the Batch worker ended well but its result "
                + blobs.uriOf(StepsHandler.resultKey(id, 1))
                + " cannot be read");
    assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void a_batch_attempt_whose_result_s3_did_not_serve_fails_the_step_for_the_workflow_to_retry()
      throws IOException {
    // given: a Batch attempt that ended well, and an S3 that does not answer once
    BlobStore unanswering =
        new BlobStore() {
          @Override
          public String put(String key, byte[] bytes, String contentType) {
            return blobs.put(key, bytes, contentType);
          }

          @Override
          public String uriOf(String key) {
            return blobs.uriOf(key);
          }

          @Override
          public byte[] get(String uri) {
            throw new StorageUnavailableException("reading " + uri, new java.io.IOException());
          }
        };
    handler =
        new StepsHandler(
            new JobSteps(jobs, runs, job -> {}, clock, new RecordingJobQueue()),
            new CallbackTokens("a-secret-of-thirty-two-characters!"),
            "http://127.0.0.1:8080",
            unanswering,
            new ModelCatalog(new InMemoryModelStore(), null),
            new OwnerSpaces("mljobs-data", Buckets.OWNER_AREAS, OwnerSpaces.parseGrants("")));
    UUID id = queued(b -> {});
    start(id);
    // when / then: the class the ASL's MarkCompleted Retry names, not the abandoning one
    assertThatThrownBy(
            () ->
                call(
                    "{\"action\":\"complete\",\"job_id\":\""
                        + id
                        + "\",\"attempt\":1,\"started_at\":\""
                        + T0
                        + "\",\"outcome\":{\"batch_job_id\":\"b-1\"}}"))
        .isExactlyInstanceOf(StorageUnavailableException.class);
    assertThat(jobs.find(id).orElseThrow().status()).isEqualTo(JobStatus.RUNNING);
  }

  @Test
  void a_batch_attempt_completes_with_the_result_its_worker_wrote() throws IOException {
    UUID id = queued(b -> {});
    start(id);
    blobs.put(
        StepsHandler.resultKey(id, 1),
        "{\"slept_ms\":5}".getBytes(StandardCharsets.UTF_8),
        "application/json");
    JsonNode answer =
        call(
            "{\"action\":\"complete\",\"job_id\":\""
                + id
                + "\",\"attempt\":1,\"started_at\":\""
                + T0
                + "\",\"outcome\":{\"batch_job_id\":\"b-1\"}}");
    assertThat(answer.get("status").asText()).isEqualTo("completed");
    assertThat(jobs.find(id).orElseThrow().result().get("slept_ms").asInt()).isEqualTo(5);
  }

  @Test
  void the_workers_classification_decides_the_retry_on_both_paths() throws IOException {
    assertRetry(
        lambdaError(FailureKind.PERMANENT.errorName(), "s3://b/x does not exist"),
        false,
        "s3://b/x does not exist");
    assertRetry(
        lambdaError(FailureKind.TRANSIENT.errorName(), "S3 said SlowDown"),
        true,
        "S3 said SlowDown");
    assertRetry(
        lambdaError("java.lang.OutOfMemoryError", "Java heap space"), true, "Java heap space");
    assertRetry(
        batchExit(4, "params.input_uri: s3://b/m.txt does not exist"),
        false,
        "worker exited with code 4: params.input_uri: s3://b/m.txt does not exist");
    assertRetry(batchExit(1, "flaky"), true, "worker exited with code 1: flaky");
    assertRetry(
        batchExit(2, "bad worker environment: BATCH_SIZE must be a positive integer"),
        false,
        "worker exited with code 2: bad worker environment: BATCH_SIZE must be a positive integer");
    assertRetry(
        batchExit(137, "OutOfMemoryError: Container killed due to memory usage"),
        true,
        "worker exited with code 137: OutOfMemoryError: Container killed due to memory usage");
    ObjectNode noExitCode = JSON.createObjectNode().put("Error", "States.TaskFailed");
    noExitCode.put("Cause", "{\"Container\":{},\"StatusReason\":\"Host EC2 terminated\"}");
    assertRetry(noExitCode, true, "worker exited with code -1: Host EC2 terminated");
  }

  @Test
  void timeouts_and_heartbeats_are_transient_with_a_readable_reason() throws IOException {
    ObjectNode timeout = JSON.createObjectNode().put("Error", "States.Timeout").put("Cause", "");
    assertRetry(timeout, true, "timed out after 60 s");
    ObjectNode heartbeat =
        JSON.createObjectNode().put("Error", "States.HeartbeatTimeout").put("Cause", "");
    assertRetry(heartbeat, true, "the worker stopped reporting (heartbeat timeout)");
    assertRetry(JSON.createObjectNode(), true, "the attempt failed for an unknown reason");
  }

  @Test
  void an_over_long_worker_error_is_recorded_cut_on_the_job_and_its_run() throws IOException {
    String message = "a".repeat(5000) + "z".repeat(5000);
    assertRetry(
        lambdaError(FailureKind.TRANSIENT.errorName(), message), true, ErrorMessages.fit(message));
  }

  @Test
  void abandon_fails_the_job_with_the_broken_steps_reason() throws IOException {
    UUID id = queued(b -> {});
    start(id);
    ObjectNode request =
        JSON.createObjectNode().put("action", "abandon").put("job_id", id.toString());
    request.set("error", lambdaError("java.lang.IllegalStateException", "the store is gone"));
    assertThat(call(request.toString()).get("status").asText()).isEqualTo("failed");
    assertThat(jobs.find(id).orElseThrow().errorMessage()).isEqualTo("the store is gone");
  }

  /** A fresh running job (3 attempts) fails attempt 1 with {@code error}. */
  private void assertRetry(JsonNode error, boolean retry, String reason) throws IOException {
    UUID id = queued(b -> {});
    start(id);
    ObjectNode request =
        JSON.createObjectNode()
            .put("action", "attempt_failed")
            .put("job_id", id.toString())
            .put("attempt", 1)
            .put("started_at", T0.toString())
            .put("timeout_seconds", 60);
    request.set("error", error);
    JsonNode answer = call(request.toString());
    Job job = jobs.find(id).orElseThrow();
    assertThat(answer.get("retry").asBoolean()).as(reason).isEqualTo(retry);
    assertThat(job.status()).as(reason).isEqualTo(retry ? JobStatus.QUEUED : JobStatus.FAILED);
    assertThat(job.errorMessage()).isEqualTo(reason);
    assertThat(runs.runsOf(id)).singleElement().extracting(JobRun::error).isEqualTo(reason);
  }

  /** The Error Output of a Lambda task whose handler threw: errorType and the error payload. */
  private static ObjectNode lambdaError(String errorType, String message) {
    ObjectNode payload =
        JSON.createObjectNode().put("errorMessage", message).put("errorType", errorType);
    payload.putArray("stackTrace").add("dev.mljobs.worker.Worker.run(Worker.java:1)");
    return JSON.createObjectNode().put("Error", errorType).put("Cause", payload.toString());
  }

  /** The Error Output of a failed {@code batch:submitJob.sync}: the job's description. */
  private static ObjectNode batchExit(int exitCode, String reason) {
    ObjectNode description = JSON.createObjectNode().put("JobId", "b-1").put("Status", "FAILED");
    description.put("StatusReason", "Essential container in task exited");
    description.putObject("Container").put("ExitCode", exitCode).put("Reason", reason);
    return JSON.createObjectNode()
        .put("Error", "States.TaskFailed")
        .put("Cause", description.toString());
  }

  private UUID queued(java.util.function.Consumer<dev.mljobs.core.job.JobBuilder> change) {
    dev.mljobs.core.job.JobBuilder builder = JobFixtures.aQueuedJob(clock.now());
    change.accept(builder);
    return jobs.create(builder.build()).job().jobId();
  }

  private JsonNode start(UUID id) throws IOException {
    return call("{\"action\":\"start\",\"job_id\":\"" + id + "\"}");
  }

  private JsonNode call(String request) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    handler.handleRequest(
        new ByteArrayInputStream(request.getBytes(StandardCharsets.UTF_8)), out, null);
    return JSON.readTree(out.toByteArray());
  }
}
