package dev.mljobs.local.runtime;

import static dev.mljobs.local.runtime.ApiClient.status;
import static dev.mljobs.local.runtime.ApiClient.terminal;
import static dev.mljobs.local.runtime.RuntimeProbes.dispatchQueueDrained;
import static dev.mljobs.local.runtime.RuntimeProbes.executionStatus;
import static dev.mljobs.local.runtime.RuntimeProbes.parked;
import static dev.mljobs.testkit.Waits.patiently;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.mljobs.aws.sqs.Queues;
import dev.mljobs.testkit.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;

/**
 * The job lifecycle end to end through the local runtime's HTTP API: API, DynamoDB, SQS, the
 * dispatcher, the state machine, the steps and the worker, all as they run in AWS. The runtime
 * allows one running job per owner, so that some jobs are held in the queue.
 */
class JobLifecycleIT {

  private static final String BOBS_KEY = "bobs-own-key-0123456789";
  private static final String CAROLS_KEY = "carols-own-key-0123456789";
  private static LocalRuntime runtime;
  private static ApiClient api;

  @BeforeAll
  static void start() throws Exception {
    System.setProperty("sun.net.httpserver.nodelay", "true");
    runtime =
        LocalRuntime.start(
            Options.forTests()
                .withSetting("MLJOBS_CALLBACK_ALLOW", "127.0.0.1")
                .withLimits(1000, 2)
                .withOwner("bob", BOBS_KEY)
                .withOwner("carol", CAROLS_KEY));
    api = new ApiClient(runtime);
  }

  @AfterAll
  static void stop() {
    runtime.close();
  }

  private static String submit(String body) {
    return api.submit(body).get("job_id").asText();
  }

  private static JsonNode runs(String jobId) {
    return api.send("GET", "/v1/jobs/" + jobId + "/runs", null).body().get("runs");
  }

  private static JsonNode awaitEnd(String jobId) throws InterruptedException {
    return api.await(jobId, terminal(), Waits.GENEROUS);
  }

