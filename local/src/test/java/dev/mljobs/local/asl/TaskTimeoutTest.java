package dev.mljobs.local.asl;

import static dev.mljobs.local.asl.Runs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** TimeoutSeconds, HeartbeatSeconds and the execution's TimeoutSeconds, on the real clock. */
class TaskTimeoutTest {
  private static final String TASK =
      """
      {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
        %s, "End": true}}}
      """;

  /** Blocks until interrupted, and remembers that it was. */
  private static final class Blocking implements TaskHandler {
    final CountDownLatch interrupted = new CountDownLatch(1);
    volatile boolean sawCancelled;

    @Override
    public JsonNode execute(TaskRequest request, TaskContext context) {
      try {
        Thread.sleep(30_000);
        return TextNode.valueOf("slept");
      } catch (InterruptedException e) {
        sawCancelled = context.isCancelled();
        interrupted.countDown();
        return TextNode.valueOf("interrupted");
      }
    }
  }

  private static ExecutionResult run(String definition, String input, TaskHandler tasks)
      throws InterruptedException {
    try (AslInterpreter asl = AslInterpreter.builder(tasks).build()) {
      return asl.run(StateMachineDefinition.parse(definition), ExecutionRequest.of(json(input)));
    }
  }

  @Test
  void a_task_past_its_timeout_fails_with_States_Timeout_and_is_interrupted() throws Exception {
    Blocking handler = new Blocking();
    String definition =
        TASK.formatted(
            "\"TimeoutSeconds\": 1, \"Retry\": [{\"ErrorEquals\": [\"States.TaskFailed\"]}]");
    long start = System.nanoTime();

    ExecutionResult result = run(definition, "{}", handler);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(result.error()).isEqualTo(StatesError.TIMEOUT);
    assertThat(took).isBetween(Duration.ofMillis(950), Duration.ofMillis(2500));
    assertThat(handler.interrupted.await(1, TimeUnit.SECONDS)).isTrue();
    assertThat(handler.sawCancelled).isTrue();
  }

  @Test
  void timeout_seconds_path_reads_the_limit_from_the_input_and_a_catcher_sees_the_timeout()
      throws Exception {
    String definition =
        """
        {"StartAt": "T", "States": {
          "T": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                "TimeoutSecondsPath": "$.limit",
                "Catch": [{"ErrorEquals": ["States.Timeout"], "ResultPath": "$.error", "Next": "Late"}],
                "End": true},
          "Late": {"Type": "Pass", "End": true}}}
        """;

    ExecutionResult result = run(definition, "{\"limit\": 1}", new Blocking());

    assertThat(result.output().at("/error/Error").asText()).isEqualTo("States.Timeout");
  }

  @Test
  void a_task_whose_heartbeats_stop_fails_with_States_HeartbeatTimeout() throws Exception {
    TaskHandler beatsThreeTimes =
        (request, context) -> {
          for (int i = 0; i < 3; i++) {
            Thread.sleep(300);
            context.heartbeat();
          }
          Thread.sleep(30_000);
          return TextNode.valueOf("too late");
        };
    long start = System.nanoTime();

    ExecutionResult result =
        run(
            TASK.formatted("\"TimeoutSeconds\": 10, \"HeartbeatSeconds\": 1"),
            "{}",
            beatsThreeTimes);

    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(result.error()).isEqualTo(StatesError.HEARTBEAT_TIMEOUT);
    // the last heartbeat came at 0.9 s, so the task lived past its first heartbeat window
    assertThat(took).isBetween(Duration.ofMillis(1800), Duration.ofMillis(3500));
  }

  @Test
  void heartbeats_keep_a_task_alive_longer_than_the_heartbeat_interval() throws Exception {
    TaskHandler beatsWhileWorking =
        (request, context) -> {
          for (int i = 0; i < 5; i++) {
            Thread.sleep(300);
            context.heartbeat();
          }
          return TextNode.valueOf("done");
        };

    ExecutionResult result =
        run(TASK.formatted("\"HeartbeatSeconds\": 1"), "{}", beatsWhileWorking);

    assertThat(result.output().asText()).isEqualTo("done");
  }

  @Test
  void an_execution_past_its_timeout_ends_as_TIMED_OUT() throws Exception {
    String definition =
        """
        {"TimeoutSeconds": 1, "StartAt": "W", "States": {"W": {"Type": "Wait", "Seconds": 60, "End": true}}}
        """;
    long start = System.nanoTime();
    Execution execution;
    ExecutionResult result;
    try (AslInterpreter asl = AslInterpreter.builder(new Blocking()).build()) {
      execution =
          asl.start(StateMachineDefinition.parse(definition), ExecutionRequest.of(json("{}")));
      result = execution.await();
    }

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(result.error()).isEqualTo(StatesError.TIMEOUT);
    assertThat(execution.history())
        .extracting(HistoryEvent::type)
        .endsWith(HistoryEventType.WAIT_STATE_ABORTED, HistoryEventType.EXECUTION_TIMED_OUT);
  }
}
