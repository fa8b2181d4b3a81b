package dev.mljobs.local.runtime;

import static dev.mljobs.local.runtime.RuntimeProbes.executionStatus;
import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * Cancel where it races with the workflow, through the local runtime: between two attempts (the
 * execution waiting out its retry backoff) and on the Lambda path (the worker a thread of this
 * JVM).
 */
class CancelIT {

  private static LocalRuntime runtime;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    runtime = LocalRuntime.start(Options.forTests());
    api = new ApiClient(runtime);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static JsonNode runs(String jobId) {
    return api.send("GET", "/v1/jobs/" + jobId + "/runs", null).body().get("runs");
  }

  /** The threads of this JVM that are running a sleep job's worker right now. */
  private static Set<Thread> sleepingWorkers() {
    return Thread.getAllStackTraces().entrySet().stream()
        .filter(
            e ->
                Arrays.stream(e.getValue())
                    .anyMatch(f -> f.getClassName().equals("dev.mljobs.worker.SleepTask")))
        .map(java.util.Map.Entry::getKey)
        .collect(Collectors.toSet());
  }

  @Test
  void a_job_cancelled_during_its_retry_backoff_is_stopped_and_never_runs_again() {
    // given: attempt 1 fails at once; the execution then waits 2 s before attempt 2
    String id =
        api.submit(
                "{\"job_type\":\"sleep\",\"max_attempts\":3,\"params\":{\"seconds\":0,\"fail_until_attempt\":1}}")
            .get("job_id")
            .asText();
    patiently("attempt 1 failed and the job is queued for attempt 2")
        .until(
            () -> {
              JsonNode job = api.job(id);
              return job.path("status").asText().equals("queued")
                  && job.path("attempts").asInt() == 1;
            });
    // when
    ApiClient.Answer cancelled = api.send("DELETE", "/v1/jobs/" + id, null);
    // then: cancelled from the queue (a 409 here would mean the backoff was missed)
    assertThat(cancelled.status()).as(cancelled.body().toString()).isEqualTo(200);
    assertThat(cancelled.body().get("attempts").asInt()).isEqualTo(1);
    // the execution is stopped in its backoff, so no step of it can start attempt 2
    patiently("the execution is aborted")
        .until(() -> executionStatus(runtime, id) == ExecutionStatus.ABORTED);
    JsonNode job = api.job(id);
    assertThat(job.get("status").asText()).isEqualTo("cancelled");
    assertThat(job.get("attempts").asInt()).isEqualTo(1);
    assertThat(runs(id))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("attempt").asInt()).isEqualTo(1);
              assertThat(r.get("status").asText()).isEqualTo("failed");
            });
  }

  @Test
  void cancelling_a_running_job_on_lambda_stops_its_worker_thread_and_records_a_cancelled_run() {
    // given: a long sleep job on the (default) Lambda path, its worker a thread of this JVM
    Set<Thread> before = sleepingWorkers();
    String id =
        api.submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":600}}").get("job_id").asText();
    patiently("the job runs").until(() -> api.job(id).path("status").asText().equals("running"));
    Set<Thread> worker = new java.util.HashSet<>();
    patiently("its worker thread sleeps")
        .until(
            () -> {
              worker.clear();
              worker.addAll(sleepingWorkers());
              worker.removeAll(before);
              return worker.size() == 1;
            });
    // when
    ApiClient.Answer cancelled = api.send("DELETE", "/v1/jobs/" + id, null);
    // then
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
    patiently("the worker thread stops sleeping")
        .until(() -> worker.stream().noneMatch(sleepingWorkers()::contains));
    patiently("the execution is aborted")
        .until(() -> executionStatus(runtime, id) == ExecutionStatus.ABORTED);
    assertThat(runs(id))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.get("attempt").asInt()).isEqualTo(1);
              assertThat(r.get("status").asText()).isEqualTo("cancelled");
            });
    JsonNode job = api.job(id);
    assertThat(job.get("status").asText()).isEqualTo("cancelled");
    assertThat(job.get("result").isNull()).isTrue();
  }
}
