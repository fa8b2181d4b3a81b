package dev.mljobs.local.asl;

import static dev.mljobs.local.asl.Runs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.mljobs.testkit.Waits;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * TimeoutSeconds, HeartbeatSeconds and the execution's TimeoutSeconds, on the real clock. A timeout
 * never fires early, so lower bounds hold however loaded the machine is; that it fired at all (and
 * not the task's own end, far later) is shown by the error and the interruption, not by an upper
 * bound on the time taken.
 */
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
        new CountDownLatch(1).await(); // never released
        return TextNode.valueOf("released");
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
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(950));
    // the task would block for ever: it ended because the timeout interrupted it
    assertThat(handler.interrupted.await(Waits.GENEROUS.toSeconds(), TimeUnit.SECONDS)).isTrue();
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
    AtomicLong lastBeat = new AtomicLong();
    TaskHandler beatsThreeTimes =
        (request, context) -> {
          for (int i = 0; i < 3; i++) {
            Thread.sleep(300);
            context.heartbeat();
            lastBeat.set(System.nanoTime());
          }
          new CountDownLatch(1).await(); // never released
          return TextNode.valueOf("too late");
        };

    ExecutionResult result =
        run(
            TASK.formatted("\"TimeoutSeconds\": 600, \"HeartbeatSeconds\": 1"),
            "{}",
            beatsThreeTimes);

    Duration sinceLastBeat = Duration.ofNanos(System.nanoTime() - lastBeat.get());
    assertThat(result.error()).isEqualTo(StatesError.HEARTBEAT_TIMEOUT);
    // every heartbeat restarted the window: the task failed a window after the last one
    assertThat(lastBeat.get()).isNotZero();
    assertThat(sinceLastBeat).isGreaterThanOrEqualTo(Duration.ofMillis(950));
  }

  @Test
  void heartbeats_keep_a_task_alive_longer_than_the_heartbeat_interval() throws Exception {
    // works for 2.5 heartbeat windows, beating every 50 ms: a wide margin on a loaded machine
    TaskHandler beatsWhileWorking =
        (request, context) -> {
          long start = System.nanoTime();
          while (System.nanoTime() - start < Duration.ofMillis(2500).toNanos()) {
            Thread.sleep(50);
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

    // the Wait is 60 s: ending TIMED_OUT with the wait aborted shows the timeout ended it
    assertThat(Duration.ofNanos(System.nanoTime() - start))
        .isGreaterThanOrEqualTo(Duration.ofMillis(950));
    assertThat(result.status()).isEqualTo(ExecutionStatus.TIMED_OUT);
    assertThat(result.error()).isEqualTo(StatesError.TIMEOUT);
    assertThat(execution.history())
        .extracting(HistoryEvent::type)
        .endsWith(HistoryEventType.WAIT_STATE_ABORTED, HistoryEventType.EXECUTION_TIMED_OUT);
  }
}
