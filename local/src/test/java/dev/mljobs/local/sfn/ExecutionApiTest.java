package dev.mljobs.local.sfn;

import static dev.mljobs.local.sfn.Sfn.SAMPLE;
import static dev.mljobs.local.sfn.Sfn.awaitEnd;
import static dev.mljobs.local.sfn.Sfn.createMachine;
import static dev.mljobs.local.sfn.Sfn.eventually;
import static dev.mljobs.local.sfn.Sfn.oneTask;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.model.DescribeExecutionResponse;
import software.amazon.awssdk.services.sfn.model.ExecutionAlreadyExistsException;
import software.amazon.awssdk.services.sfn.model.ExecutionDoesNotExistException;
import software.amazon.awssdk.services.sfn.model.ExecutionStatus;
import software.amazon.awssdk.services.sfn.model.HistoryEvent;
import software.amazon.awssdk.services.sfn.model.HistoryEventType;
import software.amazon.awssdk.services.sfn.model.InvalidArnException;
import software.amazon.awssdk.services.sfn.model.InvalidExecutionInputException;
import software.amazon.awssdk.services.sfn.model.InvalidNameException;
import software.amazon.awssdk.services.sfn.model.StartExecutionResponse;
import software.amazon.awssdk.services.sfn.model.StateMachineDoesNotExistException;

class ExecutionApiTest {
  private static final TestTasks TASKS = new TestTasks();
  private static LocalStepFunctions service;
  private static SfnClient client;
  private static String sample;
  private static String blocking;

  @BeforeAll
  static void start() throws Exception {
    service = new LocalStepFunctions(0, TASKS);
    client = Sfn.client(service);
    sample = createMachine(client, "sample", SAMPLE);
    blocking = createMachine(client, "blocking", oneTask("block"));
  }

  @AfterAll
  static void stop() {
    client.close();
    service.close();
  }

  @Test
  void an_execution_runs_its_states_and_reports_its_output_and_history() {
    // given
    String input = "{\"job\":\"j-1\"}";
    // when
    StartExecutionResponse started =
        client.startExecution(r -> r.stateMachineArn(sample).name("run-1").input(input));
    DescribeExecutionResponse ended = awaitEnd(client, started.executionArn());
    // then
    assertThat(started.executionArn())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:sample:run-1");
    assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
    assertThat(ended.name()).isEqualTo("run-1");
    assertThat(ended.stateMachineArn()).isEqualTo(sample);
    assertThat(ended.input()).isEqualTo(input);
    assertThat(ended.output())
        .isEqualTo("{\"job\":\"j-1\",\"prepared\":{\"n\":21},\"doubled\":{\"n\":42}}");
    assertThat(ended.startDate()).isEqualTo(started.startDate());
    assertThat(ended.stopDate()).isAfterOrEqualTo(ended.startDate());
    assertThat(ended.error()).isNull();
    assertThat(client.getExecutionHistory(r -> r.executionArn(started.executionArn())).events())
        .extracting(HistoryEvent::type)
        .containsExactly(
            HistoryEventType.EXECUTION_STARTED,
            HistoryEventType.PASS_STATE_ENTERED,
            HistoryEventType.PASS_STATE_EXITED,
            HistoryEventType.TASK_STATE_ENTERED,
            HistoryEventType.TASK_SCHEDULED,
            HistoryEventType.TASK_STARTED,
            HistoryEventType.TASK_SUCCEEDED,
            HistoryEventType.TASK_STATE_EXITED,
            HistoryEventType.CHOICE_STATE_ENTERED,
            HistoryEventType.CHOICE_STATE_EXITED,
            HistoryEventType.SUCCEED_STATE_ENTERED,
            HistoryEventType.SUCCEED_STATE_EXITED,
            HistoryEventType.EXECUTION_SUCCEEDED);
  }

  @Test
  void an_execution_without_name_or_input_gets_a_uuid_and_an_empty_object() {
    // when
    String arn = client.startExecution(r -> r.stateMachineArn(sample)).executionArn();
    DescribeExecutionResponse ended = awaitEnd(client, arn);
    // then
    assertThat(UUID.fromString(ended.name())).isNotNull();
    assertThat(ended.input()).isEqualTo("{}");
    assertThat(ended.status()).isEqualTo(ExecutionStatus.SUCCEEDED);
  }