  @Test
  void a_failed_attempt_is_retried_and_the_next_one_succeeds() throws Exception {
    JsonNode job =
        awaitEnd(
            submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":0,\"fail_until_attempt\":1}}"));
    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("attempts").asInt()).isEqualTo(2);
    assertThat(job.get("error_message").isNull()).isTrue();
    JsonNode runs = runs(job.get("job_id").asText());
    assertThat(runs).hasSize(2);
    assertThat(runs.get(0).get("status").asText()).isEqualTo("failed");
    assertThat(runs.get(0).get("error").asText()).contains("failed on purpose in attempt 1");
    assertThat(runs.get(1).get("status").asText()).isEqualTo("completed");
  }

  @Test
  void a_job_that_keeps_failing_fails_with_the_workers_reason_after_max_attempts()
      throws Exception {
    JsonNode job =
        awaitEnd(
            submit(
                "{\"job_type\":\"sleep\",\"max_attempts\":2,\"params\":{\"seconds\":0,\"fail\":\"input file is empty\"}}"));
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.get("attempts").asInt()).isEqualTo(2);
    assertThat(job.get("error_message").asText()).isEqualTo("input file is empty");
    assertThat(runs(job.get("job_id").asText()))
        .hasSize(2)
        .allSatisfy(r -> assertThat(r.get("status").asText()).isEqualTo("failed"));
  }

  @Test
  void a_job_past_its_timeout_fails_with_a_readable_message() throws Exception {
    JsonNode job =
        awaitEnd(
            submit(
                "{\"job_type\":\"sleep\",\"max_attempts\":1,\"timeout_seconds\":1,\"params\":{\"seconds\":30}}"));
    assertThat(job.get("status").asText()).isEqualTo("failed");
    assertThat(job.get("error_message").asText()).isEqualTo("timed out after 1 s");
  }

  @Test
  void a_running_job_is_cancelled_and_its_workflow_and_worker_stop() throws Exception {
    // given: a long job on the Batch path, so its worker is a process we can watch
    String id =
        submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":60,\"runtime\":\"batch\"}}");
    api.await(id, status("running"), Waits.GENEROUS);
    ProcessHandle worker = WorkerProcesses.await(id);
    // when
    ApiClient.Answer cancelled = api.send("DELETE", "/v1/jobs/" + id, null);
    // then
    assertThat(cancelled.status()).isEqualTo(200);
    assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
    assertThat(WorkerProcesses.stops(worker, Waits.GENEROUS)).as("worker process stopped").isTrue();
    assertThat(executionStatus(runtime, id)).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(runs(id))
        .singleElement()
        .satisfies(r -> assertThat(r.get("status").asText()).isEqualTo("cancelled"));
    assertThat(api.job(id).get("status").asText()).isEqualTo("cancelled");
    assertThat(api.send("DELETE", "/v1/jobs/" + id, null).status()).isEqualTo(409);
  }

  @Test
  void a_job_held_by_the_concurrency_limit_is_cancelled_in_the_queue_and_never_runs()
      throws Exception {
    // given: two long jobs fill the owner's two slots
    String a = submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":20}}");
    String b = submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":20}}");
    api.await(a, status("running"), Waits.GENEROUS);
    api.await(b, status("running"), Waits.GENEROUS);
    String held = submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}");
    patiently("the dispatcher parks the held job").until(() -> parked(runtime, held));
    assertThat(api.job(held).get("status").asText()).isEqualTo("queued");
    assertThat(api.job(held).get("position_in_queue").asInt()).isGreaterThanOrEqualTo(1);
    // when
    ApiClient.Answer cancelled = api.send("DELETE", "/v1/jobs/" + held, null);
    api.send("DELETE", "/v1/jobs/" + a, null);
    api.send("DELETE", "/v1/jobs/" + b, null);
    // then
    assertThat(cancelled.body().get("status").asText()).isEqualTo("cancelled");
    // the slots freed by a and b hand parked jobs back to the dispatcher: once it has handled
    // every message, the held job would have an execution if it were to run
    patiently("the dispatcher handles every message").until(() -> dispatchQueueDrained(runtime));
    assertThat(executionStatus(runtime, held)).isNull();
    assertThat(api.job(held).get("attempts").asInt()).isZero();
    assertThat(runs(held)).isEmpty();
  }

  @Test
  void held_jobs_start_as_slots_free_up_highest_priority_first_then_first_queued()
      throws Exception {
    // given: carol's two slots taken by jobs of 2 and 3 seconds, then three jobs held
    ApiClient carol = new ApiClient(runtime, CAROLS_KEY);
    String first =
        carol.submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":2}}").get("job_id").asText();
    String second =
        carol.submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":3}}").get("job_id").asText();
    carol.await(first, status("running"), Waits.GENEROUS);
    carol.await(second, status("running"), Waits.GENEROUS);
    String low =
        carol
            .submit("{\"job_type\":\"sleep\",\"priority\":1,\"params\":{\"seconds\":0}}")
            .get("job_id")
            .asText();
    String high =
        carol
            .submit("{\"job_type\":\"sleep\",\"priority\":9,\"params\":{\"seconds\":0}}")
            .get("job_id")
            .asText();
    String highLater =
        carol
            .submit("{\"job_type\":\"sleep\",\"priority\":9,\"params\":{\"seconds\":0}}")
            .get("job_id")
            .asText();
    // when: the long jobs end, each freeing a slot
    Map<String, Instant> started = new HashMap<>();
    for (String id : List.of(low, high, highLater)) {
      JsonNode done = carol.await(id, terminal(), Waits.GENEROUS);
      assertThat(done.get("status").asText()).isEqualTo("completed");
      started.put(id, Instant.parse(done.get("started_at").asText()));
    }
    // then: high, then highLater, then low; each waited for a running job to end, not for a timer:
    // high started after the first job ended, well within the reconciler's minute (a generous
    // bound: the hand-back takes milliseconds, but the machine may be loaded)
    assertThat(started.get(high)).isBefore(started.get(highLater));
    assertThat(started.get(highLater)).isBefore(started.get(low));
    Instant firstEnded = Instant.parse(carol.job(first).get("completed_at").asText());
    assertThat(started.get(high)).isAfterOrEqualTo(firstEnded);
    assertThat(Duration.between(firstEnded, started.get(high))).isLessThan(Duration.ofSeconds(30));
  }

  @Test
  void a_redelivered_dispatch_message_does_not_run_the_job_again() throws Exception {
    // given
    String id = submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}");
    awaitEnd(id);
    // when: the dispatch message arrives again, as SQS may deliver it
    runtime
        .aws()
        .sqs()
        .sendMessage(
            b ->
                b.queueUrl(runtime.aws().queueUrl(Queues.JOBS))
                    .messageBody("{\"job_id\":\"" + id + "\"}"));
    patiently("the dispatcher handles the message").until(() -> dispatchQueueDrained(runtime));
    // then
    JsonNode job = api.job(id);
    assertThat(job.get("attempts").asInt()).isEqualTo(1);
    assertThat(job.get("version").asInt()).isEqualTo(awaitEnd(id).get("version").asInt());
    assertThat(runs(id)).hasSize(1);
  }

  @Test
  void the_same_idempotency_key_gives_the_same_job() {
    ApiClient.Answer first =
        api.send(
            "POST",
            "/v1/jobs",
            "{\"job_type\":\"sleep\",\"idempotency_key\":\"order-7\",\"params\":{\"seconds\":0}}");
    ApiClient.Answer again =
        api.send(
            "POST",
            "/v1/jobs",
            "{\"job_type\":\"sleep\",\"idempotency_key\":\"order-7\",\"params\":{\"seconds\":0}}");
    assertThat(first.status()).isEqualTo(202);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body().get("job_id")).isEqualTo(first.body().get("job_id"));
  }

  @Test
  void two_hundred_concurrent_submissions_all_complete_exactly_once() throws Exception {
    ExecutorService clients = Executors.newFixedThreadPool(16);
    List<Future<String>> submitted = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      submitted.add(
          clients.submit(() -> submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}")));
    }
    Set<String> ids = new HashSet<>();
    for (Future<String> f : submitted) {
      ids.add(f.get());
    }
    clients.shutdown();
    assertThat(ids).hasSize(200);
    for (String id : ids) {
      JsonNode job = api.await(id, terminal(), Duration.ofSeconds(120));
      assertThat(job.get("status").asText()).as(id).isEqualTo("completed");
      assertThat(job.get("attempts").asInt()).as(id).isEqualTo(1);
    }
    // the run is written right after the job's last change (one write later): once all ended,
    // every job has its run, and exactly one
    for (String id : ids) {
      patiently("the run of " + id).until(() -> runs(id).size() >= 1);
      assertThat(runs(id)).as(id).hasSize(1);
    }
  }

  @Test
  void a_job_on_the_batch_path_completes_with_the_result_its_worker_wrote() throws Exception {
    JsonNode job =
        awaitEnd(
            submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":0,\"runtime\":\"batch\"}}"));
    assertThat(job.get("status").asText()).as(job.toString()).isEqualTo("completed");
    assertThat(job.at("/result/slept_ms").asInt()).isZero();
    assertThat(job.at("/result/attempt").asInt()).isEqualTo(1);
  }

  @Test
  void a_large_result_is_kept_in_s3_and_served_by_the_api() throws Exception {
    JsonNode job =
        awaitEnd(
            submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":0,\"result_bytes\":300000}}"));
    assertThat(job.get("status").asText()).isEqualTo("completed");
    assertThat(job.get("result").isNull()).isTrue();
    assertThat(job.get("result_uri").asText()).startsWith("s3://mljobs-data/results/");
    JsonNode result =
        api.send("GET", "/v1/jobs/" + job.get("job_id").asText() + "/result", null).body();
    assertThat(result.get("padding").asText()).hasSize(300000);
  }

  @Test
  void the_callback_url_is_called_once_when_the_job_ends() throws Exception {
    // given: a webhook receiver
    List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();
    com.sun.net.httpserver.HttpServer hook =
        com.sun.net.httpserver.HttpServer.create(new java.net.InetSocketAddress("127.0.0.1", 0), 0);
    hook.createContext(
        "/hook",
        exchange -> {
          calls.add(
              new String(
                  exchange.getRequestBody().readAllBytes(),
                  java.nio.charset.StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    hook.start();
    try {
      // when
      String url = "http://127.0.0.1:" + hook.getAddress().getPort() + "/hook";
      String id =
          submit(
              "{\"job_type\":\"sleep\",\"callback_url\":\""
                  + url
                  + "\",\"params\":{\"seconds\":0,\"fail_until_attempt\":1}}");
      awaitEnd(id);
      JsonNode job =
          api.await(
              id,
              j -> "delivered".equals(j.at("/callback/status").asText()),
              Duration.ofSeconds(30));
      // then: one call, for the terminal state only
      assertThat(job.at("/callback/attempts").asInt()).isEqualTo(1);
      assertThat(calls).hasSize(1);
      JsonNode body = new com.fasterxml.jackson.databind.ObjectMapper().readTree(calls.get(0));
      assertThat(body.get("job_id").asText()).isEqualTo(id);
      assertThat(body.get("status").asText()).isEqualTo("completed");
    } finally {
      hook.stop(0);
    }
  }

  @Test
  void another_owner_can_neither_see_nor_cancel_a_job() throws Exception {
    String id = submit("{\"job_type\":\"sleep\",\"params\":{\"seconds\":0}}");
    ApiClient bob = new ApiClient(runtime, BOBS_KEY);
    assertThat(bob.send("GET", "/v1/jobs/" + id, null).status()).isEqualTo(404);
    assertThat(bob.send("DELETE", "/v1/jobs/" + id, null).status()).isEqualTo(404);
    assertThat(bob.send("GET", "/v1/jobs/" + id + "/runs", null).status()).isEqualTo(404);
    assertThat(bob.send("GET", "/v1/jobs", null).body().get("jobs").findValuesAsText("job_id"))
        .doesNotContain(id);
    assertThat(awaitEnd(id).get("status").asText()).isEqualTo("completed");
  }

  @Test
  void client_mistakes_get_problem_details() {
    ApiClient.Answer bad =
        api.send(
            "POST",
            "/v1/jobs",
            "{\"job_type\":\"sleep\",\"priority\":\"high\",\"params\":{\"seconds\":0}}");
    assertThat(bad.status()).isEqualTo(400);
    assertThat(bad.raw().headers().firstValue("content-type")).contains("application/problem+json");
    assertThat(bad.body().at("/errors/0/field").asText()).isEqualTo("priority");
    ApiClient.Answer missing =
        api.send("GET", "/v1/jobs/00000000-0000-4000-8000-000000000000", null);
    assertThat(missing.status()).isEqualTo(404);
    assertThat(missing.body().get("title").asText()).isEqualTo("Not found");
  }
}
