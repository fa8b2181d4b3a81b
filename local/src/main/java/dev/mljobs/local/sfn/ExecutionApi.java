package dev.mljobs.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.mljobs.local.asl.ExecutionResult;
import dev.mljobs.local.asl.ExecutionStatus;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Stream;

/** The execution operations: Start, Stop, Describe, GetExecutionHistory and List. */
final class ExecutionApi {
  private static final int MAX_INPUT = 256 * 1024;

  /** AWS's filters: the statuses, and PENDING_REDRIVE, which nothing here ever is. */
  private static final List<String> STATUS_FILTERS =
      Stream.concat(
              Arrays.stream(ExecutionStatus.values()).map(Enum::name), Stream.of("PENDING_REDRIVE"))
          .toList();

  private final StateMachines machines;
  private final Executions executions;

  ExecutionApi(StateMachines machines, Executions executions) {
    this.machines = machines;
    this.executions = executions;
  }

  /** Adds this API's operations to {@code table}, by their X-Amz-Target names. */
  void addTo(Map<String, Operation> table) {
    table.put("StartExecution", this::start);
    table.put("StopExecution", this::stop);
    table.put("DescribeExecution", this::describe);
    table.put("GetExecutionHistory", this::history);
    table.put("ListExecutions", this::list);
  }

  private ObjectNode start(Request request) {
    StateMachine machine = machines.get(request.string("stateMachineArn"));
    String name =
        Arns.checkName(request.optionalString("name").orElse(UUID.randomUUID().toString()));
    String text = request.optionalString("input", MAX_INPUT).orElse("{}");
    JsonNode input =
        ApiJson.parse(text)
            .orElseThrow(
                () ->
                    new ApiException(
                        "InvalidExecutionInput",
                        "Invalid State Machine Execution Input: 'not one JSON value'"));
    TrackedExecution execution = executions.start(machine, name, input);
    ObjectNode response = ApiJson.object();
    response.put("executionArn", execution.stored().executionArn());
    response.put("startDate", ApiJson.seconds(execution.stored().startDate()));
    return response;
  }

  private ObjectNode stop(Request request) throws InterruptedException {
    TrackedExecution execution = executions.get(request.string("executionArn"));
    ExecutionResult end =
        execution.stop(
            request.optionalString("error", 256).orElse(null),
            request.optionalString("cause", 32768).orElse(null));
    ObjectNode response = ApiJson.object();
    response.put("stopDate", ApiJson.seconds(end.stopDate()));
    return response;
  }

  private ObjectNode describe(Request request) {
    return ExecutionViews.describe(executions.get(request.string("executionArn")));
  }

  private ObjectNode history(Request request) {
    TrackedExecution execution = executions.get(request.string("executionArn"));
    boolean reverse = request.flag("reverseOrder", false);
    boolean withData = request.flag("includeExecutionData", true);
    List<ObjectNode> events = execution.history();
    if (reverse) {
      events = new ArrayList<>(events);
      Collections.reverse(events);
    }
    Page<ObjectNode> page =
        Page.of(
            "events",
            events,
            event -> event.path("id").asLong(),
            reverse,
            request.pageSize(),
            request.optionalString("nextToken"));
    ObjectNode response = ApiJson.object();
    ArrayNode array = response.putArray("events");
    page.items().forEach(event -> array.add(withData ? event : Histories.withoutData(event)));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  private ObjectNode list(Request request) {
    StateMachine machine = machines.get(request.string("stateMachineArn"));
    Optional<String> status =
        request.optionalString("statusFilter").map(ExecutionApi::statusFilter);
    Page<TrackedExecution> page =
        Page.of(
            "executions",
            executions.list(machine.arn(), status),
            execution -> execution.stored().seq(),
            true,
            request.pageSize(),
            request.optionalString("nextToken"));
    ObjectNode response = ApiJson.object();
    ArrayNode array = response.putArray("executions");
    page.items().forEach(execution -> array.add(ExecutionViews.summary(execution)));
    if (page.nextToken() != null) {
      response.put("nextToken", page.nextToken());
    }
    return response;
  }

  private static String statusFilter(String filter) {
    if (!STATUS_FILTERS.contains(filter)) {
      throw Request.violation(
          "statusFilter", filter, "Member must satisfy enum value set: " + STATUS_FILTERS);
    }
    return filter;
  }
}
