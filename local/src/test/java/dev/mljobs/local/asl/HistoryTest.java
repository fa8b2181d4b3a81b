package dev.mljobs.local.asl;

import static dev.mljobs.local.asl.HistoryEventType.*;
import static dev.mljobs.local.asl.Runs.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Execution history events, with the GetExecutionHistory API's names and fields. */
class HistoryTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2030-05-06T07:08:09.123Z"), ZoneOffset.UTC);

  private static Execution runToEnd(String definition, String input, TaskHandler tasks)
      throws InterruptedException {
    try (AslInterpreter asl = AslInterpreter.builder(tasks).sleeper(d -> {}).clock(CLOCK).build()) {
      Execution execution =
          asl.start(
              StateMachineDefinition.parse(definition),
              ExecutionRequest.of(json(input)).withName("run-1"));
      execution.await();
      return execution;
    }
  }

  private static List<HistoryEventType> types(Execution execution) {
    return execution.history().stream().map(HistoryEvent::type).toList();
  }

  @Test
  void a_task_and_a_pass_state_leave_the_api_event_sequence() throws Exception {
    Execution execution =
        runToEnd(
            """
            {"StartAt": "Train", "States": {
              "Train": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                        "Parameters": {"job.$": "$.id"}, "TimeoutSeconds": 30, "Next": "Done"},
              "Done": {"Type": "Pass", "End": true}}}
            """,
            "{\"id\": 7}",
            (request, context) -> json("{\"ok\": true}"));

    assertThat(types(execution))
        .containsExactly(
            EXECUTION_STARTED,
            TASK_STATE_ENTERED,
            TASK_SCHEDULED,
            TASK_STARTED,
            TASK_SUCCEEDED,
            TASK_STATE_EXITED,
            PASS_STATE_ENTERED,
            PASS_STATE_EXITED,
            EXECUTION_SUCCEEDED);
    List<HistoryEvent> events = execution.history();
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i).id()).isEqualTo(i + 1);
      assertThat(events.get(i).previousEventId()).isEqualTo(i);
    }
    JsonNode scheduled = events.get(2).details();
    assertThat(scheduled.get("resourceType").asText()).isEqualTo("lambda");
    assertThat(scheduled.get("resource").asText()).isEqualTo("invoke");
    assertThat(scheduled.get("region").asText()).isEqualTo("us-east-1");
    assertThat(scheduled.get("parameters").asText()).isEqualTo("{\"job\":7}");
    assertThat(scheduled.get("timeoutInSeconds").asInt()).isEqualTo(30);
    assertThat(events.get(1).details().get("name").asText()).isEqualTo("Train");
    assertThat(events.get(1).details().get("input").asText()).isEqualTo("{\"id\":7}");
    assertThat(events.get(8).details().get("output").asText()).isEqualTo("{\"ok\":true}");
  }

  @Test
  void events_serialize_like_the_api() throws Exception {
    Execution execution =
        runToEnd(
            "{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}",
            "{}",
            Runs.failing("Unexpected"));

    ObjectNode started = execution.history().get(0).toJson();

    assertThat(started.get("type").asText()).isEqualTo("ExecutionStarted");
    assertThat(started.get("id").asLong()).isEqualTo(1);
    assertThat(started.get("previousEventId").asLong()).isZero();
    assertThat(started.get("timestamp").decimalValue()).isEqualByComparingTo("1904281689.123");
    JsonNode details = started.get("executionStartedEventDetails");
    assertThat(details.get("input").asText()).isEqualTo("{}");
    assertThat(details.get("inputDetails").get("truncated").asBoolean()).isFalse();
    assertThat(details.get("roleArn").asText()).isEqualTo(ExecutionRequest.LOCAL_ROLE_ARN);
  }

  @Test
  void failed_attempts_and_the_failure_are_recorded() throws Exception {
    Execution execution =
        runToEnd(
            """
            {"StartAt": "T", "States": {"T": {"Type": "Task", "Resource": "arn:aws:lambda:eu-west-1:1:function:f",
              "Retry": [{"ErrorEquals": ["Boom"], "MaxAttempts": 1}], "End": true}}}
            """,
            "{}",
            Runs.failing("Boom"));

    assertThat(types(execution))
        .containsExactly(
            EXECUTION_STARTED,
            TASK_STATE_ENTERED,
            TASK_SCHEDULED,
            TASK_STARTED,
            TASK_FAILED,
            TASK_SCHEDULED,
            TASK_STARTED,
            TASK_FAILED,
            EXECUTION_FAILED);
    JsonNode failed = execution.history().get(4).details();
    assertThat(failed.get("resourceType").asText()).isEqualTo("lambda");
    assertThat(failed.get("error").asText()).isEqualTo("Boom");
    JsonNode end = execution.history().get(8).toJson().get("executionFailedEventDetails");
    assertThat(end.get("error").asText()).isEqualTo("Boom");
    assertThat(end.get("cause").asText()).isEqualTo("attempt 2");
  }

  @Test
  void map_and_parallel_record_their_iterations_and_branches_on_their_own_lanes() throws Exception {
    Execution execution =
        runToEnd(
            """
            {"StartAt": "Both", "States": {"Both": {"Type": "Parallel", "End": true, "Branches": [
              {"StartAt": "M", "States": {"M": {"Type": "Map", "MaxConcurrency": 1, "End": true,
                "ItemProcessor": {"StartAt": "Item", "States": {"Item": {"Type": "Pass", "End": true}}}}}},
              {"StartAt": "Other", "States": {"Other": {"Type": "Succeed"}}}]}}}
            """,
            "[10, 20]",
            Runs.failing("Unexpected"));

    List<HistoryEvent> events = execution.history();
    assertThat(types(execution))
        .contains(PARALLEL_STATE_STARTED, PARALLEL_STATE_SUCCEEDED, MAP_STATE_SUCCEEDED)
        .containsSubsequence(
            MAP_STATE_STARTED,
            MAP_ITERATION_STARTED,
            MAP_ITERATION_SUCCEEDED,
            MAP_ITERATION_STARTED)
        .filteredOn(SUCCEED_STATE_ENTERED::equals)
        .hasSize(1);
    HistoryEvent mapStarted = only(events, MAP_STATE_STARTED);
    assertThat(mapStarted.details().get("length").asInt()).isEqualTo(2);
    HistoryEvent second =
        events.stream()
            .filter(e -> e.type() == MAP_ITERATION_STARTED)
            .filter(e -> e.details().get("index").asInt() == 1)
            .findFirst()
            .orElseThrow();
    assertThat(second.details().get("name").asText()).isEqualTo("M");
    HistoryEvent parallelStarted = only(events, PARALLEL_STATE_STARTED);
    HistoryEvent otherEntered = only(events, SUCCEED_STATE_ENTERED);
    assertThat(otherEntered.previousEventId()).isEqualTo(parallelStarted.id());
    assertThat(execution.result().orElseThrow().output()).isEqualTo(json("[[10, 20], [10, 20]]"));
  }

  @Test
  void the_context_object_describes_the_execution_machine_and_state() throws Exception {
    Execution execution =
        runToEnd(
            """
            {"StartAt": "Look", "States": {"Look": {"Type": "Task",
              "Resource": "arn:aws:states:::sqs:sendMessage.waitForTaskToken",
              "Parameters": {"id.$": "$$.Execution.Id", "name.$": "$$.Execution.Name",
                "role.$": "$$.Execution.RoleArn", "start.$": "$$.Execution.StartTime",
                "machine.$": "$$.StateMachine.Id", "machineName.$": "$$.StateMachine.Name",
                "entered.$": "$$.State.EnteredTime", "token.$": "$$.Task.Token"},
              "End": true}}}
            """,
            "{}",
            (request, context) -> {
              assertThat(request.taskToken()).isNotBlank();
              return request.input();
            });

    JsonNode seen = execution.result().orElseThrow().output();
    assertThat(seen.get("id").asText())
        .isEqualTo("arn:aws:states:us-east-1:123456789012:execution:local:run-1");
    assertThat(seen.get("name").asText()).isEqualTo("run-1");
    assertThat(seen.get("role").asText()).isEqualTo(ExecutionRequest.LOCAL_ROLE_ARN);
    assertThat(seen.get("start").asText()).isEqualTo("2030-05-06T07:08:09.123Z");
    assertThat(seen.get("machine").asText()).isEqualTo(ExecutionRequest.LOCAL_MACHINE_ARN);
    assertThat(seen.get("machineName").asText()).isEqualTo("local");
    assertThat(seen.get("entered").asText()).isEqualTo("2030-05-06T07:08:09.123Z");
    assertThat(seen.get("token").asText()).hasSize(36);
  }

  private static HistoryEvent only(List<HistoryEvent> events, HistoryEventType type) {
    List<HistoryEvent> matching = events.stream().filter(e -> e.type() == type).toList();
    assertThat(matching).hasSize(1);
    return matching.get(0);
  }
}
