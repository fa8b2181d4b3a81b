package dev.mljobs.local.asl;

import static dev.mljobs.local.asl.Runs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Stopping an execution from another thread really stops what it is doing. */
class StopExecutionTest {
  private final CountDownLatch started = new CountDownLatch(3);
  private final AtomicInteger interrupted = new AtomicInteger();
  private final TaskHandler blocking =
      (request, context) -> {
        started.countDown();
        try {
          new CountDownLatch(1).await();
          return TextNode.valueOf("never");
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
          throw e;
        }
      };
  private final AslInterpreter asl = AslInterpreter.builder(blocking).build();

  @AfterEach
  void close() {
    asl.close();
  }

  private Execution start(String definition, String input) {
    return asl.start(StateMachineDefinition.parse(definition), ExecutionRequest.of(json(input)));
  }

  @Test
  void stopping_interrupts_the_running_task_and_waits_for_the_end() throws Exception {
    Execution execution =
        start(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::batch:submitJob.sync", "End": true}}}
            """,
            "{}");
    waitUntil(() -> started.getCount() == 2);

    ExecutionResult result = execution.stop("User.Cancelled", "cancelled by alice");

    assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(result.error()).isEqualTo("User.Cancelled");
    assertThat(result.cause()).isEqualTo("cancelled by alice");
    assertThat(interrupted.get()).isEqualTo(1);
    assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(execution.history())
        .extracting(HistoryEvent::type)
        .endsWith(HistoryEventType.TASK_STATE_ABORTED, HistoryEventType.EXECUTION_ABORTED);
    JsonNode details = execution.history().get(execution.history().size() - 1).details();
    assertThat(details.get("error").asText()).isEqualTo("User.Cancelled");
  }

  @Test
  void stopping_a_map_interrupts_every_running_iteration() throws Exception {
    Execution execution =
        start(
            """
            {"StartAt": "M", "States": {"M": {"Type": "Map", "End": true, "ItemProcessor": {
              "StartAt": "Work", "States": {"Work": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "End": true}}}}}}
            """,
            "[1, 2, 3]");
    assertThat(started.await(5, TimeUnit.SECONDS)).isTrue();

    ExecutionResult result = execution.stop(null, null);

    assertThat(result.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(interrupted.get()).isEqualTo(3);
    assertThat(execution.history())
        .extracting(HistoryEvent::type)
        .filteredOn(HistoryEventType.MAP_ITERATION_ABORTED::equals)
        .hasSize(3);
  }

  @Test
  void stopping_ends_a_wait_on_the_real_clock_and_an_endless_loop() throws Exception {
    Execution waiting =
        start(
            "{\"StartAt\": \"W\", \"States\": {\"W\": {\"Type\": \"Wait\", \"Seconds\": 600, \"End\": true}}}",
            "{}");
    Execution looping =
        start(
            """
            {"StartAt": "A", "States": {"A": {"Type": "Pass", "Next": "B"},
              "B": {"Type": "Choice", "Choices": [{"Variable": "$.stop", "IsPresent": true, "Next": "End"}], "Default": "A"},
              "End": {"Type": "Succeed"}}}
            """,
            "{}");
    Thread.sleep(100);

    assertThat(waiting.stop(null, null).status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(looping.stop(null, null).status()).isEqualTo(ExecutionStatus.ABORTED);
  }

  @Test
  void stopping_a_finished_execution_changes_nothing() throws Exception {
    Execution execution =
        start(
            "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}",
            "{\"a\": 1}");
    execution.await();

    ExecutionResult result = execution.stop("Late", "too late");

    assertThat(result.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(result.output()).isEqualTo(json("{\"a\": 1}"));
  }

  @Test
  void closing_the_interpreter_aborts_what_still_runs() throws Exception {
    Execution execution =
        start(
            "{\"StartAt\": \"T\", \"States\": {\"T\": {\"Type\": \"Task\", \"Resource\": \"arn:aws:states:::lambda:invoke\", \"End\": true}}}",
            "{}");
    waitUntil(() -> started.getCount() == 2);

    asl.close();

    assertThat(execution.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(interrupted.get()).isEqualTo(1);
  }

  private static void waitUntil(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition within 5 s").isLessThan(deadline);
      Thread.sleep(10);
    }
  }
}