  @Test
  void starting_a_running_execution_again_with_the_same_input_answers_the_same_execution() {
    // given
    StartExecutionResponse first =
        client.startExecution(r -> r.stateMachineArn(blocking).name("twice").input("{\"a\":1}"));
    // when
    StartExecutionResponse again =
        client.startExecution(r -> r.stateMachineArn(blocking).name("twice").input("{\"a\": 1}"));
    // then
    assertThat(again.executionArn()).isEqualTo(first.executionArn());
    assertThat(again.startDate()).isEqualTo(first.startDate());
    assertThatThrownBy(
            () ->
                client.startExecution(
                    r -> r.stateMachineArn(blocking).name("twice").input("{\"a\":2}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class)
        .hasMessageContaining(first.executionArn());
    client.stopExecution(r -> r.executionArn(first.executionArn()));
  }

  @Test
  void starting_an_ended_execution_again_is_refused_whatever_the_input() {
    // given
    String arn =
        client
            .startExecution(r -> r.stateMachineArn(sample).name("once").input("{}"))
            .executionArn();
    awaitEnd(client, arn);
    // when / then
    assertThatThrownBy(
            () -> client.startExecution(r -> r.stateMachineArn(sample).name("once").input("{}")))
        .isInstanceOf(ExecutionAlreadyExistsException.class)
        .hasMessageContaining(arn);
  }

  @Test
  void stopping_a_running_execution_interrupts_its_task_and_aborts_it() {
    // given
    String arn =
        client.startExecution(r -> r.stateMachineArn(blocking).name("to-stop")).executionArn();
    eventually(() -> TASKS.hasStarted(arn));
    // when
    client.stopExecution(
        r -> r.executionArn(arn).error("User.Cancelled").cause("no longer needed"));
    // then
    DescribeExecutionResponse stopped = client.describeExecution(r -> r.executionArn(arn));
    assertThat(stopped.status()).isEqualTo(ExecutionStatus.ABORTED);
    assertThat(stopped.error()).isEqualTo("User.Cancelled");
    assertThat(stopped.cause()).isEqualTo("no longer needed");
    assertThat(stopped.stopDate()).isNotNull();
    eventually(() -> TASKS.wasInterrupted(arn));
    assertThat(client.getExecutionHistory(r -> r.executionArn(arn).reverseOrder(true)).events())
        .first()
        .satisfies(
            last -> {
              assertThat(last.type()).isEqualTo(HistoryEventType.EXECUTION_ABORTED);
              assertThat(last.executionAbortedEventDetails().error()).isEqualTo("User.Cancelled");
            });
  }

  @Test
  void a_failing_task_fails_the_execution_with_its_error_and_cause() {
    // given
    String failing = createMachine(client, "failing", oneTask("fail"));
    // when
    String arn =
        client
            .startExecution(r -> r.stateMachineArn(failing).input("{\"model\":\"resnet\"}"))
            .executionArn();
    DescribeExecutionResponse ended = awaitEnd(client, arn);
    // then
    assertThat(ended.status()).isEqualTo(ExecutionStatus.FAILED);
    assertThat(ended.error()).isEqualTo("Model.NotFound");
    assertThat(ended.cause()).isEqualTo("no model named resnet");
    assertThat(ended.output()).isNull();
  }

  @Test
  void wrong_requests_raise_the_sdks_modelled_exceptions() {
    assertThatThrownBy(
            () -> client.startExecution(r -> r.stateMachineArn(sample).input("{\"open\":")))
        .isInstanceOf(InvalidExecutionInputException.class);
    assertThatThrownBy(() -> client.startExecution(r -> r.stateMachineArn(sample).name("a/b")))
        .isInstanceOf(InvalidNameException.class);
    assertThatThrownBy(
            () ->
                client.startExecution(
                    r -> r.stateMachineArn(sample.replace(":sample", ":missing"))))
        .isInstanceOf(StateMachineDoesNotExistException.class);
    assertThatThrownBy(
            () ->
                client.describeExecution(
                    r -> r.executionArn(sample.replace("stateMachine:", "execution:") + ":nope")))
        .isInstanceOf(ExecutionDoesNotExistException.class)
        .hasMessageContaining(":nope");
    assertThatThrownBy(() -> client.stopExecution(r -> r.executionArn(sample)))
        .isInstanceOf(InvalidArnException.class);
  }
}
