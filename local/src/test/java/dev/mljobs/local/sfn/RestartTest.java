package dev.mljobs.local.sfn;

import static dev.mljobs.local.sfn.Sfn.SAMPLE;
import static dev.mljobs.local.sfn.Sfn.awaitEnd;
import static dev.mljobs.local.sfn.Sfn.createMachine;
import static dev.mljobs.local.sfn.Sfn.eventually;
import static dev.mljobs.local.sfn.Sfn.oneTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.DescribeStateMachineResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionListItem;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

/**
 * A service started on the data directory of one that was closed with work in flight: what ended is
 * as it was, what was running runs again. The whole story is set up once, as each step needs the
 * one before.
 */
class RestartTest {
  private static final TestTasks BEFORE = new TestTasks();
  private static final TestTasks AFTER = new TestTasks();
  private static final String INPUT = "{\"job\":\"j-7\"}";

  @TempDir static Path dataDirectory;
  private static LocalStepFunctions restarted;
  private static SfnClient client;

  private static String sample;
  private static String blocking;
  private static DescribeStateMachineResponse sampleBefore;
  private static DescribeExecutionResponse finishedBefore;
  private static List<HistoryEvent> finishedHistoryBefore;
  private static DescribeExecutionResponse runningBefore;

  @BeforeAll
  static void runAndRestart() throws Exception {
    try (LocalStepFunctions first = new LocalStepFunctions(0, BEFORE, dataDirectory);
        SfnClient firstClient = Sfn.client(first)) {
      sample = createMachine(firstClient, "sample", SAMPLE);
      blocking = createMachine(firstClient, "blocking", oneTask("block"));
      String deleted = createMachine(firstClient, "deleted", SAMPLE);
      firstClient.deleteStateMachine(r -> r.stateMachineArn(deleted));
      String finished =
          firstClient
              .startExecution(r -> r.stateMachineArn(sample).name("finished"))
              .executionArn();
      finishedBefore = awaitEnd(firstClient, finished);
      finishedHistoryBefore =
          firstClient.getExecutionHistory(r -> r.executionArn(finished)).events();
      String running =
          firstClient
              .startExecution(r -> r.stateMachineArn(blocking).name("running").input(INPUT))
              .executionArn();
      eventually(() -> BEFORE.hasStarted(running));
      runningBefore = firstClient.describeExecution(r -> r.executionArn(running));
      sampleBefore = firstClient.describeStateMachine(r -> r.stateMachineArn(sample));
    }
    AFTER.release();
    restarted = new LocalStepFunctions(0, AFTER, dataDirectory);
    client = Sfn.client(restarted);
  }

  @AfterAll
  static void stop() {
    client.close();
    restarted.close();
  }

  @Test
  void state_machines_are_kept_in_the_data_directory() {
    assertThat(dataDirectory.resolve("stepfunctions/state-machines/sample.json")).isRegularFile();
    assertThat(client.describeStateMachine(r -> r.stateMachineArn(sample)))
        .usingEquals(DescribeStateMachineResponse::equalsBySdkFields)
        .isEqualTo(sampleBefore);
    assertThat(client.listStateMachines(r -> {}).stateMachines()).hasSize(2);
    assertThatThrownBy(
            () ->
                client.describeStateMachine(
                    r -> r.stateMachineArn(sample.replace(":sample", ":deleted"))))
        .isInstanceOf(StateMachineDoesNotExistException.class);
  }

  @Test
  void an_ended_execution_is_described_as_before_with_its_whole_history() {
    // when
    DescribeExecutionResponse after =
        client.describeExecution(r -> r.executionArn(finishedBefore.executionArn()));
    // then
    assertThat(after)
        .usingEquals(DescribeExecutionResponse::equalsBySdkFields)
        .isEqualTo(finishedBefore);
    assertThat(client.getExecutionHistory(r -> r.executionArn(after.executionArn())).events())
        .isEqualTo(finishedHistoryBefore);
    assertThatThrownBy(() -> client.startExecution(r -> r.stateMachineArn(sample).name("finished")))
        .isInstanceOf(ExecutionAlreadyExistsException.class);
  }

  @Test
  void a_running_execution_is_run_again_from_the_beginning_with_the_same_identity() {
    // given
    String arn = runningBefore.executionArn();
    eventually(() -> BEFORE.wasInterrupted(arn));
    // when
    DescribeExecutionResponse after = awaitEnd(client, arn);
    // then
    assertThat(after.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(after.name()).isEqualTo("running");
    assertThat(after.input()).isEqualTo(INPUT);
    assertThat(after.output()).isEqualTo(INPUT);
    assertThat(after.startDate()).isEqualTo(runningBefore.startDate());
    assertThat(after.redriveCount()).isEqualTo(1);
    assertThat(after.redriveDate()).isAfterOrEqualTo(after.startDate());
    assertThat(AFTER.inputs()).extracting(Object::toString).contains(INPUT);
    List<HistoryEvent> history = client.getExecutionHistory(r -> r.executionArn(arn)).events();
    assertThat(history)
        .extracting(HistoryEvent::type)
        .startsWith(HistoryEventType.EXECUTION_STARTED, HistoryEventType.EXECUTION_REDRIVEN)
        .endsWith(HistoryEventType.EXECUTION_SUCCEEDED);
    assertThat(history).extracting(HistoryEvent::id).doesNotHaveDuplicates().isSorted();
    assertThat(history.get(0).timestamp()).isEqualTo(runningBefore.startDate());
    assertThat(history.get(1).executionRedrivenEventDetails().redriveCount()).isEqualTo(1);
  }

  @Test
  void executions_started_after_the_restart_are_listed_before_the_older_ones() {
    // given
    assertThat(dataDirectory.resolve("stepfunctions/executions/blocking/running.json"))
        .isRegularFile();
    // when
    String later =
        client.startExecution(r -> r.stateMachineArn(blocking).name("later")).executionArn();
    // then
    assertThat(client.listExecutions(r -> r.stateMachineArn(blocking)).executions())
        .extracting(ExecutionListItem::executionArn)
        .containsExactly(later, runningBefore.executionArn());
    awaitEnd(client, later);
  }
}
