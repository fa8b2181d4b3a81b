package dev.mljobs.local.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.mljobs.aws.sfn.StateMachineDefinitions;
import dev.mljobs.core.StorageUnavailableException;
import dev.mljobs.core.job.ConcurrentJobModificationException;
import dev.mljobs.core.job.EventsUnavailableException;
import dev.mljobs.local.asl.AslInterpreter;
import dev.mljobs.local.asl.Execution;
import dev.mljobs.local.asl.ExecutionRequest;
import dev.mljobs.local.asl.ExecutionResult;
import dev.mljobs.local.asl.ExecutionStatus;
import dev.mljobs.local.asl.HistoryEvent;
import dev.mljobs.local.asl.HistoryEventType;
import dev.mljobs.local.asl.StateMachineDefinition;
import dev.mljobs.local.asl.TaskRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The failure paths of the real {@code statemachines/job-lifecycle.asl.json}, as deployed (its
 * placeholders substituted), run by the local Step Functions interpreter with task states that fail
 * in chosen ways. Waits are recorded, not slept.
 */
class JobLifecycleFailurePathsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CONCURRENT_MODIFICATION =
      ConcurrentJobModificationException.class.getName();

  /** A step whose write is done but whose webhook could not be scheduled: retried like a race. */
  private static final String EVENTS_UNAVAILABLE = EventsUnavailableException.class.getName();

  private static final List<String> LAMBDA_ERRORS =
      List.of(
          "Lambda.ServiceException",
          "Lambda.AWSLambdaException",
          "Lambda.SdkClientException",
          "Lambda.TooManyRequestsException");

  /** The steps function's task states: a failure there is retried, then abandons the job. */
  private static final List<String> STEP_STATES =
      List.of("MarkRunning", "MarkCompleted", "AttemptFailed");

  private final List<Duration> sleeps = new ArrayList<>();
  private Execution execution;

  @Test
  void the_steps_retry_names_the_java_classes_it_retries_and_every_lambda_error() throws Exception {
    JsonNode states = definition().get("States");
    Set<String> retried = new TreeSet<>();
    states
        .properties()
        .forEach(
            e -> {
              if (e.getValue().has("Retry") && !e.getKey().equals("Abandon")) {
                retried.add(e.getKey());
                // the ASL names the Java classes by string: a rename must fail here
                JsonNode events = retrier(e.getValue(), EVENTS_UNAVAILABLE);
                assertThat(events.get("ErrorEquals")).as(e.getKey()).hasSize(1);
                assertThat(events.get("MaxAttempts").asInt()).as(e.getKey()).isEqualTo(30);
                assertThat(events.get("MaxDelaySeconds").asInt()).as(e.getKey()).isEqualTo(300);
                JsonNode retry = retrier(e.getValue(), CONCURRENT_MODIFICATION);
                List<String> names = new ArrayList<>();
                retry.get("ErrorEquals").forEach(n -> names.add(n.asText()));
                assertThat(names).as(e.getKey()).containsAll(LAMBDA_ERRORS);
                assertThat(retry.get("MaxAttempts").asInt()).as(e.getKey()).isEqualTo(5);
              }
            });
    assertThat(retried).containsExactlyInAnyOrderElementsOf(STEP_STATES);
  }

  /** The retrier of a state whose ErrorEquals names {@code error}. */
  private static JsonNode retrier(JsonNode state, String error) {
    for (JsonNode retrier : state.get("Retry")) {
      for (JsonNode name : retrier.get("ErrorEquals")) {
        if (name.asText().equals(error)) {
          return retrier;
        }
      }
    }
    throw new AssertionError("no retrier names " + error);
  }

  /** S3 did not answer when MarkCompleted read a Batch result: retried, never abandoned at once. */
  private static final String STORAGE_UNAVAILABLE = StorageUnavailableException.class.getName();

  @Test
  void mark_completed_retries_an_s3_that_did_not_answer_for_over_an_hour() throws Exception {
    // the ASL names the class by string: a rename must fail here
    JsonNode retry = retrier(definition().at("/States/MarkCompleted"), STORAGE_UNAVAILABLE);
    assertThat(retry.get("ErrorEquals")).hasSize(1);
    long nominal = 0;
    for (int i = 0; i < retry.get("MaxAttempts").asInt(); i++) {
      nominal +=
          Math.min(
              retry.get("IntervalSeconds").asLong() << i, retry.get("MaxDelaySeconds").asLong());
    }
    assertThat(nominal).as("nominal retry time, before jitter").isGreaterThan(3600);
    // given: the result cannot be read three times, then can
    LifecycleScript tasks = new LifecycleScript().fail("MarkCompleted", STORAGE_UNAVAILABLE, 3);
    // when
    ExecutionResult result = run(tasks);
    // then
    assertThat(tasks.callsOf("MarkCompleted")).hasSize(4);
    assertThat(tasks.callsOf("Abandon")).isEmpty();
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void a_lost_write_race_in_each_step_is_retried_and_the_job_ends_normally() throws Exception {
    for (String state : STEP_STATES) {
      // given: the step loses two write races, then succeeds
      LifecycleScript tasks = new LifecycleScript().fail(state, CONCURRENT_MODIFICATION, 2);
      if (state.equals("AttemptFailed")) {
        tasks.fail("RunOnLambda", "dev.mljobs.worker.JobFailedException", 1);
      }
      // when
      ExecutionResult result = run(tasks);
      // then
      assertThat(tasks.callsOf(state)).as(state).hasSizeGreaterThanOrEqualTo(3);
      assertThat(tasks.callsOf(state).get(2).retryCount()).as(state).isEqualTo(2);
      assertThat(tasks.callsOf("Abandon")).as(state).isEmpty();
      assertThat(result.status()).as(state).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  @Test
  void a_step_whose_webhook_could_not_be_scheduled_is_retried_and_the_job_ends_normally()
      throws Exception {
    for (String state : STEP_STATES) {
      // given: the step's write is done, then scheduling the webhook fails once
      sleeps.clear();
      LifecycleScript tasks = new LifecycleScript().fail(state, EVENTS_UNAVAILABLE, 1);
      if (state.equals("AttemptFailed")) {
        tasks.fail("RunOnLambda", "dev.mljobs.worker.JobFailedException", 1);
      }
      // when
      ExecutionResult result = run(tasks);
      // then: called again after the first backoff (2 s, halved by full jitter at 0.5), not
      // abandoned, and the execution ends as it would have without the failure
      assertThat(tasks.callsOf(state)).as(state).hasSize(2);
      assertThat(tasks.callsOf(state).get(1).retryCount()).as(state).isEqualTo(1);
      assertThat(tasks.callsOf(state).get(1).input())
          .as(state + ": the same call again")
          .isEqualTo(tasks.callsOf(state).get(0).input());
      List<Duration> expected =
          state.equals("AttemptFailed")
              ? List.of(millis(1000), Duration.ofSeconds(2)) // then the backoff before attempt 2
              : List.of(millis(1000));
      assertThat(sleeps).as(state).isEqualTo(expected);
      assertThat(tasks.callsOf("Abandon")).as(state).isEmpty();
      assertThat(result.status()).as(state).isEqualTo(ExecutionStatus.SUCCEEDED);
    }
  }

  @Test
  void each_step_that_keeps_failing_is_retried_five_times_with_growing_delays_then_abandons()
      throws Exception {
    for (String state : STEP_STATES) {
      for (String error : concat(LAMBDA_ERRORS, CONCURRENT_MODIFICATION)) {
        // given
        sleeps.clear();
        LifecycleScript tasks = new LifecycleScript().fail(state, error, 6);
        if (state.equals("AttemptFailed")) {
          tasks.fail("RunOnLambda", "dev.mljobs.worker.JobFailedException", 1);
        }
        // when
        ExecutionResult result = run(tasks);
        // then: 1 + 5 retries, 1, 2, 4, 8, 16 s (full jitter at 0.5 halves them), then Abandon
        assertThat(tasks.callsOf(state)).as(state + " " + error).hasSize(6);
        assertThat(sleeps)
            .as(state + " " + error)
            .containsExactly(millis(500), millis(1000), millis(2000), millis(4000), millis(8000));
        assertAbandoned(tasks, result, error);
      }
    }
  }

  @Test
  void a_step_whose_webhook_cannot_be_scheduled_is_retried_for_about_an_hour_then_abandons()
      throws Exception {
    for (String state : STEP_STATES) {
      // given: the webhook queue stays unavailable
      sleeps.clear();
      LifecycleScript tasks = new LifecycleScript().fail(state, EVENTS_UNAVAILABLE, 31);
      if (state.equals("AttemptFailed")) {
        tasks.fail("RunOnLambda", "dev.mljobs.worker.JobFailedException", 1);
      }
      // when
      ExecutionResult result = run(tasks);
      // then: 1 + 30 retries, 2 s doubling to the 300 s cap (halved by full jitter at 0.5)
      List<Duration> expected = new ArrayList<>();
      for (int retry = 0; retry < 30; retry++) {
        expected.add(millis(Math.min(2_000L << retry, 300_000L) / 2));
      }
      assertThat(tasks.callsOf(state)).as(state).hasSize(31);
      assertThat(sleeps.subList(0, 30)).as(state).isEqualTo(expected);
      assertThat(expected.stream().mapToLong(Duration::toSeconds).sum() * 2)
          .as("nominal retry time, before jitter")
          .isGreaterThan(3600);
      assertAbandoned(tasks, result, EVENTS_UNAVAILABLE);
    }
  }

  @Test
  void an_error_that_is_not_retried_such_as_an_unknown_action_abandons_at_once() throws Exception {
    for (String state : STEP_STATES) {
      // given: the steps function refuses the call (what an unknown action gives)
      LifecycleScript tasks =
          new LifecycleScript()
              .fail(state, "java.lang.IllegalArgumentException", "unknown action 'x'");
      if (state.equals("AttemptFailed")) {
        tasks.fail("RunOnLambda", "dev.mljobs.worker.JobFailedException", 1);
      }
      // when
      ExecutionResult result = run(tasks);
      // then
      assertThat(tasks.callsOf(state)).as(state).hasSize(1);
      assertAbandoned(tasks, result, "java.lang.IllegalArgumentException");
      assertThat(tasks.callsOf("Abandon").get(0).input().at("/Payload/error/Cause").asText())
          .isEqualTo("unknown action 'x'");
    }
  }

  @Test
  void every_catch_of_a_step_goes_to_abandon_and_every_catch_of_a_worker_to_attempt_failed()
      throws Exception {
    JsonNode states = definition().get("States");
    List<String> catching = new ArrayList<>();
    states
        .properties()
        .forEach(
            e -> {
              for (JsonNode c : e.getValue().path("Catch")) {
                catching.add(e.getKey());
                assertThat(c.get("ErrorEquals").get(0).asText()).isEqualTo("States.ALL");
                assertThat(c.get("Next").asText())
                    .as(e.getKey())
                    .isEqualTo(e.getKey().startsWith("RunOn") ? "AttemptFailed" : "Abandon");
              }
            });
    assertThat(catching)
        .containsExactlyInAnyOrder(
            "MarkRunning", "RunOnLambda", "RunOnBatch", "MarkCompleted", "AttemptFailed");
  }

  @Test
  void a_worker_failure_reaches_attempt_failed_with_its_error_output_on_both_paths()
      throws Exception {
    for (String runtime : List.of("lambda", "batch")) {
      // given
      String state = runtime.equals("batch") ? "RunOnBatch" : "RunOnLambda";
      LifecycleScript tasks =
          new LifecycleScript()
              .answer(
                  "MarkRunning",
                  "{\"run\":true,\"attempt\":1,\"started_at\":\"2030-01-01T00:00:00Z\","
                      + "\"runtime\":\""
                      + runtime
                      + "\",\"timeout_seconds\":60,\"work\":{},\"environment\":[]}")
              .fail(state, "States.TaskFailed", "{\"Container\":{\"ExitCode\":4}}")
              .answer("AttemptFailed", "{\"status\":\"failed\",\"retry\":false}");
      // when
      ExecutionResult result = run(tasks);
      // then: the worker's own failure is not retried by the ASL; the steps function decides
      assertThat(tasks.callsOf(state)).as(runtime).hasSize(1);
      JsonNode payload = tasks.callsOf("AttemptFailed").get(0).input().get("Payload");
      assertThat(payload.get("action").asText()).isEqualTo("attempt_failed");
      assertThat(payload.get("attempt").asInt()).isEqualTo(1);
      assertThat(payload.get("timeout_seconds").asInt()).isEqualTo(60);
      assertThat(payload.at("/error/Error").asText()).isEqualTo("States.TaskFailed");
      assertThat(payload.at("/error/Cause").asText()).isEqualTo("{\"Container\":{\"ExitCode\":4}}");
      assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
      assertThat(waits()).as("no backoff").isEmpty();
    }
  }

  @Test
  void backoff_doubles_from_2_s_and_is_capped_at_300_s() throws Exception {
    // given: ten attempts fail, each answered with retry; the eleventh completes
    LifecycleScript tasks = new LifecycleScript().fail("RunOnLambda", "Lambda.Unknown", 10);
    // when
    ExecutionResult result = run(tasks);
    // then
    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(tasks.callsOf("MarkRunning")).hasSize(11);
    assertThat(tasks.callsOf("MarkCompleted")).hasSize(1);
    List<Long> expected = List.of(2L, 4L, 8L, 16L, 32L, 64L, 128L, 256L, 300L, 300L);
    assertThat(waits()).isEqualTo(expected);
    assertThat(sleeps).isEqualTo(expected.stream().map(Duration::ofSeconds).toList());
  }

  @Test
  void abandon_is_itself_retried_on_any_error_and_the_execution_fails_as_a_broken_workflow()
      throws Exception {
    // given
    LifecycleScript tasks =
        new LifecycleScript()
            .fail("MarkRunning", "java.lang.IllegalStateException", 1)
            .fail("Abandon", "Lambda.Unknown", 2);
    // when
    ExecutionResult result = run(tasks);
    // then
    assertThat(tasks.callsOf("Abandon")).hasSize(3);
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("Job.WorkflowFailed");
  }

  private void assertAbandoned(LifecycleScript tasks, ExecutionResult result, String error) {
    List<TaskRequest> abandon = tasks.callsOf("Abandon");
    assertThat(abandon).as(error).hasSize(1);
    JsonNode payload = abandon.get(0).input().get("Payload");
    assertThat(payload.get("action").asText()).isEqualTo("abandon");
    assertThat(payload.get("job_id").asText()).isEqualTo("job-1");
    assertThat(payload.at("/error/Error").asText()).isEqualTo(error);
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo("Job.WorkflowFailed");
  }

  /** The backoff_seconds each Backoff wait was entered with, from the execution history. */
  private List<Long> waits() throws IOException {
    List<Long> waits = new ArrayList<>();
    for (HistoryEvent event : execution.history()) {
      if (event.type() == HistoryEventType.WAIT_STATE_ENTERED) {
        waits.add(
            JSON.readTree(event.details().get("input").asText()).get("backoff_seconds").asLong());
      }
    }
    return waits;
  }

  private ExecutionResult run(LifecycleScript tasks) throws Exception {
    try (AslInterpreter asl =
        AslInterpreter.builder(tasks)
            .sleeper(
                d -> {
                  synchronized (sleeps) {
                    sleeps.add(d);
                  }
                })
            .random(() -> 0.5)
            .build()) {
      execution =
          asl.start(
              StateMachineDefinition.parse(deployed()),
              ExecutionRequest.of(JSON.readTree("{\"job_id\":\"job-1\"}")));
      return execution.await();
    }
  }

  /** The definition with the substitutions the local runtime (and the CDK stack) make. */
  private static String deployed() throws IOException {
    return StateMachineDefinitions.substitute(text(), StateMachines.substitutions());
  }

  private static JsonNode definition() throws IOException {
    return JSON.readTree(deployed());
  }

  private static String text() throws IOException {
    try (InputStream in =
        JobLifecycleFailurePathsTest.class.getResourceAsStream(
            "/statemachines/job-lifecycle.asl.json")) {
      assertThat(in).as("the ASL on the class path").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static Duration millis(long ms) {
    return Duration.ofMillis(ms);
  }

  private static List<String> concat(List<String> list, String one) {
    List<String> all = new ArrayList<>(list);
    all.add(one);
    return all;
  }
}
